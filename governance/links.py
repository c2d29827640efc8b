"""Addresses of governance's objects inside their own network.

`reverse()` gives the active network's addresses (core.urlconfs). An object's own address belongs to
its network: a meeting of network B linked from the admin, a mail or a job speaking for network A must
point to /<B>/…. The network is read from the cache (members.networks), so a link costs no query.
"""

from __future__ import annotations

from django.urls import reverse

from members.networks import active_network, network_by_id, using_network


def reverse_in_network(network_id: int | None, viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs) under the network `network_id` (the active one when None or unknown)."""
    network = network_by_id(network_id) if network_id is not None else None
    active = active_network()
    if network is None or (active is not None and active.pk == network.pk):
        return reverse(viewname, kwargs=kwargs)
    with using_network(network):
        return reverse(viewname, kwargs=kwargs)
