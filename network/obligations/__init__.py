"""The yearly obligations check (R6): each member's four minimum obligations, read over members,
billing and activities.

- `rules`: the obligations, the verdict (a pure function) and the reads for a year or one member;
- `portal`: the member portal's checklist section.

The coordinator's list of every member's obligations is a dashboard page
(`network.dashboard.views.obligations_list`). The rules' names are re-exported here, so
`from network.obligations import obligations_for_year` reads as before.
"""

from .rules import (
    OBLIGATION_KEYS,
    OBLIGATIONS,
    MemberObligations,
    Obligation,
    ObligationItem,
    obligations_for_organisation,
    obligations_for_year,
    summary,
    verdict,
)

__all__ = [
    "OBLIGATIONS",
    "OBLIGATION_KEYS",
    "MemberObligations",
    "Obligation",
    "ObligationItem",
    "obligations_for_organisation",
    "obligations_for_year",
    "summary",
    "verdict",
]
