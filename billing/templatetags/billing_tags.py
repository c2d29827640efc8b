from django import template

from billing.queries import Status
from billing.tier_labels import tier_label
from members.templatetags.formatting import format_kroner, format_tall

register = template.Library()


@register.filter
def kroner(ore) -> str:
    """Øre as kroner without the unit, for columns headed "(kr)": 5000000 → '50 000,00' (nb), '50,000.00' (en)."""
    if ore in (None, ""):
        return ""
    return format_kroner(int(ore), unit=False)


@register.filter(name="tier_label")
def tier_label_filter(label: str) -> str:
    """A dues tier label in the reader's language (billing.tier_labels)."""
    return tier_label(label)


@register.filter
def thousands(value) -> str:
    """A population or count in the active language's format (formatting's `tall`)."""
    if value in (None, ""):
        return ""
    return format_tall(int(value))


@register.filter
def status_label(status: str) -> str:
    return str(Status.LABELS.get(status, status))


@register.filter
def bank_account(value: str) -> str:
    """11 digits as 1234.56.78903."""
    return f"{value[:4]}.{value[4:6]}.{value[6:]}" if value and len(value) == 11 else value


@register.filter
def org_number(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if value and len(value) == 9 else value


@register.filter
def all_choice_field(form, reason: str):
    """The dues-run choices form's "same for all" field of `reason`, or None."""
    return form.all_field(reason)
