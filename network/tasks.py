"""Thin, idempotent Celery tasks for activities: each takes an id and calls one service."""

from celery import shared_task

from core.links import using_site_url

from . import services


@shared_task(bind=True, max_retries=5, acks_late=True, default_retry_delay=60)
def send_registration_confirmation(self, registration_id: int, site_url: str | None = None) -> None:
    """Confirmation (or waiting-list notice) with a cancel link and a .ics file; sent once."""
    try:
        with using_site_url(site_url):
            services.send_registration_confirmation(registration_id=registration_id)
    except OSError as error:  # SMTP down: try again later
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, acks_late=True, default_retry_delay=60)
def send_waiting_list_promotion(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell someone who moved up from the waiting list that they have a place; sent once."""
    try:
        with using_site_url(site_url):
            services.send_waiting_list_promotion(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, acks_late=True, default_retry_delay=60)
def send_event_cancelled(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell one registered person that the event is cancelled; sent once."""
    try:
        with using_site_url(site_url):
            services.send_event_cancelled(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error
