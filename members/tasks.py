"""Celery tasks of the membership lifecycle: thin, idempotent, calling services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="members.end_due_memberships", acks_late=True)
def end_due_memberships_task() -> int:
    """Daily: end memberships whose notice has taken effect (R5)."""
    from .services import end_due_memberships

    return len(end_due_memberships(today=timezone.localdate()))


@shared_task(name="members.send_renewal_reminders", acks_late=True)
def send_renewal_reminders_task() -> int:
    """Daily: remind the coordinators of agreements ending in three months (R1)."""
    from .services import send_renewal_reminders

    return len(send_renewal_reminders(today=timezone.localdate()))


@shared_task(name="members.send_invitation", bind=True, max_retries=5, acks_late=True)
def send_invitation(self, invitation_id: int, site_url: str | None = None) -> None:
    from core.links import using_site_url

    from .notifications import deliver_invitation

    with using_site_url(site_url):
        deliver_invitation(invitation_id=invitation_id)


@shared_task(name="members.send_notice_emails", bind=True, max_retries=5, acks_late=True)
def send_notice_emails(self, membership_id: int, given_by_id: int | None = None) -> None:
    from .notifications import deliver_notice

    deliver_notice(membership_id=membership_id, given_by_id=given_by_id)


@shared_task(name="members.send_membership_ended_email", bind=True, max_retries=5, acks_late=True)
def send_membership_ended_email(self, membership_id: int) -> None:
    from .notifications import deliver_membership_ended

    deliver_membership_ended(membership_id=membership_id)
