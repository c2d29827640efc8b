"""The issuer and payment terms the coordinator edits (R4): the default network's issuer, until pages
name their network."""

from __future__ import annotations

from django.db import transaction

from members.models import Network, User

from ..models import Issuer, NetworkBilling


@transaction.atomic
def update_billing_settings(*, values: dict, by: User | None = None, issuer: Issuer | None = None) -> Issuer:
    """Change `issuer` (the default network's when not given); the change is kept in its history."""
    pk = issuer.pk if issuer is not None else Issuer.objects.default().pk
    settings = Issuer.objects.select_for_update().get(pk=pk)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings._history_user = by
    settings.save()
    return settings


def free_kid_prefix() -> str:
    """The shortest KID prefix no issuer has yet ("", then 1–9, then 10–99): KIDs stay unique across issuers."""
    taken = set(Issuer.objects.values_list("kid_prefix", flat=True))
    return next(p for p in ["", *map(str, range(1, 100))] if p not in taken)


@transaction.atomic
def set_up_issuer(*, network: Network, values: dict, by: User | None = None) -> Issuer:
    """A new issuer that invoices `network`'s dues from now on (R4, R13); both kept in the history."""
    issuer = Issuer(**values)
    if "kid_prefix" not in values:
        issuer.kid_prefix = free_kid_prefix()
    issuer.full_clean()
    issuer._history_user = by
    issuer.save()
    link, _created = NetworkBilling.objects.select_for_update().get_or_create(network=network)
    link.issuer = issuer
    link._history_user = by
    link.save()
    return issuer
