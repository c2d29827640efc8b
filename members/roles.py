"""Who someone is to a network (R12). Access checks are built on these, never on is_staff alone.

A coordinator is coordinator *of given networks* (`Network.coordinators`); the checks ask about the
network the page speaks for (members.networks.current_network) unless told another. The group
«Koordinator» gives the admin's model permissions; it is not enough to see a network's data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Expression, OuterRef, QuerySet

from core.prepared import PreparedQuery

from .models import ContactRole, Membership, Network, User
from .networks import active_network, all_networks, first_network, network_by_id

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


def coordinated_network_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The networks this user coordinates; a superuser coordinates every network."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(network.pk for network in all_networks())
    cached = getattr(user, "_network_coordinated_ids", None)
    if cached is None:
        loaded = getattr(user, "role_network_ids", None)  # read with the user (with_roles)
        cached = frozenset(
            Network.coordinators.through.objects.filter(user=user).values_list("network_id", flat=True)
            if loaded is None
            else loaded
        )
        user._network_coordinated_ids = cached
    return cached


def is_coordinator(user: User | AnonymousUser, network: Network | None = None) -> bool:
    """Coordinator of `network`, by default the network the page speaks for."""
    ids = coordinated_network_ids(user)
    if not ids:
        return False
    network = network or active_network() or first_network()
    return network is not None and network.pk in ids


def coordinates_any(user: User | AnonymousUser) -> bool:
    return bool(coordinated_network_ids(user))


def is_billing_admin(user: User | AnonymousUser) -> bool:
    """In the billing administrators' group; which issuers' invoices they handle is billing's (billing.roles)."""
    return BILLING_ADMIN_GROUP in _group_names(user)


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


def is_member_contact(user: User | AnonymousUser, network: Network | None = None) -> bool:
    """A contact person of an organisation with a membership of `network` (the page's network)."""
    if not contact_organisation_ids(user):
        return False
    network = network or active_network() or first_network()
    return network is not None and network.pk in contact_network_ids(user)


def contact_network_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The networks the user's organisations have (or had) a membership of: their portal in each."""
    if not contact_organisation_ids(user):
        return frozenset()
    cached = getattr(user, "_network_contact_network_ids", None)
    if cached is None:
        loaded = getattr(user, "role_contact_network_ids", None)  # read with the user (with_roles)
        cached = frozenset(
            Membership.objects.filter(organisation_id__in=contact_organisation_ids(user)).values_list(
                "network_id", flat=True
            )
            if loaded is None
            else loaded
        )
        user._network_contact_network_ids = cached
    return cached


def user_network_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Every network the user has a role in: the networks their switcher offers."""
    return coordinated_network_ids(user) | contact_network_ids(user)


def preferred_network(user: User | AnonymousUser) -> Network | None:
    """Where a page without a network in its address takes the user: their first network, else the first."""
    for network_id in sorted(coordinated_network_ids(user)) + sorted(contact_network_ids(user)):
        network = network_by_id(network_id)
        if network is not None:
            return network
    return first_network()


# Roles kept by apps above members (billing's administrators of issuers): each registers a subquery
# of the user's pk, read with the user like the roles here (register_role_annotation).
_extra_role_annotations: dict[str, Callable[[], Expression]] = {}


def register_role_annotation(name: str, build: Callable[[], Expression]) -> None:
    """Read `name` (an array subquery on OuterRef("pk"), built by `build`) with the user on PostgreSQL."""
    _extra_role_annotations[name] = build


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
        role_network_ids=ArraySubquery(
            Network.coordinators.through.objects.filter(user=OuterRef("pk")).values("network_id")
        ),
        role_contact_network_ids=ArraySubquery(
            Membership.objects.filter(organisation__contact_roles__person__user=OuterRef("pk"))
            .values("network_id")
            .distinct()
        ),
        **{name: build() for name, build in _extra_role_annotations.items()},
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
