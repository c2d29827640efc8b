"""The network package's Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this
module only gathers them, so that Celery's autodiscovery registers them and callers have one place
to import them from. Nothing here imports back from a service, so there is no import circle.
"""

from __future__ import annotations

from .attendance_reminders import send_attendance_reminders_task as send_attendance_reminders
from .dashboard.bulk_email import send_bulk_email
from .services import send_event_cancelled_task as send_event_cancelled
from .services import send_registration_confirmation_task as send_registration_confirmation
from .services import send_waiting_list_promotion_task as send_waiting_list_promotion

__all__ = [
    "send_attendance_reminders",
    "send_bulk_email",
    "send_event_cancelled",
    "send_registration_confirmation",
    "send_waiting_list_promotion",
]
