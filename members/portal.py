"""Sections of the member portal's home page that other apps contribute.

The portal belongs to members, but a member contact also wants their invoices (billing),
their groups (governance) and their gatherings and obligations (network). Those apps
register a section in their AppConfig.ready(); the portal renders the ones registered,
in order, each with the context its own function builds for the organisation.

The sections are most of the page's cost (about four fifths: make bench). A section that
names the models it reads (`depends_on`) is rendered once and kept in the cache until a row of
one of those models changes (network.fingerprint) or a minute has passed (deadlines and
"overdue" move with the clock). Such a section must show the same to everyone who may open the
organisation's portal, and is rendered without the request (no CSRF token, no user).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Membership, Organisation, PopulationFigure
from .queries import membership_overview


@dataclass(frozen=True)
class PortalSection:
    key: str
    order: int
    template: str
    # context(request, organisation) -> dict for the template
    context: Callable[[HttpRequest, Organisation], dict[str, Any]]
    # The models the section reads: when given, the rendered section is cached (see above).
    depends_on: tuple[type[Model], ...] = ()


_sections: dict[str, PortalSection] = {}


def register_section(section: PortalSection) -> None:
    _sections[section.key] = section


def sections() -> list[PortalSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


def _render(section: PortalSection, request: HttpRequest | None, organisation: Organisation) -> str:
    context = section.context(request, organisation)
    return render_to_string(section.template, {"organisation": organisation, **context, "section": context}, request)


# The membership facts at the top of the portal home read these; they are cached with the sections.
MEMBERSHIP_MODELS = (Membership, PopulationFigure)


def cached_home(request: HttpRequest, organisation: Organisation) -> dict:
    """The portal home's cacheable parts under one fingerprint: the membership facts and the sections.

    The contact persons are read live: logins and invitations keep no history to fingerprint.
    """
    from network.fingerprint import data_version

    today = timezone.localdate()
    registered = sections()
    models = list(dict.fromkeys([*MEMBERSHIP_MODELS, *(model for s in registered for model in s.depends_on)]))
    stamp = f"{organisation.pk}:{get_language()}:{today.isoformat()}:{data_version(*models)}"
    membership_key = f"portal:membership:{stamp}"
    keys = {s.key: f"portal:section:{s.key}:{stamp}" for s in registered if s.depends_on}
    cached = cache.get_many(list(keys.values()))
    # Under the fingerprint and the date, the membership facts never go stale: each process keeps them.
    overview = caches["local"].get(membership_key)
    if overview is None:
        overview = membership_overview(organisation, today)
        caches["local"].set(membership_key, overview, 24 * 3600)
    return {**overview, "portal_sections": _sections_html(request, organisation, registered, keys, cached)}


def _sections_html(request, organisation, registered, keys: dict[str, str], cached: dict) -> list[SafeString]:
    """The registered sections rendered in order, from the cache where the data has not changed."""
    fresh = {}
    rendered = []
    for section in registered:
        key = keys.get(section.key)
        html = cached.get(key) if key else None
        if html is None:
            html = _render(section, None if key else request, organisation)
            if key:
                fresh[key] = html
        rendered.append(mark_safe(html))  # noqa: S308 — our own rendered, autoescaped template
    if fresh:
        cache.set_many(fresh, settings.PORTAL_SECTION_CACHE_SECONDS)
    return rendered
