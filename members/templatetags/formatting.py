"""Norwegian formats for money and dates, the same in every language of the site.

    {% load formatting %}
    {{ invoice.amount_ore|kroner }}      123456700 (øre)          → "1 234 567,00 kr"
    {{ line.amount|kroner }}             Decimal("1234567.5") (kr) → "1 234 567,50 kr"
    {{ invoice.due_on|dato }}            date(2026, 11, 22)       → "22.11.2026"

The spaces are NO-BREAK SPACEs (U+00A0), so an amount never wraps across lines. An int is øre and
a Decimal is kroner (the two ways CONVENTIONS.md keeps money); a float is refused, never rounded.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import timezone

register = template.Library()

NBSP = "\u00a0"
_CENT = Decimal("0.01")


def format_kroner(value: int | Decimal, *, unit: bool = True) -> str:
    """Money as "1 234 567,00 kr", from øre (int) or kroner (Decimal); a negative amount gets a minus."""
    if isinstance(value, bool) or isinstance(value, float) or not isinstance(value, int | Decimal):
        raise TypeError(f"kroner takes øre as int or kroner as Decimal, not {type(value).__name__}: {value!r}")
    kroner = (Decimal(value) / 100 if isinstance(value, int) else value).quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if kroner < 0 else ""
    whole, cents = f"{abs(kroner):.2f}".split(".")
    groups = []
    while whole:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = f"{sign}{NBSP.join(groups)},{cents}"
    return f"{text}{NBSP}kr" if unit else text


@register.filter
def kroner(value, arg: str = ""):
    """Money in Norwegian format; `|kroner:"uten"` leaves out " kr" (for a column headed "Beløp (kr)")."""
    if value is None or value == "":
        return ""
    return format_kroner(value, unit=arg != "uten")


def format_dato(value: datetime.date | datetime.datetime) -> str:
    """A date as "22.11.2026"; an aware datetime is first turned into the date in Europe/Oslo."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        raise TypeError(f"dato takes a date or datetime, not {type(value).__name__}: {value!r}")
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


@register.filter
def dato(value):
    if value is None or value == "":
        return ""
    return format_dato(value)
