"""Numbers from a query string (`?year=2026`, `?ar=2026`): whatever arrives, a page gets a usable int.

A query string is typed by people and scanners: `?year=99999`, `?year=-1`, `?year=1e9`, `?year=٣`.
Python's dates only reach the years 1 to 9999 and PostgreSQL's integers 2**63, so a value passed on
unchecked becomes a 500. Here a value that is not plain ASCII digits, or lies outside the range the
page can show, means the page's default: the visitor sees the current year instead of an error.

Used by every app's views (billing, governance, network); members is the lowest app layer.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

# The years a page shows: no network's records are older, no plan reaches further, and every
# date arithmetic on them (a year's 1 January, + 6 months, + 3 years) stays inside Python's dates.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# More digits than any integer a page takes (PostgreSQL's bigint has 19): not worth parsing.
_MAX_DIGITS = 19


def int_param(
    params: Mapping[str, str], name: str, *, default: int, minimum: int | None = None, maximum: int | None = None
) -> int:
    """The integer `params[name]`, or `default` when it is missing, not an integer or out of range.

    Only ASCII digits with an optional sign count ("２０２６" and "٣", which int() accepts, do not),
    with surrounding spaces ignored.
    """
    raw = params.get(name)
    if raw is None:
        return default
    text = str(raw).strip()
    digits = text[1:] if text[:1] in ("+", "-") else text
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        return default
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return default
    return value


def year_param(
    params: Mapping[str, str],
    name: str = "year",
    *,
    default: int | None = None,
    earliest: int = EARLIEST_YEAR,
    latest: int = LATEST_YEAR,
) -> int:
    """A year from the query string; anything else (or a year outside earliest…latest) is `default`,
    the current year unless given."""
    if default is None:
        default = timezone.localdate().year
    return int_param(params, name, default=default, minimum=earliest, maximum=latest)


def next_path(request) -> str | None:
    """A `next` (posted, else in the query string) that is a path on this site, else None.

    Another host or scheme is ignored, and so is anything that is not an absolute path: handed to
    `redirect()`, a bare word would be taken for a view name and fail.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None
