"""The member portal's "groups" section: the organisation's people in bodies and the open nomination."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from members.models import Organisation

from ..queries import bodies as body_queries
from ..queries import elections as election_queries


def groups_section_context(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "terms": body_queries.terms_of_organisation(organisation),
        "open_election": election_queries.open_election(),
        "nominations": election_queries.nominations_of_organisation(organisation),
        "joinable_groups": body_queries.working_groups().exclude(status="closed"),
    }
