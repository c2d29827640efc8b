"""Reads about invoices and payments: balances and states, who may see what, year totals."""

from __future__ import annotations

import datetime

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.models import Network, User
from members.networks import current_network, network_by_id
from members.roles import contact_organisation_ids

from .models import CreditBalanceEntry, Invoice, NetworkBilling, Payment
from .roles import can_manage_billing


class Status:
    ISSUED = "issued"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"
    CREDITED = "credited"
    CREDIT_NOTE = "credit_note"

    LABELS = {
        ISSUED: _("Utstedt"),
        PARTLY_PAID: _("Delvis betalt"),
        PAID: _("Betalt"),
        OVERDUE: _("Forfalt"),
        CREDITED: _("Kreditert"),
        CREDIT_NOTE: _("Kreditnota"),
    }
    CHOICES = [
        (ISSUED, LABELS[ISSUED]),
        (PARTLY_PAID, LABELS[PARTLY_PAID]),
        (PAID, LABELS[PAID]),
        (OVERDUE, LABELS[OVERDUE]),
        (CREDITED, LABELS[CREDITED]),
    ]


def _sum_of(queryset: QuerySet, group: str, expression) -> Coalesce:
    return Coalesce(
        Subquery(queryset.order_by().values(group).annotate(s=Sum(expression)).values("s")[:1]),
        Value(0),
        output_field=BigIntegerField(),
    )


def with_balance(queryset: QuerySet[Invoice], *, today: datetime.date | None = None) -> QuerySet[Invoice]:
    """Annotate paid_ore, credited_ore, outstanding_ore, surplus_ore and status (R4) in one query.

    paid_ore is what covers the invoice: its payments, less a surplus moved to the member's credit
    balance, plus what was set against it from that balance. outstanding_ore is never negative: money
    beyond the amount due is surplus_ore, shown for review until it is moved to the credit balance.
    """
    today = today or timezone.localdate()
    payments = _sum_of(Payment.objects.filter(invoice=OuterRef("pk")), "invoice", "amount_ore")
    credited = _sum_of(Invoice.objects.filter(credited_invoice=OuterRef("pk")), "credited_invoice", "amount_ore")
    entries = CreditBalanceEntry.objects
    moved = _sum_of(
        entries.filter(source_invoice=OuterRef("pk"), kind=CreditBalanceEntry.Kind.OVERPAYMENT),
        "source_invoice",
        "amount_ore",
    )
    set_off = _sum_of(
        entries.filter(invoice=OuterRef("pk"), kind=CreditBalanceEntry.Kind.SET_OFF), "invoice", -F("amount_ore")
    )
    return (
        queryset.annotate(set_off_ore=set_off, credited_ore=credited)
        .annotate(paid_ore=payments - moved + F("set_off_ore"))
        .annotate(balance_ore=F("amount_ore") - F("credited_ore") - F("paid_ore"))
        .annotate(
            outstanding_ore=Greatest(F("balance_ore"), Value(0)),
            surplus_ore=Greatest(-F("balance_ore"), Value(0)),
            status=Case(
                When(type=Invoice.Type.CREDIT_NOTE, then=Value(Status.CREDIT_NOTE)),
                When(credited_ore__gte=F("amount_ore"), then=Value(Status.CREDITED)),
                When(paid_ore__gte=F("amount_ore") - F("credited_ore"), then=Value(Status.PAID)),
                When(due_date__lt=today, then=Value(Status.OVERDUE)),
                When(paid_ore__gt=0, then=Value(Status.PARTLY_PAID)),
                default=Value(Status.ISSUED),
                output_field=CharField(),
            ),
        )
    )


def invoices_visible_to(user: User, network: Network | None = None) -> QuerySet[Invoice]:
    """The network's invoices (the page's by default): all of them for its billing staff, a member
    contact's own organisations' only, else none (R12, R13)."""
    network = network or current_network()
    queryset = Invoice.objects.filter(network=network).select_related("organisation")
    if can_manage_billing(user, network):
        return queryset
    org_ids = contact_organisation_ids(user)
    if org_ids:
        return queryset.filter(organisation_id__in=org_ids)
    return queryset.none()


def invoice_for(user: User, pk: int) -> Invoice:
    """The invoice if `user` may see it, else 404: the same answer for missing and not yours."""
    try:
        return with_balance(invoices_visible_to(user)).get(pk=pk)
    except Invoice.DoesNotExist:
        raise Http404 from None


def dues_invoices(year: int, network: Network | None = None) -> QuerySet[Invoice]:
    """The year's dues invoices: `network`'s, or every network's when None."""
    invoices = Invoice.objects.filter(type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES, dues_year=year)
    return invoices if network is None else invoices.filter(network=network)


def paid_dues_invoices(year: int, network: Network | None = None) -> QuerySet[Invoice]:
    """The year's dues invoices (of `network`, or every network's) paid in full, net of credit notes (R6)."""
    return with_balance(dues_invoices(year, network)).filter(outstanding_ore__lte=0)


def organisations_with_paid_dues(year: int, network: Network | None = None) -> set[int]:
    """Organisation ids whose dues for `year` (to `network`, or to every network) are paid in full (R6)."""
    return set(paid_dues_invoices(year, network).values_list("organisation_id", flat=True))


def dues_summary(year: int, *, network: Network | None = None, version: str | None = None) -> dict:
    """Invoiced, paid, outstanding and overdue amounts (øre) and counts for the year's dues to `network`
    (the page's by default).

    Summing thousands of balances costs tens of milliseconds per page (make bench), so the totals
    are cached under the fingerprint of invoices and payments: any new invoice, credit note or
    payment gives a new key. "Overdue" moves with the date, so the date is in the key too.
    """
    from django.core.cache import caches

    from core.fingerprint import data_version

    today = timezone.localdate()
    network = network or current_network()
    version = version or data_version(Invoice, Payment, CreditBalanceEntry)
    key = f"billing:dues-summary:{year}:{network.pk}:{today.isoformat()}:{version}"
    return caches["local"].get_or_set(key, lambda: _dues_summary(year, today, network), 24 * 3600)


def _dues_summary(year: int, today: datetime.date, network: Network) -> dict:
    rows = with_balance(dues_invoices(year, network), today=today)
    totals = rows.aggregate(
        sum_invoiced=Coalesce(Sum(F("amount_ore") - F("credited_ore")), Value(0), output_field=BigIntegerField()),
        sum_credited=Coalesce(Sum("credited_ore"), Value(0), output_field=BigIntegerField()),
        # What covers the dues, never more than is due: a surplus is counted apart, for review.
        sum_paid=Coalesce(
            Sum(Least(F("paid_ore"), F("amount_ore") - F("credited_ore"))), Value(0), output_field=BigIntegerField()
        ),
        sum_surplus=Coalesce(Sum("surplus_ore"), Value(0), output_field=BigIntegerField()),
        sum_outstanding=Coalesce(
            Sum("outstanding_ore", filter=Q(outstanding_ore__gt=0)), Value(0), output_field=BigIntegerField()
        ),
        sum_overdue=Coalesce(
            Sum("outstanding_ore", filter=Q(status=Status.OVERDUE)), Value(0), output_field=BigIntegerField()
        ),
        invoice_count=Count("pk"),
        paid_count=Count("pk", filter=Q(status__in=[Status.PAID, Status.CREDITED])),
        outstanding_count=Count("pk", filter=Q(outstanding_ore__gt=0)),
        overdue_count=Count("pk", filter=Q(status=Status.OVERDUE)),
    )
    for name in ("invoiced", "credited", "paid", "surplus", "outstanding", "overdue"):
        totals[f"{name}_ore"] = totals.pop(f"sum_{name}")
    totals["year"] = year
    return totals


def unmatched_payments(network: Network) -> QuerySet[Payment]:
    """Payments of the network's OCR imports that match no invoice, for its billing staff to match."""
    return Payment.objects.filter(invoice__isnull=True, ocr_import__network=network).select_related("ocr_import")


def payments_for_review(network: Network | None = None) -> dict:
    """What a billing administrator must look at in `network` (the page's): unmatched payments, partly
    paid and overpaid invoices."""
    network = network or current_network()
    balances = with_balance(
        Invoice.objects.filter(network=network, type=Invoice.Type.INVOICE).select_related("organisation")
    )
    return {
        "unmatched": list(unmatched_payments(network)),
        "partly_paid": list(balances.filter(paid_ore__gt=0, outstanding_ore__gt=0).order_by("due_date")),
        "overpaid": overpaid_invoices(network),
    }


def overpaid_invoices(network: Network | None = None) -> list[Invoice]:
    """The network's (the page's) invoices paid beyond their amount whose surplus is not yet the member's
    credit, newest first."""
    balances = with_balance(
        Invoice.objects.filter(network=network or current_network(), type=Invoice.Type.INVOICE).select_related(
            "organisation"
        )
    )
    return list(balances.filter(surplus_ore__gt=0).order_by("-issue_date"))


def networks_of_same_issuer(network: Network) -> frozenset[int]:
    """`network` and every other network its issuer invoices."""
    issuer_id = NetworkBilling.objects.filter(network=network).values_list("issuer_id", flat=True).first()
    if issuer_id is None:
        return frozenset({network.pk})
    return frozenset(NetworkBilling.objects.filter(issuer_id=issuer_id).values_list("network_id", flat=True)) | {
        network.pk
    }


def may_change_issuer(user: User, issuer) -> bool:
    """An issuer's details are changed by its billing administrators, or by someone who handles the
    billing of every network it invoices (its details are printed on all their invoices)."""
    if user.is_superuser or issuer.billing_admins.filter(pk=user.pk).exists():
        return True
    network_ids = NetworkBilling.objects.filter(issuer=issuer).values_list("network_id", flat=True)
    return all((network := network_by_id(pk)) is not None and can_manage_billing(user, network) for pk in network_ids)


def ocr_match_network_ids(user: User, network: Network) -> frozenset[int]:
    """The networks whose invoices an OCR file imported on `network`'s page is matched against.

    A Nets file is the issuer's bank account's: it may pay invoices of every network the issuer
    invoices. Each payment is matched to the invoice with its KID among the networks of that issuer
    whose billing `user` handles; a KID of another network stays unmatched, in `network` (R12).
    """
    return frozenset(
        pk
        for pk in networks_of_same_issuer(network)
        if pk == network.pk or ((other := network_by_id(pk)) is not None and can_manage_billing(user, other))
    )


def dues_run_preview(year: int, *, network: Network | None = None, version: str | None = None) -> dict:
    """Before the run: how many owe dues, how many are invoiced, and who is flagged (EHF would be invalid).

    Counted and filtered in the database, and kept in the cache until a member, contact, population
    figure or invoice changes: the list page shows it on every visit (make bench).
    """
    from django.core.cache import caches

    from core.fingerprint import data_version
    from members.models import ContactRole, Membership, Organisation, Person, PopulationFigure

    network = network or current_network()
    version = version or data_version(Membership, Organisation, ContactRole, Person, PopulationFigure, Invoice)
    key = f"billing:dues-run-preview:{year}:{network.pk}:{get_language()}:{version}"
    return caches["local"].get_or_set(key, lambda: _dues_run_preview(year, network), 24 * 3600)


def invoice_list_version() -> str:
    """One fingerprint of everything the invoice list caches (its table, the totals and the preview).

    Each part may be passed it as `version`: one query for the page instead of one per part.
    """
    from core.fingerprint import data_version
    from members.models import ContactRole, Membership, Organisation, Person, PopulationFigure

    return data_version(
        Invoice, Payment, CreditBalanceEntry, Membership, Organisation, ContactRole, Person, PopulationFigure
    )


def _dues_run_preview(year: int, network: Network) -> dict:
    from django.db.models import Exists

    from members.models import ContactRole, Organisation, PopulationFigure
    from members.queries import memberships_owing_dues

    new_year = datetime.date(year, 1, 1)
    organisation = OuterRef("organisation_id")
    latest_population = (
        PopulationFigure.objects.filter(organisation=organisation, reference_date__lte=new_year)
        .order_by("-reference_date")
        .values("population")[:1]
    )
    invoiced = Exists(dues_invoices(year, network).filter(organisation=organisation))
    members = memberships_owing_dues(year).filter(network=network)
    counts = members.aggregate(owing=Count("pk"), invoiced=Count("pk", filter=invoiced))
    owing = members.annotate(
        population_basis=Subquery(latest_population),
        has_contact_email=Exists(ContactRole.objects.filter(organisation=organisation).exclude(person__email="")),
    )
    missing_email = Q(organisation__invoice_email="", has_contact_email=False)
    missing_population = Q(organisation__kind=Organisation.Kind.KOMMUNE, population_basis__isnull=True)
    suspects = owing.filter(
        Q(organisation__invoice_reference="") | Q(organisation__org_number="") | missing_email | missing_population
    ).order_by("organisation__name")
    flagged = []
    for membership in suspects:
        organisation = membership.organisation
        problems = []
        if not organisation.invoice_reference:
            problems.append(_("mangler fakturareferanse (Deres ref.)"))
        if not organisation.org_number:
            problems.append(_("mangler organisasjonsnummer"))
        if not organisation.invoice_email and not membership.has_contact_email:
            problems.append(_("mangler e-post for faktura og kontaktperson"))
        if organisation.kind == Organisation.Kind.KOMMUNE and membership.population_basis is None:
            problems.append(_("mangler folketall per 1. januar"))
        flagged.append({"organisation": organisation, "problems": problems})
    return {
        "year": year,
        "owing": counts["owing"],
        "invoiced": counts["invoiced"],
        "to_issue": counts["owing"] - counts["invoiced"],
        "flagged": flagged,
    }


# --- the members' credit balances -------------------------------------------------------------------


def credit_balance(organisation_id: int, network: Network | int | None = None) -> int:
    """The organisation's credit balance in `network` (the page's by default), in øre: the sum of its ledger there."""
    network = network or current_network()
    return CreditBalanceEntry.objects.filter(organisation_id=organisation_id, network=network).aggregate(
        total=Coalesce(Sum("amount_ore"), Value(0), output_field=BigIntegerField())
    )["total"]


def credit_balances(network: Network | None = None) -> QuerySet:
    """Organisations with a credit balance in `network` (the page's), largest first, each with
    `credit_balance_ore` (one query)."""
    from members.models import Organisation

    network = network or current_network()
    return (
        Organisation.objects.filter(credit_entries__network=network)
        .annotate(credit_balance_ore=Sum("credit_entries__amount_ore"))
        .filter(credit_balance_ore__gt=0)
        .order_by("-credit_balance_ore", "name")
    )


def credit_entries(organisation_id: int, network: Network | None = None) -> QuerySet[CreditBalanceEntry]:
    return CreditBalanceEntry.objects.filter(
        organisation_id=organisation_id, network=network or current_network()
    ).select_related("payment", "source_invoice", "invoice", "created_by")


def open_invoices(organisation_id: int, network: Network | None = None) -> QuerySet[Invoice]:
    """The organisation's invoices in `network` (the page's) with an amount outstanding, oldest due first:
    what its credit balance there can be set against."""
    invoices = Invoice.objects.filter(
        organisation_id=organisation_id, network=network or current_network(), type=Invoice.Type.INVOICE
    )
    return with_balance(invoices).filter(outstanding_ore__gt=0).order_by("due_date", "number")


def organisation_for_billing(user: User, pk: int, network: Network | None = None):
    """The organisation, for the billing staff of `network` (the page's) when it is or was a party there
    (a membership, an invoice or a credit entry in it); else 404, the same answer for missing and not yours."""
    from django.db.models import Exists

    from members.models import Membership, Organisation

    network = network or current_network()
    if not can_manage_billing(user, network):
        raise Http404
    organisation = OuterRef("pk")
    in_network = (
        Exists(Membership.objects.filter(organisation=organisation, network=network))
        | Exists(Invoice.objects.filter(organisation=organisation, network=network))
        | Exists(CreditBalanceEntry.objects.filter(organisation=organisation, network=network))
    )
    try:
        return Organisation.objects.filter(in_network).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
