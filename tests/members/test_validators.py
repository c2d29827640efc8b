import pytest
from django.core.exceptions import ValidationError

from members.validators import validate_fylkesnummer, validate_kommunenummer, validate_org_number


@pytest.mark.parametrize("number", ["958935420", "964965226", "944496394", "974760673"])
def test_valid_org_numbers_pass(number):
    validate_org_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("958935421", "org_number_checksum"),  # last digit off by one
        ("95893542", "org_number_length"),
        ("9589354200", "org_number_length"),
        ("95893542A", "org_number_format"),
        ("", "org_number_length"),
    ],
)
def test_invalid_org_numbers_say_why(number, code):
    with pytest.raises(ValidationError) as error:
        validate_org_number(number)
    assert error.value.code == code


def test_checksum_error_is_in_norwegian():
    with pytest.raises(ValidationError) as error:
        validate_org_number("958935421")
    assert "kontrollsiffer" in error.value.messages[0]


@pytest.mark.parametrize("number", ["0301", "1103", "4601", "5001", "5601", "3001"])
def test_valid_kommunenummer_pass(number):
    validate_kommunenummer(number)


@pytest.mark.parametrize("number", ["301", "03010", "0000", "9901", "0300", "03a1", "０３０１", ""])
def test_invalid_kommunenummer_are_refused(number):
    with pytest.raises(ValidationError):
        validate_kommunenummer(number)


@pytest.mark.parametrize(("number", "valid"), [("46", True), ("03", True), ("99", False), ("4", False), ("460", False)])
def test_fylkesnummer(number, valid):
    if valid:
        validate_fylkesnummer(number)
    else:
        with pytest.raises(ValidationError):
            validate_fylkesnummer(number)
