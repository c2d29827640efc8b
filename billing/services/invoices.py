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

from members.models import ContactRole, Membership, Network, Organisation, User
from members.networks import default_network

from ..models import Invoice, InvoiceLine, Issuer
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


def _snapshot(organisation: Organisation, issuer: Issuer) -> dict:
    return {
        "buyer_name": organisation.name,
        "buyer_org_number": organisation.org_number,
        "buyer_street_address": organisation.street_address,
        "buyer_postal_code": organisation.postal_code,
        "buyer_postal_place": organisation.postal_place,
        "buyer_reference": organisation.invoice_reference,
        "buyer_email": invoice_recipient(organisation),
        "language": organisation.preferred_language or "nb",
        "issuer_name": issuer.issuer_name,
        "issuer_org_number": issuer.issuer_org_number,
        "issuer_in_foretaksregisteret": issuer.issuer_in_foretaksregisteret,
        "issuer_street_address": issuer.street_address,
        "issuer_postal_code": issuer.postal_code,
        "issuer_postal_place": issuer.postal_place,
        "issuer_bank_account": issuer.bank_account,
        "issuer_email": issuer.email,
    }


@transaction.atomic
def issue_invoice(
    *,
    organisation: Organisation,
    lines: Sequence[tuple[str, int]],
    purpose: str = Invoice.Purpose.OTHER,
    membership: Membership | None = None,
    network: Network | None = None,
    dues_year: int | None = None,
    population: int | None = None,
    population_date: datetime.date | None = None,
    tier_label: str = "",
    issue_date: datetime.date | None = None,
    by: User | None = None,
    skip_if: Callable[[], bool] | None = None,
    pdf_only: bool = False,
) -> Invoice | None:
    """Issue an invoice for `network` with `lines` of (description, amount in øre); `pdf_only`: sent without EHF.

    `network`: the membership's network when not given, else the default network. The network's
    issuer numbers the invoice from its locked counter inside this transaction and is snapshotted on
    it; a network without an issuer is refused. `skip_if` is checked after the lock is held, so
    "already issued?" and "issue" cannot interleave.
    """
    if not lines or any(amount <= 0 for _d, amount in lines):
        raise ValidationError(_("En faktura må ha minst én linje med positivt beløp."))
    if network is None:
        network = membership.network if membership is not None else default_network()
    issuer = Issuer.objects.for_network(network)
    number = take_next_number(issuer)
    if skip_if is not None and skip_if():
        transaction.set_rollback(True)
        return None
    issue_date = issue_date or timezone.localdate()
    invoice = Invoice(
        number=number,
        type=Invoice.Type.INVOICE,
        purpose=purpose,
        organisation=organisation,
        membership=membership,
        network=network,
        issuer=issuer,
        dues_year=dues_year,
        issue_date=issue_date,
        due_date=issue_date + datetime.timedelta(days=issuer.due_days),
        kid=kid_for(number, prefix=issuer.kid_prefix),
        amount_ore=sum(amount for _d, amount in lines),
        population=population,
        population_date=population_date,
        tier_label=tier_label,
        pdf_only=pdf_only,
        created_by=by,
        **_snapshot(organisation, issuer),
    )
    # Field checks here; uniqueness (number, KID, one dues invoice a year) is the database's job, and
    # so are the references: each would cost a query per invoice for rows the caller has just read.
    invoice.full_clean(
        exclude=["organisation", "membership", "network", "issuer", "created_by"],
        validate_unique=False,
        validate_constraints=False,
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
    """Credit `invoice` in full (amount None) or in part, as a new document in its issuer's sequence (R4)."""
    number = take_next_number(Issuer(pk=invoice.issuer_id))  # also serialises credit notes on the same invoice
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
        network_id=invoice.network_id,
        issuer_id=invoice.issuer_id,
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
