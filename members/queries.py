"""Reads about organisations and memberships that depend on dates or on who asks."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Membership, Organisation, PopulationFigure, User
from .roles import contact_organisation_ids, is_coordinator


def organisation_for(user: User, pk: int) -> Organisation:
    """The organisation if `user` may see it, else 404: the same answer for missing and not yours."""
    if is_coordinator(user) or pk in contact_organisation_ids(user):
        try:
            return Organisation.objects.get(pk=pk)
        except Organisation.DoesNotExist:
            pass
    raise Http404


def population_basis(organisation: Organisation, on: datetime.date) -> PopulationFigure | None:
    """The latest population figure dated on or before `on` (R3), or None."""
    return (
        organisation.population_figures.filter(reference_date__lte=on)
        .order_by("-reference_date")
        .first()
    )


def current_membership(organisation: Organisation) -> Membership | None:
    return organisation.memberships.current().first()


def memberships_owing_dues(year: int) -> QuerySet[Membership]:
    """Memberships that owe dues for `year` (R3, R5).

    Owed when the membership is active on 1 January (a member in its notice period is
    active), or when it joins during the year. A year that starts on or after the
    effective date of a resignation is never owed.
    """
    new_year = datetime.date(year, 1, 1)
    active_on_new_year = Q(joined_on__lte=new_year) & (Q(ended_on__isnull=True) | Q(ended_on__gt=new_year))
    joined_during_year = Q(joined_on__year=year)
    not_ended_before = Q(notice_effective_on__isnull=True) | Q(notice_effective_on__gt=new_year) | joined_during_year
    return (
        Membership.objects.exclude(status=Membership.Status.APPLICANT)
        .filter(joined_on__isnull=False)
        .filter(active_on_new_year | joined_during_year)
        .filter(not_ended_before)
        .select_related("organisation")
    )


def public_member_list() -> QuerySet[Organisation]:
    """Organisations that are members today (active or in notice period), for the public pages."""
    return (
        Organisation.objects.filter(memberships__status__in=Membership.GOOD_STANDING)
        .distinct()
        .order_by("name")
    )
