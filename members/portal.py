"""Sections of the member portal's home page that other apps contribute.

The portal belongs to members, but a member contact also wants their invoices (billing),
their groups (governance) and their gatherings and obligations (network). Those apps
register a section in their AppConfig.ready(); the portal renders the ones registered,
in order, each with the context its own function builds for the organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from .models import Organisation


@dataclass(frozen=True)
class PortalSection:
    key: str
    order: int
    template: str
    # context(request, organisation) -> dict for the template
    context: Callable[[HttpRequest, Organisation], dict[str, Any]]


_sections: dict[str, PortalSection] = {}


def register_section(section: PortalSection) -> None:
    _sections[section.key] = section


def sections() -> list[PortalSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


def render_sections(request: HttpRequest, organisation: Organisation) -> list[dict[str, Any]]:
    """Each registered section as {'key', 'template', 'context'} ready for `{% include ... with %}`."""
    return [
        {"key": s.key, "template": s.template, "context": s.context(request, organisation)} for s in sections()
    ]
