"""The yearly check of each member's minimum obligations (R6, agreement §6): the rules and their reads.

The agreement of the first network names four conditions per member and calendar year: the political
decision is recorded; the member has named its contact person (every required contact-role kind of
its network); the year's dues are paid (where the network has dues); at least one representative
attended at least one physical gathering of its network in the year. Each network lists the
obligations it checks (`Network.obligations`); they are Obligation objects in a registry, so another
obligation (an adopted action plan) is one `register(...)` away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from members.models import ContactRole, ContactRoleKind, Membership, Network, Organisation
from members.network_models import default_obligations
from members.notices import join_names
from members.queries import memberships_owing_dues


def _always(network: Network) -> bool:
    return True


@dataclass(frozen=True)
class Obligation:
    """One yearly obligation (R6). A network checks those whose keys it lists in `Network.obligations`
    and that apply to it (`applies`); `is_met` reads the membership and the facts gathered for it
    (the EXISTS columns below, and `fact` for an obligation registered later)."""

    key: str
    label: str
    missing: str  # what to do about it, shown when not met
    is_met: Callable[[Membership, dict[str, bool]], bool] = lambda membership, facts: False
    applies: Callable[[Network], bool] = _always
    # An EXISTS expression over the memberships of `year` (OuterRef to a Membership), read into facts[key].
    fact: Callable[[int], Exists] | None = None

    def label_for(self, network: Network) -> str:
        return str(self.label)

    def missing_for(self, network: Network) -> str:
        return str(self.missing)


@dataclass(frozen=True)
class ContactObligation(Obligation):
    """Every required contact-role kind of the network is named (R2, R13): its label reads the kinds."""

    def label_for(self, network: Network) -> str:
        kinds = required_contact_kinds(network)
        if not kinds:
            return str(self.label)
        return _("%(kinds)s er meldt inn") % {"kinds": join_names([k.reader_name for k in kinds])}

    def missing_for(self, network: Network) -> str:
        kinds = required_contact_kinds(network)
        if not kinds:
            return str(self.missing)
        return _("Ikke meldt inn: %(kinds)s") % {"kinds": join_names([k.reader_name for k in kinds])}


def required_contact_kinds(network: Network) -> list[ContactRoleKind]:
    """The network's required kinds of contact role, read once per network object."""
    kinds = getattr(network, "_required_contact_kinds", None)
    if kinds is None:
        kinds = list(network.contact_role_kinds.filter(required=True).order_by("order", "pk"))
        network._required_contact_kinds = kinds
    return kinds


_REGISTRY: dict[str, Obligation] = {}


def register(obligation: Obligation) -> Obligation:
    """Add an obligation a network can choose (another app's, e.g. an adopted action plan). Its key
    goes into `Network.obligations` of the networks that check it."""
    _REGISTRY[obligation.key] = obligation
    return obligation


def registered() -> list[Obligation]:
    return list(_REGISTRY.values())


def obligation_choices() -> list[tuple[str, str]]:
    """Every registered obligation, for the network's settings (registered in members.hooks)."""
    return [(o.key, str(o.label)) for o in _REGISTRY.values()]


for _obligation in (
    Obligation(
        "decision", _l("Politisk vedtak registrert"), _l("Politisk vedtak om deltakelse mangler"),
        is_met=lambda membership, facts: membership.political_decision_on is not None,
    ),
    ContactObligation(
        "contact", _l("Minst én kontaktperson"), _l("Ingen kontaktperson er meldt inn"),
        is_met=lambda membership, facts: facts["contact"],
    ),
    Obligation(
        "dues", _l("Årets kontingent betalt"), _l("Kontingenten for året er ikke betalt"),
        is_met=lambda membership, facts: facts["dues"], applies=lambda network: network.has_dues,
    ),
    Obligation(
        "gathering", _l("Deltatt på en fysisk nettverkssamling"),
        _l("Ingen representant har deltatt på en fysisk nettverkssamling i år"),
        is_met=lambda membership, facts: facts["gathering"],
    ),
):
    register(_obligation)


def _action_plan_adopted(year: int) -> Exists:
    from governance.queries.action_plans import adopted_action_plans

    return Exists(adopted_action_plans(year).filter(network=OuterRef("network_id")))


# A fact of the network applied to each member's check (a KSF cluster's yearly plan, seed 002).
register(
    Obligation(
        "action_plan",
        _l("Nettverkets handlingsplan for året er vedtatt"),
        _l("Nettverkets handlingsplan for året er ikke vedtatt"),
        is_met=lambda membership, facts: facts.get("action_plan", False),
        fact=_action_plan_adopted,
    )
)

# Every obligation a network can choose, in the registry's order: the columns of the coordinator's list.
OBLIGATIONS = tuple(registered())
OBLIGATION_KEYS = tuple(o.key for o in OBLIGATIONS)
# What a network checks unless its coordinator chooses otherwise: the four of the first agreement (R6).
DEFAULT_OBLIGATION_KEYS = tuple(default_obligations())


def obligations_for(network: Network) -> list[Obligation]:
    """The obligations `network` checks: those it lists that apply to it, in the registry's order."""
    chosen = set(network.obligations or ())
    return [o for o in _REGISTRY.values() if o.key in chosen and o.applies(network)]


applied_obligations = obligations_for


@dataclass(frozen=True)
class ObligationItem:
    obligation: Obligation
    met: bool
    network: Network | None = None

    @property
    def label(self) -> str:
        return self.obligation.label_for(self.network) if self.network is not None else str(self.obligation.label)

    @property
    def missing_text(self) -> str:
        return self.obligation.missing_for(self.network) if self.network is not None else str(self.obligation.missing)


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
    facts: dict[str, bool] | None = None,
) -> MemberObligations:
    """The network's obligations for one member, from facts gathered beforehand (a pure function)."""
    organisation_id = membership.organisation_id
    known = {
        "contact": has_contact,
        "dues": organisation_id in paid_org_ids,
        "gathering": organisation_id in attended_org_ids,
        **(facts or {}),
    }
    network = membership.network
    return MemberObligations(
        organisation=membership.organisation,
        membership=membership,
        year=year,
        items=[ObligationItem(o, bool(o.is_met(membership, known)), network) for o in obligations_for(network)],
    )


def _has_required_contacts() -> Exists:
    """EXISTS-negated: no required contact-role kind of the membership's network (for the member's kind of
    party) lacks a holder in the organisation."""
    organisation = OuterRef(OuterRef("organisation_id"))
    named = ContactRole.objects.filter(kind=OuterRef("pk"), organisation=organisation)
    for_this_kind_of_party = Q(organisation_kinds=[]) | Q(
        organisation_kinds__icontains=Concat(Value('"'), OuterRef("organisation__kind"), Value('"'))
    )
    unnamed = ContactRoleKind.objects.filter(network=OuterRef("network_id"), required=True).filter(
        for_this_kind_of_party
    )
    return ~Exists(unnamed.exclude(Exists(named)))


def obligations_for_year(
    year: int, *, organisation_ids: set[int] | None = None, network: Network | None = None
) -> list[MemberObligations]:
    """Every member owing dues for `year` with its verdict, in one query whatever the network's size;
    of `network` only when given (a page's list), else of every network.

    The facts come as EXISTS columns on the memberships, from the same querysets that define them
    for billing (paid dues, in the membership's network) and activities (gathering attendance, at the
    membership's own network's gatherings); the verdict stays a pure function.
    """
    from activities.queries import gathering_attendances
    from billing.queries import paid_dues_invoices

    organisation = OuterRef("organisation_id")
    own_network = OuterRef("network_id")
    extra = {f"fact_{o.key}": o.fact(year) for o in _REGISTRY.values() if o.fact is not None}
    memberships = (
        memberships_owing_dues(year)
        .select_related("network")
        .annotate(
            has_contact=_has_required_contacts(),
            dues_paid=Exists(paid_dues_invoices(year).filter(organisation=organisation, network=own_network)),
            attended=Exists(gathering_attendances(year, network=own_network).filter(organisation=organisation)),
            **extra,
        )
        .order_by("organisation__name")
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=organisation_ids)
    if network is not None:
        memberships = memberships.filter(network=network)
    memberships = list(memberships)
    networks: dict[int, Network] = {}
    results = []
    for m in memberships:
        m.network = networks.setdefault(m.network_id, m.network)  # one object per network: kinds read once
        facts = {key.removeprefix("fact_"): getattr(m, key) for key in extra}
        results.append(
            verdict(
                m,
                year=year,
                has_contact=m.has_contact,
                paid_org_ids={m.organisation_id} if m.dues_paid else set(),
                attended_org_ids={m.organisation_id} if m.attended else set(),
                facts=facts,
            )
        )
    return results


def obligations_for_organisation(
    organisation: Organisation, year: int, *, network: Network | None = None
) -> MemberObligations | None:
    """The organisation's obligations for `year` in `network` (its first membership owing when not given)."""
    found = obligations_for_year(year, organisation_ids={organisation.pk}, network=network)
    return found[0] if found else None


def summary(results: list[MemberObligations]) -> dict[str, int]:
    """How many members miss each obligation, and how many meet all theirs."""
    counts = {key: 0 for key in OBLIGATION_KEYS}
    for result in results:
        for key in result.missing_keys:
            counts[key] = counts.get(key, 0) + 1
    counts["all_met"] = sum(1 for r in results if r.all_met)
    counts["members"] = len(results)
    return counts

