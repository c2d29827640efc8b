"""Reads about bodies and who holds their seats (R7, R9)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from members.models import Person, User

from ..models import Body, BodyKind, Term


def steering_group() -> Body | None:
    return Body.objects.filter(kind=BodyKind.STEERING_GROUP).first()


def current_terms(body: Body, on: datetime.date | None = None) -> QuerySet[Term]:
    """The seats of `body` held on `on` (today), terms being inclusive of both ends."""
    on = on or timezone.localdate()
    return body.terms.filter(starts_on__lte=on, ends_on__gte=on).select_related("person", "organisation")


def steering_group_leader(on: datetime.date | None = None) -> Person | None:
    body = steering_group()
    if body is None:
        return None
    term = current_terms(body, on).filter(role=Term.Role.LEADER).first()
    return term.person if term else None


def is_steering_group_member(user: User, on: datetime.date | None = None) -> bool:
    """Whether `user` holds a steering-group seat today: they may read confidential papers (R12)."""
    if not user.is_authenticated:
        return False
    body = steering_group()
    return body is not None and current_terms(body, on).filter(person__user=user).exists()
