"""The member portal's section for the yearly obligations (R6): this year's checklist on the portal home.

Registered as a portal section in NetworkConfig.ready; the template is
templates/network/obligations/_portal_obligations.html.
"""

from __future__ import annotations

from django.utils import timezone

from members.models import Organisation
from members.networks import current_network

from .rules import obligations_for_organisation


def portal_obligations_context(request, organisation: Organisation) -> dict:
    """The member portal's checklist for this year in the page's network (registered in NetworkConfig.ready)."""
    year = timezone.localdate().year
    result = obligations_for_organisation(organisation, year, network=current_network())
    return {"organisation": organisation, "year": year, "result": result}
