"""Reads of the networks' action plans: who may read which, and the fact the obligations check uses.

The coordinator reads and prepares every plan, drafts included; member contacts and the steering group
read adopted plans; anyone else nothing (404 for "missing" and "not yours" alike). A page reads the plans of
its own network: another network's plan is not found.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from members.models import Network, User
from members.networks import current_network

from ..models import ActionPlan
from .meetings import can_manage_meetings, can_read_meetings


def can_manage_action_plans(user: User | AnonymousUser) -> bool:
    return can_manage_meetings(user)


def action_plans_visible_to(user: User | AnonymousUser, network: Network) -> QuerySet[ActionPlan]:
    if can_manage_action_plans(user):
        plans = ActionPlan.objects.all()
    elif can_read_meetings(user):
        plans = ActionPlan.objects.adopted()
    else:
        return ActionPlan.objects.none()
    return plans.filter(network=network).select_related("network").order_by("-year")


def action_plan_for(user: User | AnonymousUser, pk: int) -> ActionPlan:
    plan = ActionPlan.objects.select_related("network").filter(pk=pk, network=current_network()).first()
    readable = plan is not None and (can_manage_action_plans(user) or (can_read_meetings(user) and plan.is_adopted))
    if not readable:
        raise Http404(_("Fant ikke handlingsplanen."))
    return plan


def managed_action_plan(user: User | AnonymousUser, pk: int) -> ActionPlan:
    if not can_manage_action_plans(user):
        raise Http404(_("Fant ikke handlingsplanen."))
    plan = ActionPlan.objects.select_related("network").filter(pk=pk, network=current_network()).first()
    if plan is None:
        raise Http404(_("Fant ikke handlingsplanen."))
    return plan


def adopted_action_plans(year: int) -> QuerySet[ActionPlan]:
    """The plans adopted for `year`, for the obligations check (filter by network)."""
    return ActionPlan.objects.adopted().filter(year=year)


def has_adopted_action_plan(network: Network, year: int) -> bool:
    return adopted_action_plans(year).filter(network=network).exists()
