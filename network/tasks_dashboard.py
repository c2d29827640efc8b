"""Celery tasks started from the coordinator's dashboard. Thin: the work is in the services."""

from celery import shared_task

from . import bulk_email


@shared_task(name="network.send_bulk_email", bind=True, acks_late=True, max_retries=3, default_retry_delay=30)
def send_bulk_email(self, bulk_email_id: int) -> None:
    bulk_email.send_bulk_email_now(bulk_email_id)


@shared_task(name="network.send_attendance_reminders", acks_late=True)
def send_attendance_reminders() -> int:
    """Each autumn (celery beat): members without gathering attendance hear about the next gathering (R6)."""
    from .attendance_reminders import send_attendance_reminders as send

    return len(send())
