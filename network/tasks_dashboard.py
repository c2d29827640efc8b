"""Celery tasks started from the coordinator's dashboard. Thin: the work is in the services."""

from celery import shared_task

from . import bulk_email


@shared_task(bind=True, acks_late=True, max_retries=3, default_retry_delay=30)
def send_bulk_email(self, bulk_email_id: int) -> None:
    bulk_email.send_bulk_email_now(bulk_email_id)
