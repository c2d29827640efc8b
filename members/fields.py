"""Model fields for contact data (R2)."""

from __future__ import annotations

from django.db import models
from phonenumber_field import modelfields

from .validators import PHONE_INVALID_MESSAGE, validate_phone_number


class PhoneNumberField(modelfields.PhoneNumberField):
    """A phone number stored as E.164 (`+4722123456`), Norway when typed without a country code.

    A stored value that does not parse (from before numbers were checked) is kept as it was and
    shown as it is; it must be corrected the next time the person is edited.
    """

    default_validators = [validate_phone_number]
    default_error_messages = {**models.CharField.default_error_messages, "invalid": PHONE_INVALID_MESSAGE}

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.validators = [validate_phone_number]
        return field
