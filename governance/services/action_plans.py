"""A network's yearly action plan (handlingsplan) or focus list: drafted, changed and adopted by the
coordinator; once adopted it never changes (like published minutes)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Network, User

from ..models import ActionPlan
from ..models.action_plans import action_plan_adopted_error
from .cases import validate_attachment

EDITABLE = ("title", "summary")


def _save(plan: ActionPlan, *, by: User | None) -> None:
    plan.full_clean()
    plan._history_user = by
    plan.save()


def _year_taken(network: Network, year: int) -> ValidationError:
    return ValidationError(
        {"year": _("%(network)s har allerede en handlingsplan for %(year)s.") % {"network": network.name, "year": year}}
    )


@transaction.atomic
def create_action_plan(
    *,
    network: Network,
    year: int,
    title: str,
    summary: str = "",
    document: UploadedFile | None = None,
    by: User | None = None,
) -> ActionPlan:
    """A draft plan for `network`'s `year`; one per network and year."""
    if ActionPlan.objects.filter(network=network, year=year).exists():
        raise _year_taken(network, year)
    plan = ActionPlan(network=network, year=year, title=title.strip(), summary=summary.strip())
    if document is not None:
        validate_attachment(document)
        plan.document = document
    try:
        with transaction.atomic():
            _save(plan, by=by)
    except IntegrityError:  # the same plan made at the same moment
        raise _year_taken(network, year) from None
    return plan


@transaction.atomic
def update_action_plan(
    *, plan: ActionPlan, title: str, summary: str = "", document: UploadedFile | None = None, by: User | None = None
) -> ActionPlan:
    """Change a draft; an adopted plan is refused with a clear message."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_adopted:
        raise action_plan_adopted_error(plan)
    plan.title, plan.summary = title.strip(), summary.strip()
    if document is not None:
        validate_attachment(document)
        plan.document = document
    _save(plan, by=by)
    return plan


@transaction.atomic
def adopt_action_plan(
    *, plan: ActionPlan, adopted_on: datetime.date, adopted_by: str, by: User | None = None
) -> ActionPlan:
    """Record the adoption (date and by whom): from then on the plan is a record that never changes."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_adopted:
        raise action_plan_adopted_error(plan)
    errors: dict[str, list[str]] = {}
    adopted_by = adopted_by.strip()
    if not adopted_by:
        errors["adopted_by"] = [_("Skriv hvem som vedtok planen.")]
    if adopted_on > timezone.localdate():
        errors["adopted_on"] = [_("Vedtaksdatoen kan ikke være fram i tid.")]
    if errors:
        raise ValidationError(errors)
    plan.adopted_on, plan.adopted_by = adopted_on, adopted_by
    _save(plan, by=by)
    return plan
