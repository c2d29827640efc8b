"""The rows governance cannot work without: body-kind settings, the two singleton bodies, the six areas.

Migration 0003 loads them; this puts back any that are missing after a database flush (as test
runs and `manage.py flush` do) without ever overwriting what the coordinator has changed.
"""

from __future__ import annotations

import importlib

_seed = importlib.import_module("governance.migrations.0003_seed_bodies_and_areas")


def ensure_defaults(**kwargs) -> None:
    from .models import Body, BodyKindSettings, CollaborationArea

    for kind, max_elected, fixed, years, meet_min, meet_max in _seed.SETTINGS:
        BodyKindSettings.objects.get_or_create(
            kind=kind,
            defaults={
                "max_elected_seats": max_elected,
                "fixed_seats": fixed,
                "allowed_term_years": years,
                "meetings_per_year_min": meet_min,
                "meetings_per_year_max": meet_max,
            },
        )
    for kind, name, slug, description in _seed.BODIES:
        if not Body.objects.filter(kind=kind).exists():
            Body.objects.create(kind=kind, name=name, slug=slug, description=description, status="active")
    for order, (slug, name) in enumerate(_seed.AREAS, start=1):
        CollaborationArea.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
