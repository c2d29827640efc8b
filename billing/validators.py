"""Field checks shared by billing's model modules (imports no model, so no module imports back)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.no import kontonr


def check_bank_account(value: str) -> None:
    """A Norwegian account number: 11 digits with a valid MOD11 check digit."""
    if not kontonr.is_valid(value):
        raise ValidationError(_("Kontonummeret må ha 11 sifre med gyldig kontrollsiffer (MOD11)."))
