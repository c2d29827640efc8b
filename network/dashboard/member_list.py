"""The coordinator's list of members: search, filters, sorting and the rows exports are made of."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from billing.queries import Status as InvoiceStatus
from billing.queries import dues_invoices, with_balance
from billing.services.dues import schedule_for
from members.models import ContactRole, Membership, Organisation, PopulationFigure
from members.networks import current_network
from members.validators import format_phone
from network.obligations.rules import obligations_for_year

SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "number": ("number",),
    "-number": ("-number",),
    "population": (F("population").asc(nulls_first=True), "name"),
    "-population": (F("population").desc(nulls_last=True), "name"),
    "status": ("membership_status", "name"),
    "-status": ("-membership_status", "name"),
    "joined": (F("joined_on").asc(nulls_last=True), "name"),
    "-joined": (F("joined_on").desc(nulls_last=True), "name"),
}

STATUS_CHOICES = Membership.Status.choices


@dataclass(frozen=True)
class MemberFilter:
    """What the coordinator asked for, parsed from the query string (unknown values are ignored)."""

    q: str = ""
    kind: str = ""
    status: str = ""
    tier: str = ""
    missing: str = ""
    sort: str = "name"
    # One member, chosen on its page ("write to the contacts"); its name for describe().
    org: int | None = None
    org_name: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_query(cls, params) -> MemberFilter:
        kind = params.get("kind", "")
        status = params.get("status", "")
        sort = params.get("sort", "name")
        org = params.get("org", "")
        return cls(
            q=params.get("q", "").strip()[:100],
            kind=kind if kind in Organisation.Kind.values else "",
            status=status if status in Membership.Status.values else "",
            tier=params.get("tier", "")[:20],
            missing=params.get("missing", "")[:20],
            sort=sort if sort in SORTS else "name",
            org=int(org) if org.isascii() and org.isdigit() and len(org) <= 9 else None,
        )

    def as_query(self, **changes) -> str:
        from urllib.parse import urlencode

        values = {"q": self.q, "kind": self.kind, "status": self.status, "tier": self.tier, "missing": self.missing}
        values["org"] = self.org or ""
        values["sort"] = self.sort
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v})

    def describe(self) -> str:
        parts = []
        if self.org:
            parts.append(self.org_name or str(_("ett medlem")))
        if self.q:
            parts.append(f"«{self.q}»")
        if self.kind:
            parts.append(str(Organisation.Kind(self.kind).label))
        if self.status:
            parts.append(str(Membership.Status(self.status).label))
        if self.tier:
            parts.append(str(_("sats %(tier)s")) % {"tier": self.tier})
        if self.missing:
            parts.append(str(_("mangler %(what)s")) % {"what": self.missing})
        return ", ".join(parts) or str(_("alle medlemmer"))


def _latest_membership(field_name: str) -> Subquery:
    # The membership of the page's network that matters: the current one, else the last that ended.
    return Subquery(
        Membership.objects.filter(organisation=OuterRef("pk"), network=current_network())
        .order_by(F("ended_on").desc(nulls_first=True), "-pk")
        .values(field_name)[:1]
    )


def _latest_population(field_name: str, on: datetime.date) -> Subquery:
    return Subquery(
        PopulationFigure.objects.filter(organisation=OuterRef("pk"), reference_date__lte=on)
        .order_by("-reference_date")
        .values(field_name)[:1]
    )


def _primary_contact(field_name, network) -> Subquery:
    """The member's main contact in `network`: its primary contact where that is a contact here, else its
    first contact here (as a bulk email's «primary contacts» pick it); never another network's contact."""
    roles = ContactRole.objects.filter(organisation=OuterRef("pk"), network=network).order_by(
        "-is_primary", "kind__order", "person__last_name", "pk"
    )
    if not isinstance(field_name, str):
        roles, field_name = roles.annotate(value=field_name), "value"
    return Subquery(roles.values(field_name)[:1])


def members_for_coordinator(member_filter: MemberFilter, *, today: datetime.date) -> QuerySet[Organisation]:
    """Every organisation that has or had a membership of the page's network, annotated with what the
    list shows; one query."""
    network = current_network()
    organisations = Organisation.objects.filter(
        Exists(Membership.objects.filter(organisation=OuterRef("pk"), network=network))
    ).annotate(
        membership_status=_latest_membership("status"),
        joined_on=_latest_membership("joined_on"),
        agreement_ends_on=_latest_membership("agreement_ends_on"),
        notice_effective_on=_latest_membership("notice_effective_on"),
        membership_ended_on=_latest_membership("ended_on"),  # not ended_on: the organisation's own field
        political_decision_on=_latest_membership("political_decision_on"),
        # The figure dues are computed from: the latest on or before 1 January (R3).
        population=_latest_population("population", datetime.date(today.year, 1, 1)),
        population_date=_latest_population("reference_date", datetime.date(today.year, 1, 1)),
        primary_contact_name=_primary_contact(
            Concat("person__first_name", Value(" "), "person__last_name"), network
        ),
        primary_contact_email=_primary_contact("person__email", network),
        primary_contact_phone=_primary_contact("person__phone", network),
        contact_count=Subquery(
            ContactRole.objects.filter(organisation=OuterRef("pk"), network=network)
            .values("organisation")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
    )
    if member_filter.org:
        organisations = organisations.filter(pk=member_filter.org)
    if member_filter.kind:
        organisations = organisations.filter(kind=member_filter.kind)
    if member_filter.status:
        organisations = organisations.filter(membership_status=member_filter.status)
    if member_filter.q:
        q = member_filter.q
        contact_matches = ContactRole.objects.filter(organisation=OuterRef("pk"), network=network).filter(
            Q(person__first_name__icontains=q) | Q(person__last_name__icontains=q) | Q(person__email__icontains=q)
        )
        full_name = q.split()
        if len(full_name) >= 2:
            contact_matches = ContactRole.objects.filter(organisation=OuterRef("pk"), network=network).filter(
                Q(person__first_name__icontains=full_name[0], person__last_name__icontains=full_name[-1])
                | Q(person__email__icontains=q)
            )
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(number=q) | Q(org_number=q.replace(" ", "")) | Exists(contact_matches)
        )
    return organisations.order_by(*SORTS[member_filter.sort])


@dataclass
class MemberRow:
    """One line of the list and of the exports. Columns from other apps are filled in by the caller."""

    organisation: Organisation
    tier: str = ""
    dues_status: str = ""
    missing_obligations: list[str] = field(default_factory=list)
    missing_keys: set[str] = field(default_factory=set)
    tier_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(dict(Membership.Status.choices).get(self.organisation.membership_status, ""))

    def __getattr__(self, name):
        # The annotated organisation carries the rest (population, primary contact …).
        return getattr(self.organisation, name)


def member_rows(member_filter: MemberFilter, *, today: datetime.date) -> list[MemberRow]:
    """The rows with this year's tier, dues status and missing obligations; a fixed number of queries."""
    year = today.year
    network = current_network()
    schedule = schedule_for(year, network)
    tiers = list(schedule.tiers.all()) if schedule else []
    invoice_status = {
        invoice.organisation_id: str(InvoiceStatus.LABELS.get(invoice.status, invoice.status))
        for invoice in with_balance(dues_invoices(year).filter(network=network)).only("organisation_id")
    }
    missing = {r.organisation.pk: r.missing for r in obligations_for_year(year, network=network)}
    rows = []
    for organisation in members_for_coordinator(member_filter, today=today):
        tier = next((t for t in tiers if t.covers(kind=organisation.kind, population=organisation.population)), None)
        row = MemberRow(
            organisation,
            tier=tier.label if tier else "",
            dues_status=invoice_status.get(organisation.pk, ""),
            missing_obligations=[o.label for o in missing.get(organisation.pk, [])],
        )
        row.missing_keys = {o.key for o in missing.get(organisation.pk, [])}
        row.tier_id = tier.pk if tier else None
        if member_filter.tier and str(row.tier_id) != member_filter.tier:
            continue
        if member_filter.missing and member_filter.missing not in row.missing_keys:
            continue
        rows.append(row)
    return rows


def tier_choices(today: datetime.date) -> list[tuple[str, str]]:
    schedule = schedule_for(today.year, current_network())
    return [(str(t.pk), str(t)) for t in schedule.tiers.all()] if schedule else []


EXPORT_HEADER = (
    _("Navn"),
    _("Type"),
    _("Nummer"),
    _("Organisasjonsnummer"),
    _("Status"),
    _("Medlem fra"),
    _("Avtalen utløper"),
    _("Utmelding trer i kraft"),
    _("Folketall"),
    _("Folketall per"),
    _("Kontingentsats"),
    _("Kontingent i år"),
    _("Mangler (minsteforpliktelser)"),
    _("Primærkontakt"),
    _("E-post"),
    _("Telefon"),
    _("Antall kontaktpersoner"),
    _("E-post for faktura"),
    _("Fakturareferanse"),
)


def export_values(row: MemberRow) -> list:
    status_labels = dict(Membership.Status.choices)
    return [
        row.name,
        row.organisation.get_kind_display(),
        row.number,
        row.org_number,
        str(status_labels.get(row.membership_status, "")),
        row.joined_on,
        row.agreement_ends_on,
        row.notice_effective_on,
        row.population,
        row.population_date,
        row.tier,
        row.dues_status,
        ", ".join(str(item) for item in row.missing_obligations),
        row.primary_contact_name or "",
        row.primary_contact_email or "",
        format_phone(row.primary_contact_phone),
        row.contact_count or 0,
        row.invoice_email,
        row.invoice_reference,
    ]
