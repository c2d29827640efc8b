"""Each issuer's gap-free document number sequence and the KID derived from it (R4).

One sequence per issuer (bokføringsforskriften): its invoices and credit notes share it, and so do
all the networks it invoices. Numbers are unique per issuer; KIDs are unique across issuers because
each issuer has its own KID prefix.
"""

from __future__ import annotations

from django.db import transaction
from stdnum import luhn

from ..models import Issuer, NumberCounter

KID_BODY_LENGTH = 8


def take_next_number(issuer: Issuer) -> int:
    """The next invoice/credit-note number of `issuer`, locking its counter row until the caller commits.

    Must be called inside the issuing transaction: a rollback gives the number back, so the
    sequence never has a gap, and the lock makes concurrent issuers wait in line.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number() must run inside the issuing transaction")
    NumberCounter.objects.get_or_create(issuer=issuer)
    counter = NumberCounter.objects.select_for_update().get(issuer=issuer)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def kid_for(number: int, *, prefix: str = "") -> str:
    """KID: the issuer's prefix, the document number zero-padded to eight digits, a MOD10 (Luhn) check digit."""
    body = f"{prefix}{number:0{KID_BODY_LENGTH}d}"
    return body + luhn.calc_check_digit(body)


def is_valid_kid(kid: str) -> bool:
    return kid.isdigit() and luhn.is_valid(kid)
