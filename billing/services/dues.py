"""A network's annual dues run (R3, R4): the coordinator's choices, the run itself with its progress,
and invoicing a member who joins during the year. Who is invoiced or held and why is planned by
billing.services.dues_plan; one member's invoice is issued by billing.services.dues_invoices (their
names are re-exported here for the callers)."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, Network, User
from members.networks import default_network
from members.queries import memberships_owing_dues

from ..models import FIRST_DUES_YEAR, DuesRun, DuesRunChoice, DuesRunItem, Invoice
from .dues_invoices import DuesBasis as DuesBasis  # re-exported for callers of this module
from .dues_invoices import DuesNotIssuable as DuesNotIssuable
from .dues_invoices import dues_basis as dues_basis
from .dues_invoices import dues_invoice_exists, issue_dues_invoice
from .dues_invoices import schedule_for as schedule_for
from .dues_invoices import tiers_for as tiers_for
from .dues_plan import DuesRunOverview as DuesRunOverview
from .dues_plan import MemberPlan as MemberPlan
from .dues_plan import (
    _members_owing,
    network_issuer,
    networks_with_dues,
    plan_dues_run,
    plan_member,
    recorded_choices,
)
from .dues_plan import agreement_ended as agreement_ended

logger = logging.getLogger(__name__)


def _valid_year(year: int) -> None:
    if year < FIRST_DUES_YEAR:
        raise ValidationError(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})


ALLOWED_CHOICES = {
    DuesRunChoice.Reason.AGREEMENT_ENDED: {DuesRunChoice.Choice.HOLD, DuesRunChoice.Choice.INCLUDE},
    DuesRunChoice.Reason.NO_EHF: {DuesRunChoice.Choice.HOLD, DuesRunChoice.Choice.PDF_ONLY},
}


def record_dues_run_choices(
    *, year: int, choices: dict[tuple[int, str], str], by: User | None, network: Network | None = None
) -> int:
    """Record the coordinator's choices, {(membership id, reason): choice}, on the network's run for the year.

    Only members the run lists for that reason can be chosen for; a choice that does not change
    anything writes nothing. Returns how many choices changed. Who and when is in the history.
    """
    _valid_year(year)
    if not choices:
        return 0
    network = network or default_network()
    listed = {(p.membership.pk, reason) for p in plan_dues_run(year, network) for reason in p.listed_for}
    for (membership_id, reason), choice in choices.items():
        if choice not in ALLOWED_CHOICES.get(reason, set()) or (membership_id, reason) not in listed:
            raise ValidationError(_("Valget gjelder et medlem som ikke er på listen. Last siden på nytt."))
    changed = 0
    with transaction.atomic():
        run, _created = DuesRun.objects.select_for_update().get_or_create(
            network=network, year=year, defaults={"status": DuesRun.Status.PLANNED, "started_by": by}
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


def _runnable(network: Network) -> None:
    """A dues run is for a network that pays dues, has a schedule and an issuer: refused otherwise."""
    if not networks_with_dues().filter(pk=network.pk).exists():
        raise ValidationError(
            _(
                "Nettverket %(network)s har ingen kontingent å fakturere: partene betaler ikke kontingent, "
                "eller nettverket har ingen kontingentsats."
            )
            % {"network": network.name},
            code="network_without_dues",
        )
    network_issuer(network)


def start_dues_run(*, year: int, by: User | None = None, network: Network | None = None) -> DuesRun:
    """Record that `network`'s run for `year` is wanted; the task does the work (see run_dues_task)."""
    _valid_year(year)
    network = network or default_network()
    _runnable(network)
    with transaction.atomic():
        run, created = DuesRun.objects.select_for_update().get_or_create(
            network=network, year=year, defaults={"started_by": by}
        )
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
    exists = dues_invoice_exists(organisation_id=membership.organisation_id, year=year, network_id=run.network_id)
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
    *,
    year: int,
    by: User | None = None,
    issue_date: datetime.date | None = None,
    deliver: bool = True,
    network: Network | None = None,
) -> DuesRun:
    """Issue `network`'s dues for `year` to every member owing them (R3). Safe to re-run, and after a crash.

    `network`: the default network when not given. A network without dues or a schedule has no run,
    and one without an issuer is refused, before anything is written.

    Members whose agreement period has ended (R1) or for whom no valid EHF can be made (R4) are held
    unless the coordinator chose otherwise on the run (see `record_dues_run_choices`). Each invoice is
    its own transaction; each member's outcome is one row, and progress is counted from those rows.
    """
    _valid_year(year)
    network = network or default_network()
    _runnable(network)
    memberships = _members_owing(network, year)
    for membership in memberships:
        membership.network = network  # spares a query per member when its invoice is issued
    try:
        tiers = tiers_for(year, network)
    except DuesNotIssuable:
        tiers = None  # each member gets the explanation in the run's problems
    run, _created = DuesRun.objects.get_or_create(network=network, year=year, defaults={"started_by": by})
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
    issuer_org_number = network_issuer(network).issuer_org_number
    for membership in memberships:
        _handle_member(
            run=run,
            membership=membership,
            year=year,
            plan_kwargs={
                "issuer_org_number": issuer_org_number,
                "choices": choices.get(membership.pk, {}),
                "tiers": tiers,
                "network": network,
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
    membership = Membership.objects.select_related("organisation", "network").get(pk=membership_id)
    owing = memberships_owing_dues(year).filter(pk=membership.pk, network__in=networks_with_dues())
    if not owing.exists():
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
def run_dues_task(year: int | None = None, user_id: int | None = None, network_id: int | None = None) -> int:
    """The annual dues run (R3). Without `year`: the current year (the January beat schedule). Without
    `network_id`: every network with dues (`networks_with_dues`); one that cannot run is logged and the
    others still run."""
    year = year or timezone.localdate().year
    by = User.objects.filter(pk=user_id).first() if user_id else None
    networks = Network.objects.filter(pk=network_id) if network_id else networks_with_dues()
    issued = 0
    for network in networks:
        try:
            result = run_dues(year=year, by=by, network=network)
        except ValidationError as error:
            task_logger.error("Dues %s for %s refused: %s", year, network.name, " ".join(error.messages))
            continue
        issued += result.issued
        _log_run(result, network=network, year=year)
    return issued


def _log_run(result: DuesRun, *, network: Network, year: int) -> None:
    # The beat's run (3 January) holds what the page would: say so where the operators look.
    task_logger.info(
        "Dues %s (%s): %s issued, %s held, %s skipped of %s.",
        year,
        network.name,
        result.issued,
        result.held,
        result.skipped,
        result.total,
    )
    for item in held_members(result):
        task_logger.warning(
            "Dues %s held: %s (%s%s)",
            year,
            item.membership.organisation.name,
            ", ".join(item.reasons),
            f": {item.detail}" if item.detail else "",
        )


@shared_task(name="billing.invoice_joining_member", acks_late=True)
def invoice_joining_member_task(membership_id: int, year: int) -> int | None:
    invoice = invoice_joining_member(membership_id=membership_id, year=year)
    return invoice.pk if invoice else None
