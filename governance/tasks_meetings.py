"""Celery tasks of meetings: thin, idempotent wrappers around governance.services/meetings.

Celery autodiscovers only `tasks.py`; governance/tasks.py (or the worker) must import this module.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, max_retries=5, acks_late=True, default_retry_delay=60)
def notify_agenda_published(self, meeting_id: int, site_url: str | None = None) -> None:
    """Email the published agenda (with its PDF) to everyone in the body on the meeting date, once."""
    from core.links import using_site_url

    from .services.meetings import send_agenda_notice

    with using_site_url(site_url):
        send_agenda_notice(meeting_id=meeting_id)
