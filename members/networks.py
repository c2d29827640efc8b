"""Which network a page or a job speaks for, read without a query on every page.

A page names its network in its address (`/<slug>/…`); the network middleware activates that
network for the request (`activate`), and everything below reads it from here: the layout, the
role checks (a coordinator is coordinator *of this network*), `reverse()` (links stay inside the
network) and the e-mails. A job, or code about an object of another network, activates that
network for as long as it needs it (`using_network`). Where nothing is active, the installation's
first network is the current one — the only one in a single-network installation.

The networks are few and every page shows one, so they are kept in the shared cache, dropped
whenever a network is saved or deleted (receivers below).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import django.core.handlers.base  # noqa: F401 — connects reset_urlconf first, so keep_active_urlconf runs after it
from django.core.cache import cache
from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import clear_url_caches, set_urlconf

from core.urlconfs import forget_urlconfs, urlconf_for

from . import network_context
from .models import Network

CACHE_KEY = "members:networks"
CACHE_SECONDS = 3600

_active = network_context.active


def all_networks() -> tuple[Network, ...]:
    """Every network, first by id, from the cache."""
    networks = cache.get(CACHE_KEY)
    if networks is None:
        networks = tuple(Network.objects.order_by("pk"))
        cache.set(CACHE_KEY, networks, timeout=CACHE_SECONDS)
    return networks


def network_by_slug(slug: str) -> Network | None:
    return next((network for network in all_networks() if network.slug == slug), None)


def network_by_id(pk: int) -> Network | None:
    return next((network for network in all_networks() if network.pk == pk), None)


def first_network() -> Network | None:
    """The installation's first network, or None before one is set up."""
    networks = all_networks()
    return networks[0] if networks else None


def current_network() -> Network:
    """The network this page or job speaks for: the active one, else the first.

    Raises Network.DoesNotExist before any network is set up.
    """
    active = _active.get()
    # The cached copy, not the one activated: a network saved since (new terms) is read as it is now.
    network = (network_by_id(active.pk) or active) if active is not None else first_network()
    if network is None:
        raise Network.DoesNotExist("No network is set up: run `manage.py migrate`, or add one in the admin.")
    return network


def active_network() -> Network | None:
    """The network a request or job has activated, or None (then pages use the first)."""
    return _active.get()


# The name pages and jobs used before addresses named their network; it means the same.
default_network = current_network


def activate(network: Network | None) -> contextvars.Token:
    """Make `network` the current one in this context; its addresses are what reverse() gives."""
    set_urlconf(urlconf_for(network.slug) if network is not None else None)
    return _active.set(network)


def deactivate(token: contextvars.Token) -> None:
    _active.reset(token)
    network = _active.get()
    set_urlconf(urlconf_for(network.slug) if network is not None else None)


@contextlib.contextmanager
def using_network(network: Network | None) -> Iterator[Network | None]:
    """Speak for `network` inside the block (an e-mail about its object, a link into it)."""
    token = activate(network)
    try:
        yield network
    finally:
        deactivate(token)


def _forget() -> None:
    cache.delete(CACHE_KEY)
    # A changed slug changes the addresses: the resolvers built for the old one are dropped.
    forget_urlconfs()
    clear_url_caches()


@receiver(request_finished, dispatch_uid="members.networks.keep_active_urlconf")
def keep_active_urlconf(**kwargs) -> None:
    """Django resets the thread's URL configuration when a request finishes; code that has a network
    active around it (a job rendering several pages, a test) keeps its network's addresses."""
    network = _active.get()
    if network is not None:
        set_urlconf(urlconf_for(network.slug))


def default_network_id() -> int:
    """The first network's id, for field defaults. Reads only the id column when the cache is cold, so
    it also works inside migrations that run before a later migration adds a column to networks."""
    networks = cache.get(CACHE_KEY)
    if networks:
        return networks[0].pk
    pk = Network.objects.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        raise Network.DoesNotExist("No network is set up: run `manage.py migrate`, or add one in the admin.")
    return pk


@receiver(post_save, sender=Network, dispatch_uid="members.networks.refresh_on_save")
def refresh_networks(**kwargs) -> None:
    _forget()


@receiver(post_delete, sender=Network, dispatch_uid="members.networks.forget_on_delete")
def forget_networks(**kwargs) -> None:
    _forget()
