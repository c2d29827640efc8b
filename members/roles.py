"""Who someone is to the network (R12). Access checks are built on these, never on is_staff alone."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import ContactRole, User

COORDINATOR_GROUP = "Koordinator"
BILLING_ADMIN_GROUP = "Fakturaadministrator"


def _group_names(user: User | AnonymousUser) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_network_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._network_group_names = cached
    return cached


def is_coordinator(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and (
        user.is_superuser or COORDINATOR_GROUP in _group_names(user)
    )


def is_billing_admin(user: User | AnonymousUser) -> bool:
    return BILLING_ADMIN_GROUP in _group_names(user)


def can_manage_billing(user: User | AnonymousUser) -> bool:
    """Billing is for the coordinator and KS finance (R12)."""
    return is_coordinator(user) or is_billing_admin(user)


def contact_organisation_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The organisations this user is a contact person for: the only ones their portal shows."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_network_contact_org_ids", None)
    if cached is None:
        cached = frozenset(
            ContactRole.objects.filter(person__user=user).values_list("organisation_id", flat=True)
        )
        user._network_contact_org_ids = cached
    return cached


def remember_contact_organisation_ids(user: User, ids: set[int]) -> None:
    """For a caller that has read the user's organisations anyway: saves the query above."""
    user._network_contact_org_ids = frozenset(ids)


def is_member_contact(user: User | AnonymousUser) -> bool:
    return bool(contact_organisation_ids(user))
