"""The activities app's Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this module
only gathers them, for Celery's autodiscovery and for callers outside the services. The names keep
the `network.` prefix they had before activities became an app: queued messages and beat rows use them.
"""

from __future__ import annotations

from .services.attendance_reminders import send_attendance_reminders_task as send_attendance_reminders
from .services.registrations import send_event_cancelled_task as send_event_cancelled
from .services.registrations import send_registration_confirmation_task as send_registration_confirmation
from .services.registrations import send_waiting_list_promotion_task as send_waiting_list_promotion

__all__ = [
    "send_attendance_reminders",
    "send_event_cancelled",
    "send_registration_confirmation",
    "send_waiting_list_promotion",
]
