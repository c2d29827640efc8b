"""Who handles a network's invoices (R12): its coordinators, and the billing administrators of its issuer.

A billing administrator is administrator of given issuers (`Issuer.billing_admins`); they handle
the invoices of every network those issuers invoice, and no other network's.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef

from members.models import Network, User
from members.networks import active_network, first_network
from members.roles import is_billing_admin, is_coordinator

from .issuer_models import NetworkBilling


def billed_network_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The networks whose issuer this user is a billing administrator of."""
    if not is_billing_admin(user):
        return frozenset()
    cached = getattr(user, "_network_billed_ids", None)
    if cached is None:
        loaded = getattr(user, "role_billed_network_ids", None)  # read with the user (members.roles.with_roles)
        cached = frozenset(
            NetworkBilling.objects.filter(issuer__billing_admins=user).values_list("network_id", flat=True)
            if loaded is None
            else loaded
        )
        user._network_billed_ids = cached
    return cached


def billed_network_ids_subquery():
    """The networks of the user's issuers, as a subquery of the user (registered in BillingConfig.ready)."""
    from django.contrib.postgres.expressions import ArraySubquery

    return ArraySubquery(NetworkBilling.objects.filter(issuer__billing_admins=OuterRef("pk")).values("network_id"))


def is_billing_admin_of(user: User | AnonymousUser, network: Network | None = None) -> bool:
    """Billing administrator of `network`'s issuer (by default the network the page speaks for)."""
    network = network or active_network() or first_network()
    return network is not None and network.pk in billed_network_ids(user)


def can_manage_billing(user: User | AnonymousUser, network: Network | None = None) -> bool:
    """Billing is for the network's coordinators and its issuer's billing administrators (R12)."""
    return is_coordinator(user, network) or is_billing_admin_of(user, network)
