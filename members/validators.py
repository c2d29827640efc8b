"""Validators for Norwegian identifiers (R1), with messages a coordinator understands."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.no import orgnr

# County numbers of the 2024 structure and of 2020-2023, so that numbers on older
# documents still validate.
COUNTY_NUMBERS = frozenset(
    {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"}
    | {"30", "38", "54"}
)


def compact_org_number(value: str) -> str:
    return orgnr.compact(value or "")


def validate_org_number(value: str) -> None:
    """Nine digits with a MOD11 check digit (weights 3,2,7,6,5,4,3,2)."""
    try:
        if len(orgnr.compact(value or "")) != 9:
            raise InvalidLength()
        orgnr.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("Organisasjonsnummeret må ha nøyaktig 9 sifre."), code="org_number_length"
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("Organisasjonsnummeret kan bare inneholde sifre."), code="org_number_format"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("Organisasjonsnummeret har feil kontrollsiffer (MOD11). Sjekk at det er skrevet riktig."),
            code="org_number_checksum",
        ) from None


def validate_kommunenummer(value: str) -> None:
    """Four digits: a county number followed by a number within the county (01-99)."""
    if not (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("Kommunenummeret må være fire sifre, for eksempel 0301."), code="kommunenummer_format"
        )
    if value[:2] not in COUNTY_NUMBERS or value[2:] == "00":
        raise ValidationError(
            _("%(value)s er ikke et gyldig kommunenummer: de to første sifrene må være et fylkesnummer."),
            code="kommunenummer_county",
            params={"value": value},
        )


def validate_fylkesnummer(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 2 and value.isdigit() and value in COUNTY_NUMBERS):
        raise ValidationError(
            _("Fylkesnummeret må være to sifre og et gyldig fylke, for eksempel 46."),
            code="fylkesnummer",
        )
