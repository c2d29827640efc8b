"""The autumn reminder (R6): members without gathering attendance this year hear about the next gathering."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.models import ContactRole

from .obligations import obligations_for_year
from .queries import next_physical_gathering


def send_attendance_reminders(*, today: datetime.date | None = None) -> list[str]:
    """Email the contacts of each member that has not yet been at a gathering this year, once a year.

    Each reminder sent is recorded (AttendanceReminder), so running the task again sends nothing twice.
    """
    from .models import AttendanceReminder

    today = today or timezone.localdate()
    gathering = next_physical_gathering()
    if gathering is None or gathering.starts_at.year != today.year:
        return []  # nothing left this year to invite to
    lacking = [r.organisation for r in obligations_for_year(today.year) if "gathering" in r.missing_keys]
    sent = []
    for organisation in lacking:
        with transaction.atomic():
            reminder, created = AttendanceReminder.objects.select_for_update().get_or_create(
                organisation=organisation, year=today.year, defaults={"event": gathering}
            )
            if not created:
                continue
            recipients = sorted(
                {
                    role.person.email
                    for role in ContactRole.objects.filter(organisation=organisation).select_related("person")
                    if role.person.email and not role.person.anonymised_at
                }
            )
            if not recipients:
                continue
            with translation.override(organisation.preferred_language or "nb"):
                body = render_to_string(
                    "network/email/attendance_reminder.txt", {"organisation": organisation, "event": gathering}
                )
                subject = render_to_string(
                    "network/email/attendance_reminder_subject.txt", {"event": gathering}
                ).strip()
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
            reminder.recipients = ", ".join(recipients)
            reminder.save(update_fields=["recipients"])
            sent.extend(recipients)
    return sent


# --- Celery task (beat, each autumn): a thin wrapper around send_attendance_reminders (docs/architecture.md) ---


@shared_task(name="network.send_attendance_reminders", acks_late=True)
def send_attendance_reminders_task() -> int:
    """Each autumn (celery beat): members without gathering attendance hear about the next gathering (R6)."""
    return len(send_attendance_reminders())
