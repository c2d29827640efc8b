"""Sections of the member portal's home page that other apps contribute.

The portal belongs to members, but a member contact also wants their invoices (billing),
their groups (governance) and their gatherings and obligations (network). Those apps
register a section in their AppConfig.ready(); the portal renders the ones registered,
in order, each with the context its own function builds for the organisation.

The sections are most of the page's cost (about four fifths: make bench). A section that
names the models it reads (`depends_on`) is rendered once and kept in the cache until a row of
one of those models changes (core.fingerprint) or a minute has passed (deadlines and
"overdue" move with the clock). Such a section must show the same to everyone who may open the
organisation's portal, and is rendered without the request (no CSRF token, no user).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Membership, Organisation, PopulationFigure
from .queries import contact_overview, membership_overview


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
    """The portal home's cacheable parts: the membership facts and the sections under one fingerprint,
    the contact persons under a digest of their own rows; both read in one query.
    """
    from .networks import current_network

    today = timezone.localdate()
    network = current_network()
    registered = sections()
    models = tuple(dict.fromkeys([*MEMBERSHIP_MODELS, *(model for s in registered for model in s.depends_on)]))
    version, contacts_digest = _versions(organisation, models)
    # Per network: the organisation's membership and contacts there, and each section's view of it.
    stamp = f"{organisation.pk}:{network.pk}:{get_language()}:{today.isoformat()}:{version}"
    membership_key = f"portal:membership:{stamp}"
    keys = {s.key: f"portal:section:{s.key}:{stamp}" for s in registered if s.depends_on}
    cached = cache.get_many(list(keys.values()))
    # Under the fingerprint and the date, the membership facts never go stale: each process keeps them.
    overview = caches["local"].get_or_set(
        membership_key, lambda: membership_overview(organisation, today, network), 24 * 3600
    )
    return {
        **overview,
        **_contact_overview(organisation, network, contacts_digest),
        "portal_sections": _sections_html(request, organisation, registered, keys, cached),
    }


@functools.cache
def _contacts_digest_sql() -> str:
    from .models import ContactRole, Invitation, Person, User

    role, person, user, invitation = (m._meta.db_table for m in (ContactRole, Person, User, Invitation))
    # Whole rows as text, so a column added later is covered too; of the login only what the page shows
    # (has_portal_account), never the password hash itself.
    return f"""(
        SELECT md5(coalesce(string_agg(line, '|' ORDER BY line), '')) FROM (
            SELECT r::text || p::text || coalesce(
                u.is_active::text || (left(u.password, 1) = '!')::text || (u.last_login IS NULL)::text, ''
            ) AS line
            FROM {role} r JOIN {person} p ON p.id = r.person_id LEFT JOIN {user} u ON u.id = p.user_id
            WHERE r.organisation_id = %s
            UNION ALL
            SELECT i::text FROM {invitation} i
            WHERE i.organisation_id = %s AND i.accepted_at IS NULL AND i.expires_at > now()
        ) AS contact_rows
    )"""  # noqa: S608 — table names from the models


def _versions(organisation: Organisation, models: tuple[type[Model], ...]) -> tuple[str, str | None]:
    """The data fingerprint of `models` and, on PostgreSQL, the digest of the organisation's contacts."""
    from core.fingerprint import data_version, version_columns, version_of

    if connection.vendor != "postgresql":
        return data_version(*models), None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(version_columns(models))}, {_contacts_digest_sql()}", [organisation.pk] * 2)
        *values, digest = cursor.fetchone()
    return version_of(values), digest


def _contact_overview(organisation: Organisation, network, digest: str | None) -> dict:
    """contact_overview, kept per process under the digest of the rows it reads.

    Logins and invitations keep no history to fingerprint, so the digest is of the rows themselves,
    read with the fingerprint: a change made any way at all (a login, a bare update, an invitation
    running out) gives a new digest, and the list is never stale. Without a digest (SQLite, the quick
    start) the contacts are read live.
    """
    if digest is None:
        return contact_overview(organisation, network)
    key = f"portal:contacts:{organisation.pk}:{network.pk}:{digest}"
    return caches["local"].get_or_set(key, lambda: contact_overview(organisation, network), 3600)


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
