"""Money, numbers and dates in the format of the active language (nb, en): one filter set for every page.

    {% load formatting %}
                                         nb                     en
    {{ invoice.amount_ore|kroner }}      "1 234 567,00 kr"      "NOK 1,234,567.00"    (123456700 øre)
    {{ line.amount|kroner }}             "1 234 567,50 kr"      "NOK 1,234,567.50"    (Decimal kroner)
    {{ amount|kroner:"uten" }}           "1 234 567,00"         "1,234,567.00"        (column headed "(kr)")
    {{ invoice.due_on|dato }}            "22.11.2026"           "22 Nov 2026"
    {{ meeting.date|dato:"lang" }}       "22. november 2026"    "22 November 2026"    (in a heading or sentence)
    {{ organisation.population|tall }}   "717 710"              "717,710"             (counts, population)

Norwegian groups digits with NO-BREAK SPACEs (U+00A0), so an amount never wraps across lines. An
int is øre and a Decimal is kroner (the two ways CONVENTIONS.md keeps money); a float is refused,
never rounded. PDFs and emails are rendered inside translation.override(recipient's language), so
they follow the recipient. The Python functions take `language` to format for someone else.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

register = template.Library()

NBSP = "\u00a0"
_CENT = Decimal("0.01")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english(language: str | None) -> bool:
    return (language or get_language() or "nb").lower().startswith("en")


def _grouped(digits: str, separator: str) -> str:
    groups = []
    while digits:
        digits, groups = digits[:-3], [digits[-3:], *groups]
    return separator.join(groups)


def format_kroner(value: int | Decimal, *, unit: bool = True, language: str | None = None) -> str:
    """Money from øre (int) or kroner (Decimal): "1 234 567,00 kr" (nb), "NOK 1,234,567.00" (en)."""
    if isinstance(value, bool) or isinstance(value, float) or not isinstance(value, int | Decimal):
        raise TypeError(f"kroner takes øre as int or kroner as Decimal, not {type(value).__name__}: {value!r}")
    kroner = (Decimal(value) / 100 if isinstance(value, int) else value).quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if kroner < 0 else ""
    whole, cents = f"{abs(kroner):.2f}".split(".")
    if _english(language):
        text = f"{sign}{_grouped(whole, ',')}.{cents}"
        return f"NOK{NBSP}{text}" if unit else text
    text = f"{sign}{_grouped(whole, NBSP)},{cents}"
    return f"{text}{NBSP}kr" if unit else text


@register.filter
def kroner(value, arg: str = ""):
    """Money in the active language's format; `|kroner:"uten"` leaves out the currency (for a column
    headed "Beløp (kr)")."""
    if value is None or value == "":
        return ""
    return format_kroner(value, unit=arg != "uten")


def format_tall(value: int, *, language: str | None = None) -> str:
    """A whole number such as a population or a count: "717 710" (nb), "717,710" (en)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"tall takes an int, not {type(value).__name__}: {value!r}")
    sign = "-" if value < 0 else ""
    return sign + _grouped(str(abs(value)), "," if _english(language) else NBSP)


@register.filter
def tall(value):
    """A count or population in the active language's format; None or "" shows nothing."""
    if value is None or value == "":
        return ""
    return format_tall(int(value))


def format_dato(value: datetime.date | datetime.datetime, *, language: str | None = None, long: bool = False) -> str:
    """A date as "22.11.2026" (nb) or "22 Nov 2026" (en); `long`: "22. november 2026" / "22 November
    2026" (month names of the active language). An aware datetime is first turned into the date in
    Europe/Oslo."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        raise TypeError(f"dato takes a date or datetime, not {type(value).__name__}: {value!r}")
    if long:
        return dateformat.format(value, "j F Y" if _english(language) else "j. F Y")
    if _english(language):
        return f"{value.day}{NBSP}{_EN_MONTHS[value.month - 1]}{NBSP}{value.year:04d}"
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


@register.filter
def dato(value, arg: str = ""):
    """A date in the active language's format; `|dato:"lang"` writes the month's name, `|dato:"tid"`
    adds the time of day (Europe/Oslo) to a datetime."""
    if value is None or value == "":
        return ""
    shown = format_dato(value, long=arg == "lang")
    if arg == "tid" and isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        shown = f"{shown} {local:%H:%M}"
    return shown


@register.filter
def periode(months):
    """A number of months as an agreement says it: «seks måneder», «ett år» (members.periods)."""
    from members.periods import months_in_words

    if months in (None, ""):
        return ""
    return months_in_words(int(months))
