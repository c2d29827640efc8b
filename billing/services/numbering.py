"""The one gap-free document number sequence and the KID derived from it (R4)."""

from __future__ import annotations

from django.db import transaction
from stdnum import luhn

from ..models import NumberCounter

DOCUMENT_SEQUENCE = "documents"
KID_BODY_LENGTH = 8


def take_next_number() -> int:
    """The next invoice/credit-note number, locking the counter row until the caller commits.

    Must be called inside the issuing transaction: a rollback gives the number back, so the
    sequence never has a gap, and the lock makes concurrent issuers wait in line.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number() must run inside the issuing transaction")
    NumberCounter.objects.get_or_create(key=DOCUMENT_SEQUENCE)
    counter = NumberCounter.objects.select_for_update().get(key=DOCUMENT_SEQUENCE)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def kid_for(number: int) -> str:
    """KID: the document number zero-padded to eight digits plus a MOD10 (Luhn) check digit."""
    body = f"{number:0{KID_BODY_LENGTH}d}"
    return body + luhn.calc_check_digit(body)


def is_valid_kid(kid: str) -> bool:
    return kid.isdigit() and luhn.is_valid(kid)
