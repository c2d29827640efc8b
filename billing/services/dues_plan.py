"""What a network's dues run will do (R1, R3, R4): which networks have a run, who is invoiced or held
and why (the one rule the preview and the run share), and the preview in figures. The run itself is
in billing.services.dues, which re-exports these names."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from members.models import Membership, Network, Organisation
from members.networks import default_network
from members.queries import memberships_owing_dues

from ..documents.ehf import ehf_problems_for
from ..models import DuesRun, DuesRunChoice, DuesRunItem, DuesTier, Invoice, Issuer
from .dues_invoices import _UNSET, DuesNotIssuable, dues_basis, tiers_for
from .invoices import invoice_recipient


def agreement_ended(membership: Membership, year: int) -> bool:
    """The agreement period (R1: three years from signing, renewable) is over before `year` begins.

    `agreement_ends_on` is the first day after the period (a renewal starts on it), so an agreement
    ending on 1 January does not cover that year.
    """
    return membership.agreement_ends_on is not None and membership.agreement_ends_on <= datetime.date(year, 1, 1)


@dataclass
class MemberPlan:
    """What the run does with one member, and why: the preview shows it, the run follows it."""

    membership: Membership
    outcome: str  # a DuesRunItem.Outcome: issued (will be), existing, held or problem
    listed_for: list[str] = field(default_factory=list)  # DuesRunChoice.Reason values the member is listed for
    held_for: list[str] = field(default_factory=list)  # the reasons it is held for (no choice, or "hold")
    choices: dict[str, DuesRunChoice] = field(default_factory=dict)
    ehf_problems: list[str] = field(default_factory=list)
    amount_ore: int | None = None
    tier_label: str = ""
    problem: str = ""
    no_email: bool = False

    @property
    def pdf_only(self) -> bool:
        return self.outcome == DuesRunItem.Outcome.ISSUED and bool(self.ehf_problems)

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    def choice(self, reason: str) -> str:
        recorded = self.choices.get(reason)
        return recorded.choice if recorded else DuesRunChoice.Choice.HOLD


def plan_member(
    *,
    membership: Membership,
    year: int,
    issuer_org_number: str,
    choices: dict[str, DuesRunChoice],
    tiers: list[DuesTier] | None,
    invoiced: bool,
    figure=_UNSET,
    network: Network | None = None,
) -> MemberPlan:
    """The one rule the preview and the run share: held by default when the agreement period has
    ended (R1) or no valid EHF can be made (R4), unless the coordinator chose otherwise."""
    plan = MemberPlan(membership=membership, outcome=DuesRunItem.Outcome.EXISTING, choices=choices)
    if invoiced:
        return plan
    organisation = membership.organisation
    if agreement_ended(membership, year):
        plan.listed_for.append(DuesRunChoice.Reason.AGREEMENT_ENDED)
    plan.ehf_problems = ehf_problems_for(
        buyer_reference=organisation.invoice_reference,
        buyer_org_number=organisation.org_number,
        issuer_org_number=issuer_org_number,
    )
    if plan.ehf_problems:
        plan.listed_for.append(DuesRunChoice.Reason.NO_EHF)
    plan.held_for = [reason for reason in plan.listed_for if plan.choice(reason) == DuesRunChoice.Choice.HOLD]
    try:
        basis = dues_basis(organisation=organisation, year=year, tiers=tiers, figure=figure, network=network)
        plan.amount_ore, plan.tier_label = basis.tier.amount_ore, basis.tier.label
    except DuesNotIssuable as error:
        plan.problem = " ".join(error.messages)
    if plan.held_for:
        plan.outcome = DuesRunItem.Outcome.HELD
    elif plan.problem:
        plan.outcome = DuesRunItem.Outcome.PROBLEM
    else:
        plan.outcome = DuesRunItem.Outcome.ISSUED
        plan.no_email = not organisation.invoice_email and not invoice_recipient(organisation)
    return plan


def recorded_choices(run: DuesRun | None) -> dict[int, dict[str, DuesRunChoice]]:
    """The run's recorded choices by membership id and reason."""
    result: dict[int, dict[str, DuesRunChoice]] = {}
    if run is None or run.pk is None:
        return result
    for choice in run.choices.select_related("decided_by"):
        result.setdefault(choice.membership_id, {})[choice.reason] = choice
    return result


def networks_with_dues():
    """The networks a dues run is for: their parties pay dues and they have a dues schedule. Any other
    network never appears in a dues run."""
    return Network.objects.filter(has_dues=True, dues_schedules__isnull=False).distinct().order_by("pk")


def _members_owing(network: Network, year: int) -> list[Membership]:
    """`network`'s memberships owing dues for `year`; none in a network without dues or a schedule."""
    if not networks_with_dues().filter(pk=network.pk).exists():
        return []
    return list(memberships_owing_dues(year).filter(network=network).order_by("organisation__name", "pk"))


def network_issuer(network: Network) -> Issuer:
    """The issuer of `network`'s dues; a network that pays dues without one is refused with a clear message."""
    return Issuer.objects.for_network(network)


def plan_dues_run(year: int, network: Network | None = None) -> list[MemberPlan]:
    """Every member of `network` (the default network when not given) owing dues for `year`, with what
    the run will do (the preview; a constant number of queries plus one per member without an invoice email)."""
    from members.models import PopulationFigure

    network = network or default_network()
    memberships = _members_owing(network, year)
    if not memberships:
        return []
    try:
        tiers = tiers_for(year, network)
    except DuesNotIssuable:
        tiers = None
    invoiced = set(
        Invoice.objects.filter(
            network=network, dues_year=year, type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES
        ).values_list("organisation_id", flat=True)
    )
    figures: dict[int, PopulationFigure] = {}
    for figure in PopulationFigure.objects.filter(
        organisation__in=[m.organisation_id for m in memberships], reference_date__lte=datetime.date(year, 1, 1)
    ).order_by("organisation_id", "reference_date"):
        figures[figure.organisation_id] = figure  # the latest wins
    choices = recorded_choices(DuesRun.objects.filter(network=network, year=year).first())
    issuer_org_number = network_issuer(network).issuer_org_number
    return [
        plan_member(
            network=network,
            membership=membership,
            year=year,
            issuer_org_number=issuer_org_number,
            choices=choices.get(membership.pk, {}),
            tiers=tiers,
            invoiced=membership.organisation_id in invoiced,
            figure=figures.get(membership.organisation_id),
        )
        for membership in memberships
    ]


@dataclass
class DuesRunOverview:
    """The preview in figures and groups: what a finance clerk reads before pressing Run."""

    plans: list[MemberPlan]

    def _with(self, outcome: str) -> list[MemberPlan]:
        return [p for p in self.plans if p.outcome == outcome]

    @property
    def to_issue(self) -> list[MemberPlan]:
        return self._with(DuesRunItem.Outcome.ISSUED)

    @property
    def to_issue_amount_ore(self) -> int:
        return sum(p.amount_ore or 0 for p in self.to_issue)

    @property
    def pdf_only(self) -> list[MemberPlan]:
        return [p for p in self.to_issue if p.pdf_only]

    @property
    def existing(self) -> list[MemberPlan]:
        return self._with(DuesRunItem.Outcome.EXISTING)

    @property
    def held(self) -> list[MemberPlan]:
        return self._with(DuesRunItem.Outcome.HELD)

    @property
    def held_amount_ore(self) -> int:
        return sum(p.amount_ore or 0 for p in self.held)

    @property
    def problems(self) -> list[MemberPlan]:
        return self._with(DuesRunItem.Outcome.PROBLEM)

    @property
    def no_email(self) -> list[MemberPlan]:
        return [p for p in self.to_issue if p.no_email]

    def listed_for(self, reason: str) -> list[MemberPlan]:
        return [p for p in self.plans if reason in p.listed_for]

    @property
    def agreement_ended(self) -> list[MemberPlan]:
        return self.listed_for(DuesRunChoice.Reason.AGREEMENT_ENDED)

    @property
    def no_ehf(self) -> list[MemberPlan]:
        return self.listed_for(DuesRunChoice.Reason.NO_EHF)
