"""Validators for Norwegian identifiers (R1) and contact data (R2), with messages a coordinator
understands. Model fields and forms use the same ones."""

from __future__ import annotations

import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.no import orgnr

# County numbers of the 2024 structure and of 2020-2023, so that numbers on older
# documents still validate.
COUNTY_NUMBERS = frozenset(
    {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"} | {"30", "38", "54"}
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
        raise ValidationError(_("Organisasjonsnummeret må ha nøyaktig 9 sifre."), code="org_number_length") from None
    except InvalidFormat:
        raise ValidationError(_("Organisasjonsnummeret kan bare inneholde sifre."), code="org_number_format") from None
    except InvalidChecksum:
        raise ValidationError(
            _("Organisasjonsnummeret har feil kontrollsiffer (MOD11). Sjekk at det er skrevet riktig."),
            code="org_number_checksum",
        ) from None


def validate_kommunenummer(value: str) -> None:
    """Four digits: a county number followed by a number within the county (01-99)."""
    if not (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Kommunenummeret må være fire sifre, for eksempel 0301."), code="kommunenummer_format")
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


# --- contact data (names, titles, addresses, postal codes) -------------------------------------

# Characters that are invisible or change how text around them is shown: control characters (Cc),
# format characters (Cf: bidirectional overrides and isolates U+202A-U+202E and U+2066-U+2069,
# zero-width space and joiners, the byte-order mark), line and paragraph separators, private-use
# and unassigned code points and lone surrogates.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def normalise_text(value: str) -> str:
    """NFC-normalised and stripped: "e" + U+0301 is stored as one "é", the way a keyboard types it."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value).strip()


def validate_no_control_characters(value: str) -> None:
    """No control, invisible or direction-changing characters (e.g. U+202E RIGHT-TO-LEFT OVERRIDE)."""
    if any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in value or ""):
        raise ValidationError(
            _(
                "Teksten inneholder kontrolltegn eller usynlige tegn, for eksempel tegn som snur "
                "skriveretningen. Skriv den inn på nytt uten dem."
            ),
            code="control_characters",
        )


def validate_has_letter(value: str) -> None:
    if not any(char.isalpha() for char in value or ""):
        raise ValidationError(_("Må inneholde minst én bokstav."), code="no_letter")


def validate_name(value: str) -> None:
    """A person's name or title, a place name: at least one letter, no control characters."""
    validate_no_control_characters(value)
    validate_has_letter(value)


def validate_postal_code(value: str) -> None:
    """A Norwegian postal code: exactly four digits, e.g. 0150."""
    if not (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Postnummeret må være fire sifre, for eksempel 0150."), code="postal_code_format")


def validate_postal_place_given(*, postal_code: str, postal_place: str) -> None:
    """With a postal code comes the place name (poststed): both are printed on letters and invoices."""
    if postal_code and not (postal_place or "").strip():
        raise ValidationError(
            {"postal_place": _("Skriv poststedet som hører til postnummeret, for eksempel Oslo.")},
            code="postal_place_required",
        )


# --- phone numbers ------------------------------------------------------------------------------

PHONE_REGION = "NO"
PHONE_INVALID_MESSAGE = _(
    "Skriv et gyldig telefonnummer, for eksempel 22 12 34 56, eller et utenlandsk nummer "
    "med landskode, for eksempel +46 8 123 456 78."
)


def validate_phone_number(value) -> None:
    """A number `phonenumbers` knows as valid: Norwegian without prefix, or any country with +."""
    number = to_phone_number(value)
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_INVALID_MESSAGE, code="invalid")


def to_phone_number(value) -> phonenumbers.PhoneNumber | None:
    """The parsed number (Norway when no country code is given), or None when it does not parse."""
    if isinstance(value, phonenumbers.PhoneNumber):
        return value if value.country_code else None
    if not value:
        return None
    try:
        return phonenumbers.parse(str(value), PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None


def phone_to_e164(value: str) -> str:
    """`"22 12 34 56"` → `"+4722123456"`; a value that is not a valid number comes back unchanged."""
    number = to_phone_number(value)
    if number is None or not phonenumbers.is_valid_number(number):
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value) -> str:
    """For people to read: a Norwegian number in national format (`22 12 34 56`), a foreign one in
    international format (`+46 8 123 456 78`), a stored value that does not parse as it is."""
    if not value:
        return ""
    number = to_phone_number(value)
    if number is None or not phonenumbers.is_valid_number(number):
        return str(getattr(value, "raw_input", "") or value)
    if phonenumbers.region_code_for_number(number) == PHONE_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


LOGO_MAX_BYTES = 500 * 1024
# The formats a network's logo may have, by the extensions that name them.
LOGO_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def validate_logo(value) -> None:
    """A network's logo: a PNG or JPEG picture Pillow can read, of at most 500 kB, whose extension
    names its real format. A logo already stored was checked when it was uploaded."""
    import os

    from PIL import Image, UnidentifiedImageError

    if getattr(value, "_committed", False):
        return
    extension = os.path.splitext(value.name or "")[1].lower()
    if extension not in LOGO_FORMATS:
        raise ValidationError(_("Logoen må være en PNG- eller JPEG-fil."), code="logo_extension")
    if value.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Logoen er for stor: den kan være på høyst %(limit)s kB."),
            params={"limit": LOGO_MAX_BYTES // 1024},
            code="logo_too_large",
        )
    try:
        value.seek(0)
        with Image.open(value) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Filen er ikke et bilde som kan leses."), code="logo_not_image") from None
    finally:
        value.seek(0)
    if found != LOGO_FORMATS[extension]:
        raise ValidationError(
            _(
                "Filen heter %(extension)s, men er et %(format)s-bilde. Last opp en PNG- eller JPEG-fil med riktig endelse."
            ),
            params={"extension": extension, "format": found or "?"},
            code="logo_format_mismatch",
        )
