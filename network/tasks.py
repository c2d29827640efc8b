"""The network package's Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this
module only gathers them, so that Celery's autodiscovery registers them and callers have one place
to import them from. Nothing here imports back from a service, so there is no import circle.
"""

from __future__ import annotations

from .dashboard.bulk_email import send_bulk_email

__all__ = ["send_bulk_email"]
