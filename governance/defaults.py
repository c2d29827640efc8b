"""The rows governance cannot work without: body-kind settings, the two singleton bodies, the six areas.

Migration 0003 loads them into the first network; this puts back any that are missing there after a
database flush (as test runs and `manage.py flush` do), the first network with them, without ever
overwriting what the coordinator has changed. Another network gets its settings when first asked (`BodyKindSettings.for_kind`).
"""

from __future__ import annotations

import importlib

_seed = importlib.import_module("governance.migrations.0003_seed_bodies_and_areas")
_first_network = importlib.import_module("members.migrations.0007_agreement_terms_become_networks")
_fixed_seats = importlib.import_module("governance.migrations.0009_open_meetings_and_fixed_seat_holder")


def ensure_defaults(**kwargs) -> None:
    from members.models import Network

    from .models import Body, BodyKindSettings, CollaborationArea

    network = Network.objects.order_by("pk").first()
    if network is None:
        # A flushed database: the bodies need their network, made again as members 0007 makes it.
        from django.apps import apps

        _first_network.create_first_network(apps, None)
        network = Network.objects.order_by("pk").first()
    for kind, max_elected, fixed, years, meet_min, meet_max in _seed.SETTINGS:
        BodyKindSettings.objects.get_or_create(
            network=network,
            kind=kind,
            defaults={
                "max_elected_seats": max_elected,
                "fixed_seats": fixed,
                "allowed_term_years": years,
                "meetings_per_year_min": meet_min,
                "meetings_per_year_max": meet_max,
                "fixed_seat_holder": _fixed_seats.FIXED_SEAT_HOLDER if fixed else "",
            },
        )
    for kind, name, slug, description in _seed.BODIES:
        if not Body.objects.filter(network=network, kind=kind).exists():
            Body.objects.create(
                network=network, kind=kind, name=name, slug=slug, description=description, status="active"
            )
    for order, (slug, name) in enumerate(_seed.AREAS, start=1):
        CollaborationArea.objects.get_or_create(network=network, slug=slug, defaults={"name": name, "order": order})
