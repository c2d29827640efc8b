"""The yearly check of each member's minimum obligations (R6, agreement §6): the rules and their reads.

Four conditions per member and calendar year: the political decision is recorded; the member
has at least one contact person; the year's dues are paid; at least one representative
attended at least one physical network gathering in the year. A network may choose others (the
KSF cluster's: its action plan for the year adopted); one that has chosen none applies these four.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from members.models import ContactRole, Membership, Organisation
from members.queries import memberships_owing_dues


@dataclass(frozen=True)
class Obligation:
    key: str
    label: str
    missing: str  # what to do about it, shown when not met


OBLIGATIONS = (
    Obligation("decision", _("Politisk vedtak registrert"), _("Politisk vedtak om deltakelse mangler")),
    Obligation("contact", _("Minst én kontaktperson"), _("Ingen kontaktperson er meldt inn")),
    Obligation("dues", _("Årets kontingent betalt"), _("Kontingenten for året er ikke betalt")),
    Obligation(
        "gathering",
        _("Deltatt på en fysisk nettverkssamling"),
        _("Ingen representant har deltatt på en fysisk nettverkssamling i år"),
    ),
    # A network-level fact applied to each member's check (a KSF cluster's yearly plan, seed 002).
    Obligation(
        "action_plan",
        _("Nettverkets handlingsplan for året er vedtatt"),
        _("Nettverkets handlingsplan for året er ikke vedtatt"),
    ),
)
OBLIGATION_KEYS = tuple(o.key for o in OBLIGATIONS)
# What a network that has chosen none applies: the four of the first network's agreement (R6).
DEFAULT_OBLIGATION_KEYS = ("decision", "contact", "dues", "gathering")


def applied_obligations(network) -> tuple[Obligation, ...]:
    """The obligations `network` has chosen (`network.obligations`, a list of keys), else the default four."""
    keys = getattr(network, "obligations", None) or DEFAULT_OBLIGATION_KEYS
    return tuple(o for o in OBLIGATIONS if o.key in keys)


@dataclass(frozen=True)
class ObligationItem:
    obligation: Obligation
    met: bool


@dataclass
class MemberObligations:
    organisation: Organisation
    membership: Membership
    year: int
    items: list[ObligationItem] = field(default_factory=list)

    @property
    def all_met(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def missing(self) -> list[Obligation]:
        return [item.obligation for item in self.items if not item.met]

    @property
    def missing_keys(self) -> set[str]:
        return {o.key for o in self.missing}


def verdict(
    membership: Membership,
    *,
    year: int,
    has_contact: bool,
    paid_org_ids: set[int],
    attended_org_ids: set[int],
    planned_network_ids: set[int] = frozenset(),
) -> MemberObligations:
    """The conditions its network applies, for one member, from facts gathered beforehand (a pure function)."""
    organisation_id = membership.organisation_id
    met = {
        "decision": membership.political_decision_on is not None,
        "contact": has_contact,
        "dues": organisation_id in paid_org_ids,
        "gathering": organisation_id in attended_org_ids,
        "action_plan": membership.network_id in planned_network_ids,
    }
    return MemberObligations(
        organisation=membership.organisation,
        membership=membership,
        year=year,
        items=[ObligationItem(o, met[o.key]) for o in applied_obligations(membership.network)],
    )


def obligations_for_year(year: int, *, organisation_ids: set[int] | None = None) -> list[MemberObligations]:
    """Every member owing dues for `year` with its verdict, in one query whatever the network's size.

    The facts come as EXISTS columns on the memberships, from the same querysets that define them
    for billing (paid dues) and activities (gathering attendance); the verdict stays a pure function.
    """
    from activities.queries import gathering_attendances
    from billing.queries import paid_dues_invoices
    from governance.queries.action_plans import adopted_action_plans

    organisation = OuterRef("organisation_id")
    memberships = (
        memberships_owing_dues(year)
        .annotate(
            has_contact=Exists(ContactRole.objects.filter(organisation=organisation)),
            dues_paid=Exists(paid_dues_invoices(year).filter(organisation=organisation)),
            attended=Exists(gathering_attendances(year).filter(organisation=organisation)),
            planned=Exists(adopted_action_plans(year).filter(network=OuterRef("network_id"))),
        )
        .select_related("network")
        .order_by("organisation__name")
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=organisation_ids)
    memberships = list(memberships)
    paid = {m.organisation_id for m in memberships if m.dues_paid}
    attended = {m.organisation_id for m in memberships if m.attended}
    planned = {m.network_id for m in memberships if m.planned}
    return [
        verdict(
            m,
            year=year,
            has_contact=m.has_contact,
            paid_org_ids=paid,
            attended_org_ids=attended,
            planned_network_ids=planned,
        )  # fmt: skip
        for m in memberships
    ]


def obligations_for_organisation(organisation: Organisation, year: int) -> MemberObligations | None:
    found = obligations_for_year(year, organisation_ids={organisation.pk})
    return found[0] if found else None


def summary(results: list[MemberObligations]) -> dict[str, int]:
    """How many members miss each obligation, and how many meet all four."""
    counts = {key: 0 for key in OBLIGATION_KEYS}
    for result in results:
        for key in result.missing_keys:
            counts[key] += 1
    counts["all_met"] = sum(1 for r in results if r.all_met)
    counts["members"] = len(results)
    return counts
