"""Money typed by a person: decimal notation only, in kroner, to an exact Decimal (R4).

Norwegian `12 500,50` (space, no-break or thin space between groups of three), `12500,5`,
`12500.50` and `12500` are read; exponents (`1e9`), more than two decimals, signs, letters,
`inf`/`nan` and amounts above a sane maximum are refused with a message that says why.
Nothing here goes through float.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# No single payment, credit note or refund of a network's dues comes near this; a typo does.
MAX_AMOUNT = Decimal("100000000")  # 100 000 000 kr

# Space, no-break space, narrow no-break space, thin space: what people and spreadsheets put between groups.
_GROUP = "[ \u00a0\u202f\u2009]"
_AMOUNT = re.compile(rf"^(?P<whole>[0-9]{{1,3}}(?:{_GROUP}[0-9]{{3}})+|[0-9]+)(?:[.,](?P<fraction>[0-9]+))?$")
_SIGNED = re.compile(r"^[-\u2212+]")
# A longer text is no amount: refuse it before any pattern matching.
_MAX_LENGTH = 40

MESSAGES = {
    "required": _("Skriv inn et beløp."),
    "invalid": _("Skriv beløpet med sifre, for eksempel 12 500,50 eller 12500.50."),
    "decimals": _("Beløpet kan ha høyst to desimaler (øre)."),
    "positive": _("Beløpet må være større enn null."),
    "negative": _("Beløpet kan ikke være negativt."),
    "max": _("Beløpet kan ikke være over %(max)s kr."),
}


def _format_max(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", "\u00a0")


def parse_amount(text: str | None, *, allow_zero: bool = False, max_amount: Decimal = MAX_AMOUNT) -> Decimal:
    """The amount in kroner as a Decimal with two decimals, or ValidationError saying what is wrong."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(MESSAGES["required"], code="required")
    if len(value) > _MAX_LENGTH:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if _SIGNED.match(value):
        rest = value[1:].strip()
        if value[0] != "+" and _AMOUNT.match(rest):
            raise ValidationError(MESSAGES["negative"], code="negative")
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    match = _AMOUNT.match(value)
    if match is None:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    fraction = match["fraction"]
    if fraction is not None and len(fraction) > 2:
        raise ValidationError(MESSAGES["decimals"], code="decimals")
    whole = re.sub(_GROUP, "", match["whole"])
    amount = Decimal(f"{whole}.{(fraction or '').ljust(2, '0')}")
    if amount == 0 and not allow_zero:
        raise ValidationError(MESSAGES["positive"], code="positive")
    if amount > max_amount:
        raise ValidationError(MESSAGES["max"], code="max", params={"max": _format_max(max_amount)})
    return amount


def kroner_to_ore(amount: Decimal) -> int:
    """Exact: an amount from parse_amount has at most two decimals."""
    return int((amount * 100).to_integral_value())


def format_amount(amount: Decimal) -> str:
    """An amount as the field shows it again: `12 500,50` in Norwegian, `12500.50` otherwise."""
    if (get_language() or "nb").startswith(("nb", "nn", "no")):
        whole, _sep, fraction = f"{amount:.2f}".partition(".")
        return f"{int(whole):,}".replace(",", "\u00a0") + "," + fraction
    return f"{amount:.2f}"


class AmountField(forms.Field):
    """A money input in kroner: decimal notation only (see parse_amount); cleans to Decimal or None."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, allow_zero: bool = False, max_amount: Decimal = MAX_AMOUNT, **kwargs):
        self.allow_zero = allow_zero
        self.max_amount = max_amount
        kwargs.setdefault(
            "help_text", _("Kroner med sifre, for eksempel 12 500,50 eller 12500.50 (høyst to desimaler).")
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            value = format_amount(value)
        return parse_amount(str(value), allow_zero=self.allow_zero, max_amount=self.max_amount)

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(MESSAGES["required"], code="required")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value)
        return value
