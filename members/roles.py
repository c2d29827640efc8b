"""Who someone is to the network (R12). Access checks are built on these, never on is_staff alone."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import OuterRef, QuerySet

from core.prepared import PreparedQuery

from .models import ContactRole, User

COORDINATOR_GROUP = "Koordinator"
BILLING_ADMIN_GROUP = "Fakturaadministrator"


def _group_names(user: User | AnonymousUser) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_network_group_names", None)
    if cached is None:
        loaded = getattr(user, "role_group_names", None)  # read with the user (with_roles)
        cached = frozenset(user.groups.values_list("name", flat=True) if loaded is None else loaded)
        user._network_group_names = cached
    return cached


def is_coordinator(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or COORDINATOR_GROUP in _group_names(user))


def is_billing_admin(user: User | AnonymousUser) -> bool:
    return BILLING_ADMIN_GROUP in _group_names(user)


def can_manage_billing(user: User | AnonymousUser) -> bool:
    """Billing is for the coordinator and the issuer's finance staff (R12)."""
    return is_coordinator(user) or is_billing_admin(user)


def contact_organisation_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The organisations this user is a contact person for: the only ones their portal shows."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_network_contact_org_ids", None)
    if cached is None:
        loaded = getattr(user, "role_contact_organisation_ids", None)  # read with the user (with_roles)
        cached = frozenset(
            ContactRole.objects.filter(person__user=user).values_list("organisation_id", flat=True)
            if loaded is None
            else loaded
        )
        user._network_contact_org_ids = cached
    return cached


def remember_contact_organisation_ids(user: User, ids: set[int]) -> None:
    """For a caller that has read the user's organisations anyway: saves the query above."""
    user._network_contact_org_ids = frozenset(ids)


def is_member_contact(user: User | AnonymousUser) -> bool:
    return bool(contact_organisation_ids(user))


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """Users with their group names and contact organisations read in the same query.

    Every signed-in request asks who the user is to the network (the menu, the access checks);
    on PostgreSQL that rides along with loading the user instead of costing two more queries.
    Read afresh on each request, so a role taken away applies at once. Elsewhere (SQLite, the
    quick start) the checks above query as before.
    """
    if connections[users.db].vendor != "postgresql":
        return users
    from django.contrib.postgres.expressions import ArraySubquery

    return users.annotate(
        role_group_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")),
        role_contact_organisation_ids=ArraySubquery(
            ContactRole.objects.filter(person__user=OuterRef("pk")).values("organisation_id")
        ),
    )


_user_with_roles = PreparedQuery(User, lambda pk: with_roles(User._default_manager.filter(pk=pk)))


def user_with_roles(user_id) -> User | None:
    """The user `user_id` with their roles (with_roles), for the session's user on every request.

    The ORM compiles the query once per process and it then runs as raw SQL (core.prepared):
    compiling it cost more than running it (two thirds of loading the user, make bench).
    """
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    return next(iter(_user_with_roles(pk)), None)
