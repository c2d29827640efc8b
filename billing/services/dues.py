"""The dues schedule (R3) and issuing dues invoices, one by one and as the annual run."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.models import Membership, Organisation, User
from members.queries import memberships_owing_dues, population_basis

from ..models import FIRST_DUES_YEAR, DuesRun, DuesSchedule, DuesTier, Invoice
from .invoices import issue_invoice

logger = logging.getLogger(__name__)


class DuesNotIssuable(ValidationError):
    """The member cannot be invoiced yet: the reason says what the coordinator must fix."""


@dataclass(frozen=True)
class DuesBasis:
    tier: DuesTier
    population: int | None
    population_date: datetime.date | None


def schedule_for(year: int) -> DuesSchedule | None:
    """The schedule in force on 1 January of `year` (the latest valid-from on or before it)."""
    return DuesSchedule.objects.filter(valid_from__lte=datetime.date(year, 1, 1)).order_by("-valid_from").first()


def tiers_for(year: int) -> list[DuesTier]:
    """The tiers of the schedule in force for `year` (R3); raises when none applies."""
    if year < FIRST_DUES_YEAR:
        raise DuesNotIssuable(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})
    schedule = schedule_for(year)
    if schedule is None:
        raise DuesNotIssuable(_("Ingen kontingentsats gjelder for %(year)s.") % {"year": year})
    return list(schedule.tiers.all())


def dues_basis(*, organisation: Organisation, year: int, tiers: list[DuesTier] | None = None) -> DuesBasis:
    """The tier and population an organisation's dues for `year` are computed from (R3)."""
    tiers = tiers_for(year) if tiers is None else tiers
    figure = population_basis(organisation, datetime.date(year, 1, 1))
    population = figure.population if figure else None
    for tier in tiers:
        if tier.covers(kind=organisation.kind, population=population):
            return DuesBasis(
                tier=tier,
                population=population,
                population_date=figure.reference_date if figure else None,
            )
    if population is None:
        raise DuesNotIssuable(
            _("%(name)s mangler folketall per 1. januar %(year)s.") % {"name": organisation.name, "year": year}
        )
    raise DuesNotIssuable(_("Ingen kontingenttrinn passer for %(name)s.") % {"name": organisation.name})


def _dues_line(*, year: int, basis: DuesBasis, language: str) -> str:
    with override(language):
        if basis.population is not None:
            return _("Kontingent Bærekraftsnettverket %(year)s – %(tier)s (folketall %(population)s per %(date)s)") % {
                "year": year,
                "tier": basis.tier.label,
                "population": f"{basis.population:,}".replace(",", "\u00a0"),
                "date": basis.population_date.strftime("%d.%m.%Y"),
            }
        return _("Kontingent Bærekraftsnettverket %(year)s – %(tier)s") % {"year": year, "tier": basis.tier.label}


def issue_dues_invoice(
    *,
    membership: Membership,
    year: int,
    by: User | None = None,
    issue_date: datetime.date | None = None,
    tiers: list[DuesTier] | None = None,
) -> Invoice | None:
    """Issue `membership`'s dues invoice for `year` in its own transaction; None if it exists already.

    Idempotent: the existence check runs after the number counter is locked, so two runs
    at once cannot both issue, and the database constraint is the last guard.
    """
    organisation = membership.organisation
    basis = dues_basis(organisation=organisation, year=year, tiers=tiers)
    try:
        with transaction.atomic():
            return issue_invoice(
                organisation=organisation,
                membership=membership,
                purpose=Invoice.Purpose.DUES,
                dues_year=year,
                lines=[
                    (
                        _dues_line(year=year, basis=basis, language=organisation.preferred_language),
                        basis.tier.amount_ore,
                    )
                ],
                population=basis.population,
                population_date=basis.population_date,
                tier_label=basis.tier.label,
                issue_date=issue_date,
                by=by,
                skip_if=lambda: Invoice.objects.filter(
                    organisation=organisation, dues_year=year, type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES
                ).exists(),
            )
    except IntegrityError:
        # Lost a race that the counter lock did not serialise (e.g. another counter key): the
        # constraint held, and the rollback returned the number.
        if Invoice.objects.filter(organisation=organisation, dues_year=year, purpose=Invoice.Purpose.DUES).exists():
            return None
        raise


def dues_invoice_exists(*, organisation_id: int, year: int) -> bool:
    return Invoice.objects.filter(
        organisation_id=organisation_id, dues_year=year, type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES
    ).exists()


def start_dues_run(*, year: int, by: User | None = None) -> DuesRun:
    """Record that the run for `year` is wanted; the task does the work (see tasks.run_dues)."""
    if year < FIRST_DUES_YEAR:
        raise ValidationError(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})
    with transaction.atomic():
        run, created = DuesRun.objects.select_for_update().get_or_create(year=year, defaults={"started_by": by})
        if not created and not run.is_active:
            run.status = DuesRun.Status.QUEUED
            run.started_by = by
            run.save(update_fields=["status", "started_by"])
    return run


def run_dues(
    *, year: int, by: User | None = None, issue_date: datetime.date | None = None, deliver: bool = True
) -> DuesRun:
    """Issue the dues for `year` to every member owing them (R3). Safe to re-run, and after a crash.

    Each invoice is its own transaction; progress (done / total) is written as it goes.
    """
    from .delivery import schedule_delivery

    if year < FIRST_DUES_YEAR:
        raise ValidationError(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})
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
        problems=[],
        started_at=timezone.now(),
        progressed_at=timezone.now(),
        finished_at=None,
    )
    problems: list[dict] = []
    for membership in memberships:
        issued = 0
        try:
            invoice = issue_dues_invoice(membership=membership, year=year, by=by, issue_date=issue_date, tiers=tiers)
            if invoice is not None:
                issued = 1
                if deliver:
                    schedule_delivery(invoice=invoice)
        except DuesNotIssuable as error:
            problems.append({"organisation": membership.organisation.name, "error": " ".join(error.messages)})
        DuesRun.objects.filter(pk=run.pk).update(
            done=F("done") + 1,
            issued=F("issued") + issued,
            skipped=F("skipped") + (1 - issued),
            problems=problems,
            progressed_at=timezone.now(),
        )
    DuesRun.objects.filter(pk=run.pk).update(status=DuesRun.Status.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


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
