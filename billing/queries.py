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

from members.models import User
from members.roles import contact_organisation_ids

from .models import CreditBalanceEntry, Invoice, Payment
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


def invoices_visible_to(user: User) -> QuerySet[Invoice]:
    """Every invoice for billing staff; a member contact's own organisations' only; else none (R12)."""
    queryset = Invoice.objects.select_related("organisation")
    if can_manage_billing(user):
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


def dues_invoices(year: int) -> QuerySet[Invoice]:
    return Invoice.objects.filter(type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES, dues_year=year)


def paid_dues_invoices(year: int) -> QuerySet[Invoice]:
    """The year's dues invoices that are paid in full, net of credit notes (R6)."""
    return with_balance(dues_invoices(year)).filter(outstanding_ore__lte=0)


def organisations_with_paid_dues(year: int) -> set[int]:
    """Organisation ids whose dues for `year` are paid in full, net of credit notes (R6)."""
    return set(paid_dues_invoices(year).values_list("organisation_id", flat=True))


def dues_summary(year: int, *, version: str | None = None) -> dict:
    """Invoiced, paid, outstanding and overdue amounts (øre) and counts for the year's dues.

    Summing thousands of balances costs tens of milliseconds per page (make bench), so the totals
    are cached under the fingerprint of invoices and payments: any new invoice, credit note or
    payment gives a new key. "Overdue" moves with the date, so the date is in the key too.
    """
    from django.core.cache import caches

    from core.fingerprint import data_version

    today = timezone.localdate()
    version = version or data_version(Invoice, Payment, CreditBalanceEntry)
    key = f"billing:dues-summary:{year}:{today.isoformat()}:{version}"
    return caches["local"].get_or_set(key, lambda: _dues_summary(year, today), 24 * 3600)


def _dues_summary(year: int, today: datetime.date) -> dict:
    rows = with_balance(dues_invoices(year), today=today)
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


def payments_for_review() -> dict:
    """What a billing administrator must look at: unmatched payments, partly paid and overpaid invoices."""
    balances = with_balance(Invoice.objects.filter(type=Invoice.Type.INVOICE).select_related("organisation"))
    return {
        "unmatched": list(Payment.objects.filter(invoice__isnull=True).select_related("ocr_import")),
        "partly_paid": list(balances.filter(paid_ore__gt=0, outstanding_ore__gt=0).order_by("due_date")),
        "overpaid": overpaid_invoices(),
    }


def overpaid_invoices() -> list[Invoice]:
    """Invoices paid beyond their amount whose surplus is not yet the member's credit, newest first."""
    balances = with_balance(Invoice.objects.filter(type=Invoice.Type.INVOICE).select_related("organisation"))
    return list(balances.filter(surplus_ore__gt=0).order_by("-issue_date"))


def dues_run_preview(year: int, *, version: str | None = None) -> dict:
    """Before the run: how many owe dues, how many are invoiced, and who is flagged (EHF would be invalid).

    Counted and filtered in the database, and kept in the cache until a member, contact, population
    figure or invoice changes: the list page shows it on every visit (make bench).
    """
    from django.core.cache import caches

    from core.fingerprint import data_version
    from members.models import ContactRole, Membership, Organisation, Person, PopulationFigure

    version = version or data_version(Membership, Organisation, ContactRole, Person, PopulationFigure, Invoice)
    key = f"billing:dues-run-preview:{year}:{get_language()}:{version}"
    return caches["local"].get_or_set(key, lambda: _dues_run_preview(year), 24 * 3600)


def invoice_list_version() -> str:
    """One fingerprint of everything the invoice list caches (its table, the totals and the preview).

    Each part may be passed it as `version`: one query for the page instead of one per part.
    """
    from core.fingerprint import data_version
    from members.models import ContactRole, Membership, Organisation, Person, PopulationFigure

    return data_version(
        Invoice, Payment, CreditBalanceEntry, Membership, Organisation, ContactRole, Person, PopulationFigure
    )


def _dues_run_preview(year: int) -> dict:
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
    invoiced = Exists(dues_invoices(year).filter(organisation=organisation))
    counts = memberships_owing_dues(year).aggregate(owing=Count("pk"), invoiced=Count("pk", filter=invoiced))
    owing = memberships_owing_dues(year).annotate(
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


def credit_balance(organisation_id: int) -> int:
    """The organisation's credit balance in øre: the sum of its ledger."""
    return CreditBalanceEntry.objects.filter(organisation_id=organisation_id).aggregate(
        total=Coalesce(Sum("amount_ore"), Value(0), output_field=BigIntegerField())
    )["total"]


def credit_balances() -> QuerySet:
    """Organisations with a credit balance, largest first, each with `credit_balance_ore` (one query)."""
    from members.models import Organisation

    return (
        Organisation.objects.annotate(credit_balance_ore=Sum("credit_entries__amount_ore"))
        .filter(credit_balance_ore__gt=0)
        .order_by("-credit_balance_ore", "name")
    )


def credit_entries(organisation_id: int) -> QuerySet[CreditBalanceEntry]:
    return CreditBalanceEntry.objects.filter(organisation_id=organisation_id).select_related(
        "payment", "source_invoice", "invoice", "created_by"
    )


def open_invoices(organisation_id: int) -> QuerySet[Invoice]:
    """The organisation's invoices with an amount outstanding, oldest due first: what a credit can be set against."""
    return (
        with_balance(Invoice.objects.filter(organisation_id=organisation_id, type=Invoice.Type.INVOICE))
        .filter(outstanding_ore__gt=0)
        .order_by("due_date", "number")
    )


def organisation_for_billing(user: User, pk: int):
    """The organisation for billing staff, else 404: the same answer for missing and not allowed."""
    from members.models import Organisation

    if not can_manage_billing(user):
        raise Http404
    try:
        return Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
