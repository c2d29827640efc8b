"""Members' Celery tasks, by the names beat's schedules and queued messages use.

Each task is defined next to the service it runs (docs/architecture.md: the task pattern); this
module only gathers them, so that Celery's autodiscovery registers them and callers have one place
to import them from. Nothing here imports back from a service, so there is no import circle.
"""

from __future__ import annotations

from .notifications import send_membership_ended_email, send_notice_emails
from .services.invitations import send_invitation
from .services.lifecycle import end_due_memberships_task, send_renewal_reminders_task

__all__ = [
    "end_due_memberships_task",
    "send_invitation",
    "send_membership_ended_email",
    "send_notice_emails",
    "send_renewal_reminders_task",
]
