"""Payments: registered by hand or imported from a Nets OCR giro file, matched by KID (R4).

Nothing is guessed: a payment whose KID matches no invoice stays unmatched for the billing
administrator; partial and over-payments are recorded as they are and listed for review.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

import netsgiro
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from netsgiro import records as ocr_records
from simple_history.utils import bulk_create_with_history

from members.models import Network, User
from members.networks import current_network

from ..models import FIRST_DUES_YEAR, Invoice, OcrImport, Payment
from .credit import kroner, lock_invoice, record_overpayment


class OverpaymentNotConfirmed(ValidationError):
    """The payment is more than the invoice's outstanding amount and the surplus was not confirmed."""

    def __init__(self, *, outstanding_ore: int, surplus_ore: int):
        self.outstanding_ore = outstanding_ore
        self.surplus_ore = surplus_ore
        super().__init__(
            _(
                "Beløpet er %(surplus)s kr mer enn utestående (%(outstanding)s kr). Bekreft at overskuddet "
                "skal føres som kreditsaldo for medlemmet."
            )
            % {"surplus": kroner(surplus_ore), "outstanding": kroner(outstanding_ore)},
            code="overpayment",
        )


@transaction.atomic
def register_payment(
    *,
    invoice: Invoice,
    amount_ore: int,
    paid_on: datetime.date,
    reference: str = "",
    note: str = "",
    by: User | None = None,
    confirmed_surplus_ore: int | None = None,
) -> Payment:
    """Record a payment received for `invoice` (a bank statement line, a transfer without KID).

    A payment above the amount outstanding is stored only when its surplus is confirmed
    (`confirmed_surplus_ore` equal to the surplus measured under the invoice's lock, so a changed
    amount or a payment registered meanwhile asks again); the surplus becomes the member's credit
    balance, and the invoice reads paid with nothing outstanding.
    """

    if invoice.is_credit_note:
        raise ValidationError(_("Innbetalinger registreres på fakturaen, ikke på kreditnotaen."))
    if amount_ore is None or amount_ore <= 0:
        raise ValidationError({"amount_ore": _("Beløpet må være større enn null.")})
    # Nothing was billed before dues began (R3): an earlier date is a typo (year 1, 1900 …).
    first_day = datetime.date(FIRST_DUES_YEAR, 1, 1)
    if paid_on < first_day:
        raise ValidationError(
            {
                "paid_on": _("Betalingsdatoen kan ikke være før %(date)s, da kontingenten ble innført.")
                % {"date": first_day.strftime("%d.%m.%Y")}
            }
        )
    outstanding_ore = lock_invoice(invoice).outstanding_ore
    surplus_ore = max(amount_ore - outstanding_ore, 0)
    if surplus_ore and confirmed_surplus_ore != surplus_ore:
        raise OverpaymentNotConfirmed(outstanding_ore=outstanding_ore, surplus_ore=surplus_ore)
    payment = Payment(
        invoice=invoice,
        kid=invoice.kid,
        amount_ore=amount_ore,
        paid_on=paid_on,
        source=Payment.Source.MANUAL,
        reference=reference,
        note=note,
        created_by=by,
    )
    payment.full_clean()
    payment._history_user = by
    payment.save()
    if surplus_ore:
        record_overpayment(payment=payment, surplus_ore=surplus_ore, by=by)
    return payment


@transaction.atomic
def match_payment(*, payment: Payment, invoice: Invoice, by: User | None = None) -> Payment:
    """The billing administrator assigns an unmatched payment to an invoice after checking it."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.invoice_id is not None:
        raise ValidationError(_("Innbetalingen er allerede knyttet til en faktura."))
    if invoice.is_credit_note:
        raise ValidationError(_("Innbetalinger registreres på fakturaen, ikke på kreditnotaen."))
    payment.invoice = invoice
    payment._history_user = by
    payment.save(update_fields=["invoice"])
    return payment


REVERSALS = frozenset({netsgiro.TransactionType.REVERSING_WITH_KID, netsgiro.TransactionType.REVERSING_WITH_TEXT})


class OcrFileInvalid(ValidationError):
    """The OCR file is rejected whole; the message names the line and the reason."""


def _records(lines: list[str]) -> list:
    """The file's records in one pass; for a file with a bad record, OcrFileInvalid naming its line.

    Only a bad file is read again line by line: parsing each line on its own costs netsgiro its
    record table every time, half the import of a large file (make bench: OCR import).
    """
    try:
        return ocr_records.parse("\n".join(lines))
    except (ValueError, KeyError, TypeError) as error:
        file_error = error
    for number, line in enumerate(lines, start=1):
        try:
            ocr_records.parse(line)
        except (ValueError, KeyError, TypeError) as error:
            if len(line) != 80:
                reason = _("linjen har %(length)s tegn, ikke 80") % {"length": len(line)}
            else:
                reason = str(error)
            raise OcrFileInvalid(
                _("Linje %(line)s er ugyldig: %(reason)s. Ingenting er importert.") % {"line": number, "reason": reason}
            ) from error
    raise OcrFileInvalid(
        _("Filen har feil oppbygning: %(reason)s. Ingenting er importert.") % {"reason": file_error}
    ) from file_error


@dataclass(frozen=True)
class OcrTransaction:
    kid: str
    amount_ore: int
    paid_on: datetime.date
    reference: str


def parse_ocr(text: str) -> tuple[str, list[OcrTransaction]]:
    """Parse a Nets OCR giro file (80-character records); raise OcrFileInvalid naming the bad line."""
    lines = [line.rstrip("\r") for line in text.strip("\ufeff").splitlines()]
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise OcrFileInvalid(_("Filen er tom."))
    records = _records(lines)
    try:
        transmission = netsgiro.Transmission.from_records(records)
    except (ValueError, AssertionError, KeyError, TypeError, IndexError) as error:
        raise OcrFileInvalid(
            _("Filen har feil oppbygning: %(reason)s. Ingenting er importert.")
            % {"reason": error or type(error).__name__}
        ) from error
    transactions = []
    for assignment in transmission.assignments:
        if assignment.service_code != netsgiro.ServiceCode.OCR_GIRO:
            continue
        for item in assignment.transactions:
            if item.type in REVERSALS:
                raise OcrFileInvalid(
                    _(
                        "Transaksjon %(number)s (KID %(kid)s) er en tilbakeføring og må behandles manuelt. "
                        "Ingenting er importert."
                    )
                    % {"number": item.number, "kid": (item.kid or "–").strip()}
                )
            transactions.append(
                OcrTransaction(
                    kid=(item.kid or "").strip(),
                    amount_ore=item.amount_in_cents,
                    paid_on=item.bank_date or item.date,
                    reference=(item.reference or "").strip(),
                )
            )
    return transmission.number, transactions


# Payments are inserted this many at a time, with their history rows.
OCR_BATCH_SIZE = 2000


@transaction.atomic
def import_ocr(
    *,
    data: bytes,
    filename: str,
    by: User | None = None,
    network: Network | None = None,
    match_network_ids: frozenset[int] | None = None,
) -> OcrImport:
    """Import every payment of an OCR file in one transaction, matched to invoices by KID.

    The import is `network`'s (the current one): its unmatched payments are listed there. Payments
    are matched to the invoices of `match_network_ids` (only `network`'s when not given; the billing
    page passes the networks of the same issuer that the importer handles, billing.queries).

    The payments and their history rows go in as batched inserts: a file may hold tens of thousands
    of records, and saving them one by one cost about 1.3 ms each (make bench: OCR import).
    """
    ocr_import, transactions = record_ocr_file(data=data, filename=filename, by=by, network=network)
    payments = ocr_payments(transactions, ocr_import=ocr_import, by=by, match_network_ids=match_network_ids)
    bulk_create_with_history(payments, Payment, batch_size=OCR_BATCH_SIZE, default_user=by)
    return ocr_import


def record_ocr_file(
    *, data: bytes, filename: str, by: User | None, network: Network | None = None
) -> tuple[OcrImport, list[OcrTransaction]]:
    """Refuse a file imported before or unreadable; else record the import (`network`'s, the current one)
    and return its transactions."""
    digest = hashlib.sha256(data).hexdigest()
    if OcrImport.objects.filter(sha256=digest).exists():
        raise OcrFileInvalid(_("Denne filen er allerede importert."))
    try:
        text = data.decode("iso-8859-1")
    except UnicodeDecodeError as error:  # pragma: no cover - latin-1 decodes every byte
        raise OcrFileInvalid(_("Filen kan ikke leses som tekst.")) from error
    transmission_number, transactions = parse_ocr(text)
    ocr_import = OcrImport.objects.create(
        network=network or current_network(),
        filename=filename[:200],
        sha256=digest,
        transmission_number=transmission_number,
        imported_by=by,
        transaction_count=len(transactions),
        total_ore=sum(t.amount_ore for t in transactions),
    )
    return ocr_import, transactions


def ocr_payments(
    transactions: list[OcrTransaction],
    *,
    ocr_import: OcrImport,
    by: User | None,
    match_network_ids: frozenset[int] | None = None,
) -> list[Payment]:
    """The file's payments, unsaved, each matched to the invoice with its KID (locked) among the invoices
    of `match_network_ids` (the import's network when not given), or to none."""
    network_ids = match_network_ids or {ocr_import.network_id}
    invoices = {
        i.kid: i
        for i in Invoice.objects.filter(
            kid__in=[t.kid for t in transactions if t.kid], network_id__in=network_ids
        ).select_for_update()
    }
    return [
        Payment(
            invoice=invoices.get(item.kid),
            kid=item.kid,
            amount_ore=item.amount_ore,
            paid_on=item.paid_on,
            source=Payment.Source.OCR,
            ocr_import=ocr_import,
            reference=item.reference,
            created_by=by,
        )
        for item in transactions
        if item.amount_ore > 0
    ]
