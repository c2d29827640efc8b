"""Reads about bodies and who holds their seats (R7, R9)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from members.models import Network, Person, User
from members.networks import first_network

from ..models import Body, BodyKind, BodyKindSettings, Term


def steering_group(network: Network | None = None) -> Body | None:
    """The network's steering group (the page's network when not given), with its network read along."""
    network = network or first_network()
    return Body.objects.filter(kind=BodyKind.STEERING_GROUP, network=network).select_related("network").first()


def current_terms(body: Body, on: datetime.date | None = None) -> QuerySet[Term]:
    """The seats of `body` held on `on` (today), terms being inclusive of both ends."""
    on = on or timezone.localdate()
    return (
        body.terms.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person", "organisation")
    )


def steering_group_leader(on: datetime.date | None = None) -> Person | None:
    body = steering_group()
    if body is None:
        return None
    term = current_terms(body, on).filter(role=Term.Role.LEADER).first()
    return term.person if term else None


def body_leader(network: Network, kind: str, on: datetime.date | None = None) -> Person | None:
    """The leader on `on` of `network`'s body of `kind` (the first such body): whom a notice is given to
    when the network says so (members.NoticeAddressee, registered in GovernanceConfig.ready)."""
    body = Body.objects.filter(kind=kind, network=network).order_by("pk").first()
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


def in_force(on: datetime.date | None = None) -> Q:
    """Filter for terms held on `on`."""
    on = on or timezone.localdate()
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def resource_group() -> Body | None:
    return Body.objects.filter(kind=BodyKind.RESOURCE_GROUP).first()


def working_groups() -> QuerySet[Body]:
    return (
        Body.objects.filter(kind=BodyKind.WORKING_GROUP)
        .select_related("leading_organisation", "lead_person")
        .prefetch_related("collaboration_areas")
        .order_by("status", "name")
    )


def steering_group_composition(on: datetime.date | None = None) -> dict:
    """The steering group on `on`: leader, deputy, other elected members and the fixed seats, in that order,
    with the body kind's settings (`kind_settings`: how many fixed seats, and whose)."""
    body = steering_group()
    if body is None:
        return {
            "body": None, "terms": [], "leader": None, "deputy": None, "ks": None, "elected_count": 0,
            "kind_settings": None,
        }
    order = {Term.Role.LEADER: 0, Term.Role.DEPUTY: 1, Term.Role.MEMBER: 2, Term.Role.KS_REPRESENTATIVE: 3}
    terms = sorted(
        current_terms(body, on).select_related("election"),
        key=lambda t: (order.get(t.role, 9), t.person.last_name, t.person.first_name),
    )
    return {
        "body": body,
        "terms": terms,
        "leader": next((t for t in terms if t.role == Term.Role.LEADER), None),
        "deputy": next((t for t in terms if t.role == Term.Role.DEPUTY), None),
        "ks": next((t for t in terms if t.role == Term.Role.KS_REPRESENTATIVE), None),
        "elected_count": sum(1 for t in terms if t.obtained == Term.Obtained.ELECTED),
        "kind_settings": BodyKindSettings.for_kind(body.kind, body.network),
    }


def terms_of_organisation(organisation, on: datetime.date | None = None) -> QuerySet[Term]:
    """The seats and group places the organisation's people hold now or later (portal "my groups")."""
    on = on or timezone.localdate()
    return (
        Term.objects.filter(organisation=organisation)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("body", "person")
        .order_by("body__kind", "body__name", "starts_on")
    )


def rotation(years_ahead: int = 3, today: datetime.date | None = None, body: Body | None = None) -> list[dict]:
    """Per year ahead, which steering-group seats expire, warning when more than half of the seats
    held at the start of that year expire in it (the group must never lose everyone at once, R7)."""
    today = today or timezone.localdate()
    body = body or steering_group()
    if body is None:
        return []
    terms = list(
        body.terms.filter(obtained=Term.Obtained.ELECTED, ends_on__gte=today)
        .select_related("person", "organisation")
        .order_by("ends_on", "person__last_name")
    )
    rows = []
    for year in range(today.year, today.year + years_ahead):
        start = max(today, datetime.date(year, 1, 1))
        held = [t for t in terms if t.starts_on <= datetime.date(year, 12, 31) and t.ends_on >= start]
        expiring = [t for t in held if t.ends_on.year == year]
        rows.append(
            {
                "year": year,
                "held": len(held),
                "expiring": expiring,
                "warn": bool(held) and len(expiring) * 2 > len(held),
            }
        )
    return rows


def body_for_slug(slug: str) -> Body:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Body, slug=slug)
