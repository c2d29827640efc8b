"""Which network a page speaks for, read without a query on every page.

Until pages name their network in the URL, the layout, the front page and e-mails without a
membership speak for the installation's first network. Every page shows its name, so it is kept
in the shared cache and dropped whenever a network is saved or deleted (receivers below).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Network

CACHE_KEY = "members:first-network"


def first_network() -> Network | None:
    """The installation's first network, or None before one is set up."""
    network = cache.get(CACHE_KEY)
    if network is None:
        network = Network.objects.order_by("pk").first()
        if network is not None:
            cache.set(CACHE_KEY, network, timeout=3600)
    return network


def default_network() -> Network:
    """The first network, from the cache; raises Network.DoesNotExist before one is set up."""
    network = first_network()
    if network is None:
        raise Network.DoesNotExist("No network is set up: run `manage.py migrate`, or add one in the admin.")
    return network


def default_network_id() -> int:
    """The first network's id, for field defaults. Reads only the id column when the cache is cold, so
    it also works inside migrations that run before a later migration adds a column to networks."""
    network = cache.get(CACHE_KEY)
    if network is not None:
        return network.pk
    pk = Network.objects.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        raise Network.DoesNotExist("No network is set up: run `manage.py migrate`, or add one in the admin.")
    return pk


@receiver(post_save, sender=Network, dispatch_uid="members.networks.refresh_on_save")
def refresh_first_network(instance: Network, **kwargs) -> None:
    """A saved network replaces the cached one when it is the first; the cache never holds an old copy."""
    first = Network.objects.order_by("pk").values_list("pk", flat=True).first()
    if first == instance.pk:
        cache.set(CACHE_KEY, instance, timeout=3600)
    else:
        cache.delete(CACHE_KEY)


@receiver(post_delete, sender=Network, dispatch_uid="members.networks.forget_on_delete")
def forget_first_network(**kwargs) -> None:
    cache.delete(CACHE_KEY)
