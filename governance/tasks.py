"""Governance's Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this
module only gathers them, so that Celery's autodiscovery registers them and callers have one place
to import them from. Nothing here imports back from a service, so there is no import circle.
"""

from __future__ import annotations

from .services.gender_balance import check_gender_balance
from .services.meetings import notify_agenda_published
from .services.notifications import notify_join_request

__all__ = ["check_gender_balance", "notify_agenda_published", "notify_join_request"]
