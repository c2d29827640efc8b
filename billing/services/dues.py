"""The annual dues run (R3, R4): who is invoiced or held and why, the coordinator's choices, the run
itself with its progress, and invoicing a member who joins during the year. One member's invoice is
issued by billing.services.dues_invoices (its names are re-exported here for the callers)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, Organisation, User
from members.queries import memberships_owing_dues

from ..documents.ehf import ehf_problems_for
from ..models import (
    FIRST_DUES_YEAR,
    BillingSettings,
    DuesRun,
    DuesRunChoice,
    DuesRunItem,
    DuesTier,
    Invoice,
)
from .dues_invoices import _UNSET, dues_basis, dues_invoice_exists, issue_dues_invoice
from .dues_invoices import DuesBasis as DuesBasis  # re-exported for callers of this module
from .dues_invoices import DuesNotIssuable as DuesNotIssuable
from .dues_invoices import schedule_for as schedule_for
from .dues_invoices import tiers_for as tiers_for
from .invoices import invoice_recipient

logger = logging.getLogger(__name__)


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
        basis = dues_basis(organisation=organisation, year=year, tiers=tiers, figure=figure)
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


def plan_dues_run(year: int) -> list[MemberPlan]:
    """Every member owing dues for `year`, with what the run will do (the preview; a constant number of
    queries plus one per member without an invoice email)."""
    from members.models import PopulationFigure

    memberships = list(memberships_owing_dues(year).order_by("organisation__name", "pk"))
    try:
        tiers = tiers_for(year)
    except DuesNotIssuable:
        tiers = None
    invoiced = set(
        Invoice.objects.filter(dues_year=year, type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES).values_list(
            "organisation_id", flat=True
        )
    )
    figures: dict[int, PopulationFigure] = {}
    for figure in PopulationFigure.objects.filter(
        organisation__in=[m.organisation_id for m in memberships], reference_date__lte=datetime.date(year, 1, 1)
    ).order_by("organisation_id", "reference_date"):
        figures[figure.organisation_id] = figure  # the latest wins
    choices = recorded_choices(DuesRun.objects.filter(year=year).first())
    issuer_org_number = BillingSettings.current().issuer_org_number
    return [
        plan_member(
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


def _valid_year(year: int) -> None:
    if year < FIRST_DUES_YEAR:
        raise ValidationError(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})


ALLOWED_CHOICES = {
    DuesRunChoice.Reason.AGREEMENT_ENDED: {DuesRunChoice.Choice.HOLD, DuesRunChoice.Choice.INCLUDE},
    DuesRunChoice.Reason.NO_EHF: {DuesRunChoice.Choice.HOLD, DuesRunChoice.Choice.PDF_ONLY},
}


def record_dues_run_choices(*, year: int, choices: dict[tuple[int, str], str], by: User | None) -> int:
    """Record the coordinator's choices, {(membership id, reason): choice}, on the year's run.

    Only members the run lists for that reason can be chosen for; a choice that does not change
    anything writes nothing. Returns how many choices changed. Who and when is in the history.
    """
    _valid_year(year)
    if not choices:
        return 0
    listed = {(p.membership.pk, reason) for p in plan_dues_run(year) for reason in p.listed_for}
    for (membership_id, reason), choice in choices.items():
        if choice not in ALLOWED_CHOICES.get(reason, set()) or (membership_id, reason) not in listed:
            raise ValidationError(_("Valget gjelder et medlem som ikke er på listen. Last siden på nytt."))
    changed = 0
    with transaction.atomic():
        run, _created = DuesRun.objects.select_for_update().get_or_create(
            year=year, defaults={"status": DuesRun.Status.PLANNED, "started_by": by}
        )
        if run.is_active:
            raise ValidationError(
                _("Kontingentkjøringen for %(year)s pågår: valgene kan ikke endres nå.") % {"year": year}
            )
        existing = {(c.membership_id, c.reason): c for c in run.choices.all()}
        now = timezone.now()
        for (membership_id, reason), choice in sorted(choices.items()):
            row = existing.get((membership_id, reason))
            if row is None:
                # Held is the default, but a "hold" chosen on the page is still recorded: who decided it.
                row = DuesRunChoice(run=run, membership_id=membership_id, reason=reason)
            elif row.choice == choice:
                continue
            row.choice, row.decided_by, row.decided_at = choice, by, now
            row.full_clean(exclude=["run", "membership", "decided_by"], validate_unique=False)
            row.save()
            changed += 1
    return changed


def start_dues_run(*, year: int, by: User | None = None) -> DuesRun:
    """Record that the run for `year` is wanted; the task does the work (see run_dues_task)."""
    _valid_year(year)
    with transaction.atomic():
        run, created = DuesRun.objects.select_for_update().get_or_create(year=year, defaults={"started_by": by})
        if not created and not run.is_active:
            run.status = DuesRun.Status.QUEUED
            run.started_by = by
            run.save(update_fields=["status", "started_by"])
    return run


def _progress(run_id: int) -> dict:
    """done / issued / skipped / held, counted from the run's member rows handled since the latest start:
    one row per member, so a member handled by two passes at once counts once."""
    since = DuesRun.objects.filter(pk=run_id).values("started_at")[:1]
    items = DuesRunItem.objects.filter(run_id=run_id, handled_at__gte=Subquery(since))

    def count(**filters):
        return Coalesce(
            Subquery(items.filter(**filters).order_by().values("run_id").annotate(n=Count("pk")).values("n")[:1]),
            0,
        )

    return {
        "done": count(),
        "issued": count(outcome=DuesRunItem.Outcome.ISSUED),
        "held": count(outcome=DuesRunItem.Outcome.HELD),
        "skipped": count(outcome__in=[DuesRunItem.Outcome.EXISTING, DuesRunItem.Outcome.PROBLEM]),
    }


def _handle_member(*, run: DuesRun, membership: Membership, year: int, plan_kwargs: dict, by, issue_date, deliver):
    from .delivery import schedule_delivery

    invoice = None
    exists = dues_invoice_exists(organisation_id=membership.organisation_id, year=year)
    plan = plan_member(membership=membership, year=year, invoiced=exists, **plan_kwargs)
    outcome, detail = plan.outcome, plan.problem
    if outcome == DuesRunItem.Outcome.ISSUED:
        try:
            invoice = issue_dues_invoice(
                membership=membership,
                year=year,
                by=by,
                issue_date=issue_date,
                tiers=plan_kwargs["tiers"],
                pdf_only=plan.pdf_only,
            )
        except DuesNotIssuable as error:
            outcome, detail = DuesRunItem.Outcome.PROBLEM, " ".join(error.messages)
        else:
            if invoice is None:
                outcome = DuesRunItem.Outcome.EXISTING  # another pass issued it a moment ago
            elif deliver:
                schedule_delivery(invoice=invoice)
    if outcome == DuesRunItem.Outcome.HELD:
        detail = "; ".join(plan.ehf_problems) if DuesRunChoice.Reason.NO_EHF in plan.held_for else ""
    # One row per member: a second pass (or worker) handling the same member updates it, never adds.
    DuesRunItem.objects.bulk_create(
        [
            DuesRunItem(
                run=run,
                membership=membership,
                outcome=outcome,
                reasons=plan.held_for if outcome == DuesRunItem.Outcome.HELD else plan.listed_for,
                detail=detail,
                invoice=invoice,
                handled_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["run", "membership"],
        update_fields=["outcome", "reasons", "detail", "handled_at"] + (["invoice"] if invoice is not None else []),
    )
    DuesRun.objects.filter(pk=run.pk).update(progressed_at=timezone.now(), **_progress(run.pk))


def run_dues(
    *, year: int, by: User | None = None, issue_date: datetime.date | None = None, deliver: bool = True
) -> DuesRun:
    """Issue the dues for `year` to every member owing them (R3). Safe to re-run, and after a crash.

    Members whose agreement period has ended (R1) or for whom no valid EHF can be made (R4) are held
    unless the coordinator chose otherwise on the run (see `record_dues_run_choices`). Each invoice is
    its own transaction; each member's outcome is one row, and progress is counted from those rows.
    """
    _valid_year(year)
    memberships = list(memberships_owing_dues(year).order_by("organisation__name", "pk"))
    try:
        tiers = tiers_for(year)
    except DuesNotIssuable:
        tiers = None  # each member gets the explanation in the run's problems
    run, _created = DuesRun.objects.get_or_create(year=year, defaults={"started_by": by})
    DuesRun.objects.filter(pk=run.pk).update(
        status=DuesRun.Status.RUNNING,
        total=len(memberships),
        done=0,
        issued=0,
        skipped=0,
        held=0,
        problems=[],
        started_at=timezone.now(),
        progressed_at=timezone.now(),
        finished_at=None,
    )
    choices = recorded_choices(run)
    issuer_org_number = BillingSettings.current().issuer_org_number
    for membership in memberships:
        _handle_member(
            run=run,
            membership=membership,
            year=year,
            plan_kwargs={
                "issuer_org_number": issuer_org_number,
                "choices": choices.get(membership.pk, {}),
                "tiers": tiers,
            },
            by=by,
            issue_date=issue_date,
            deliver=deliver,
        )
    _finish(run, total=len(memberships))
    run.refresh_from_db()
    return run


def _finish(run: DuesRun, *, total: int) -> None:
    """Done once every member is counted since the latest start: a pass that started earlier and ends
    while a later one still works leaves the run to the later one."""
    progress = _progress(run.pk)
    DuesRun.objects.filter(pk=run.pk).update(progressed_at=timezone.now(), **progress)
    run.refresh_from_db(fields=["done", "total"])
    problems = [
        {"organisation": item.membership.organisation.name, "error": item.detail}
        for item in run.items.filter(outcome=DuesRunItem.Outcome.PROBLEM).select_related("membership__organisation")
    ]
    finished = DuesRun.objects.filter(pk=run.pk)
    if run.done >= run.total:
        finished.update(status=DuesRun.Status.DONE, finished_at=timezone.now(), problems=problems)
    else:
        finished.update(problems=problems)


def held_members(run: DuesRun) -> list[DuesRunItem]:
    """The members the run held, with the reasons, for the run's page, the command and the log."""
    return list(
        run.items.filter(outcome=DuesRunItem.Outcome.HELD)
        .select_related("membership__organisation")
        .order_by("membership__organisation__name")
    )


def invoice_joining_member(*, membership_id: int, year: int) -> Invoice | None:
    """A member that joins during `year` owes that year's dues (R3): issue them once it is active."""
    membership = Membership.objects.select_related("organisation").get(pk=membership_id)
    if not memberships_owing_dues(year).filter(pk=membership.pk).exists():
        return None
    try:
        invoice = issue_dues_invoice(membership=membership, year=year)
    except DuesNotIssuable as error:
        logger.warning("Could not invoice %s for %s: %s", membership.organisation, year, error.messages)
        return None
    if invoice is not None:
        from .delivery import schedule_delivery

        schedule_delivery(invoice=invoice)
    return invoice


# --- Celery tasks: thin, idempotent wrappers around the services above (docs/architecture.md) ---
# Registered under their names from billing/tasks.py (beat's schedules and queued messages use them).

# The operators read the scheduled run's outcome under this logger's name, as before the task moved here.
task_logger = logging.getLogger("billing.tasks")


@shared_task(name="billing.run_dues", acks_late=True)
def run_dues_task(year: int | None = None, user_id: int | None = None) -> int:
    """The annual dues run (R3). Without `year`: the current year (the January beat schedule)."""
    year = year or timezone.localdate().year
    by = User.objects.filter(pk=user_id).first() if user_id else None
    result = run_dues(year=year, by=by)
    # The beat's run (3 January) holds what the page would: say so where the operators look.
    task_logger.info(
        "Dues %s: %s issued, %s held, %s skipped of %s.", year, result.issued, result.held, result.skipped, result.total
    )
    for item in held_members(result):
        task_logger.warning(
            "Dues %s held: %s (%s%s)",
            year,
            item.membership.organisation.name,
            ", ".join(item.reasons),
            f": {item.detail}" if item.detail else "",
        )
    return result.issued


@shared_task(name="billing.invoice_joining_member", acks_late=True)
def invoice_joining_member_task(membership_id: int, year: int) -> int | None:
    invoice = invoice_joining_member(membership_id=membership_id, year=year)
    return invoice.pk if invoice else None
