"""Issuing invoices and credit notes: numbered, snapshotted, immutable (R4)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.models import ContactRole, Membership, Organisation, User

from ..models import BillingSettings, Invoice, InvoiceLine
from .numbering import kid_for, take_next_number


def invoice_recipient(organisation: Organisation) -> str:
    """The member's invoice email, else its primary contact's email (R4)."""
    if organisation.invoice_email:
        return organisation.invoice_email
    role = (
        ContactRole.objects.filter(organisation=organisation, person__anonymised_at__isnull=True)
        .exclude(person__email="")
        .select_related("person")
        .order_by("-is_primary", "pk")
        .first()
    )
    return role.person.email if role else ""


def _snapshot(organisation: Organisation, settings: BillingSettings) -> dict:
    return {
        "buyer_name": organisation.name,
        "buyer_org_number": organisation.org_number,
        "buyer_street_address": organisation.street_address,
        "buyer_postal_code": organisation.postal_code,
        "buyer_postal_place": organisation.postal_place,
        "buyer_reference": organisation.invoice_reference,
        "buyer_email": invoice_recipient(organisation),
        "language": organisation.preferred_language or "nb",
        "issuer_name": settings.issuer_name,
        "issuer_org_number": settings.issuer_org_number,
        "issuer_in_foretaksregisteret": settings.issuer_in_foretaksregisteret,
        "issuer_street_address": settings.street_address,
        "issuer_postal_code": settings.postal_code,
        "issuer_postal_place": settings.postal_place,
        "issuer_bank_account": settings.bank_account,
        "issuer_email": settings.email,
    }


@transaction.atomic
def issue_invoice(
    *,
    organisation: Organisation,
    lines: Sequence[tuple[str, int]],
    purpose: str = Invoice.Purpose.OTHER,
    membership: Membership | None = None,
    dues_year: int | None = None,
    population: int | None = None,
    population_date: datetime.date | None = None,
    tier_label: str = "",
    issue_date: datetime.date | None = None,
    by: User | None = None,
    skip_if: Callable[[], bool] | None = None,
    pdf_only: bool = False,
) -> Invoice | None:
    """Issue an invoice with `lines` of (description, amount in øre); `pdf_only`: sent without EHF.

    The number is taken from the locked counter inside this transaction; `skip_if` is checked
    after the lock is held, so "already issued?" and "issue" cannot interleave.
    """
    if not lines or any(amount <= 0 for _d, amount in lines):
        raise ValidationError(_("En faktura må ha minst én linje med positivt beløp."))
    number = take_next_number()
    if skip_if is not None and skip_if():
        transaction.set_rollback(True)
        return None
    settings = BillingSettings.current()
    issue_date = issue_date or timezone.localdate()
    invoice = Invoice(
        number=number,
        type=Invoice.Type.INVOICE,
        purpose=purpose,
        organisation=organisation,
        membership=membership,
        dues_year=dues_year,
        issue_date=issue_date,
        due_date=issue_date + datetime.timedelta(days=settings.due_days),
        kid=kid_for(number),
        amount_ore=sum(amount for _d, amount in lines),
        population=population,
        population_date=population_date,
        tier_label=tier_label,
        pdf_only=pdf_only,
        created_by=by,
        **_snapshot(organisation, settings),
    )
    # Field checks here; uniqueness (number, KID, one dues invoice a year) is the database's job, and
    # so are the references: each would cost a query per invoice for rows the caller has just read.
    invoice.full_clean(
        exclude=["organisation", "membership", "created_by"], validate_unique=False, validate_constraints=False
    )
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, position=i, description=d, unit_price_ore=a, amount_ore=a)
        for i, (d, a) in enumerate(lines, start=1)
    )
    return invoice


def credited_amount(invoice: Invoice) -> int:
    return invoice.credit_notes.aggregate(total=Sum("amount_ore"))["total"] or 0


@transaction.atomic
def issue_credit_note(
    *,
    invoice: Invoice,
    amount_ore: int | None = None,
    reason: str,
    by: User | None = None,
    issue_date: datetime.date | None = None,
) -> Invoice:
    """Credit `invoice` in full (amount None) or in part, as a new document in the same sequence (R4)."""
    number = take_next_number()  # also serialises credit notes on the same invoice
    invoice = Invoice.objects.select_related("organisation").get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError(_("En kreditnota kan ikke krediteres."))
    remaining = invoice.amount_ore - credited_amount(invoice)
    amount_ore = remaining if amount_ore is None else amount_ore
    if amount_ore <= 0 or amount_ore > remaining:
        raise ValidationError(
            {"amount_ore": _("Beløpet må være mellom 0,01 og %(remaining)s kr.") % {"remaining": _kroner(remaining)}}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrunnelse for krediteringen.")})
    issue_date = issue_date or timezone.localdate()
    fields = {
        f.name: getattr(invoice, f.name)
        for f in Invoice._meta.concrete_fields
        if f.name.startswith(("buyer_", "issuer_"))
        or f.name in ("language", "population", "population_date", "tier_label")
    }
    note = Invoice(
        number=number,
        type=Invoice.Type.CREDIT_NOTE,
        purpose=invoice.purpose,
        organisation=invoice.organisation,
        membership=invoice.membership,
        dues_year=invoice.dues_year,
        credited_invoice=invoice,
        reason=reason.strip(),
        issue_date=issue_date,
        due_date=None,
        kid="",
        amount_ore=amount_ore,
        created_by=by,
        **fields,
    )
    note.full_clean()
    note.save()
    with override(invoice.language):
        description = _("Kreditering av faktura %(number)s: %(reason)s") % {
            "number": invoice.number,
            "reason": note.reason,
        }
    InvoiceLine.objects.create(
        invoice=note, position=1, description=description[:300], unit_price_ore=amount_ore, amount_ore=amount_ore
    )
    return note


def _kroner(ore: int) -> str:
    return f"{ore / 100:,.2f}".replace(",", "\u00a0").replace(".", ",")
