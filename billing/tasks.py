"""Billing's Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this
module only gathers them, so that Celery's autodiscovery registers them and callers have one place
to import them from. Nothing here imports back from a service, so there is no import circle.
"""

from __future__ import annotations

from .services.delivery import send_invoice
from .services.dues import invoice_joining_member_task as invoice_joining_member
from .services.dues import run_dues_task as run_dues
from .services.reminders import send_reminders

__all__ = ["invoice_joining_member", "run_dues", "send_invoice", "send_reminders"]
