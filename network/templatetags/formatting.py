"""Norwegian formats for money and dates: 1 234 567,00 kr; 22.11.2026."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()
NBSP = "\u00a0"


@register.filter
def kroner(ore) -> str:
    """Integer øre (or a Decimal of kroner given as `Decimal`) as Norwegian kroner."""
    if ore is None or ore == "":
        return ""
    amount = ore if isinstance(ore, Decimal) else Decimal(int(ore)) / 100
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    whole, fraction = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NBSP.join(groups)},{fraction}{NBSP}kr"


@register.filter
def dato(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""
