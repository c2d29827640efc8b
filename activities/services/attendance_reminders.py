"""The autumn reminder (R6): members without gathering attendance this year hear about the next gathering."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.emails import sender
from members.models import ContactRole, Organisation
from members.queries import memberships_owing_dues

from ..models import AttendanceReminder
from ..queries import gathering_attendances, next_physical_gathering


def members_without_gathering(year: int) -> list[Organisation]:
    """The members owing dues for `year` that no representative has been at a physical gathering for.

    The same two querysets define the «gathering» obligation in network.obligations (R6).
    """
    attended = gathering_attendances(year).values("organisation_id")
    return [
        membership.organisation
        for membership in memberships_owing_dues(year)
        .exclude(organisation_id__in=attended)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def send_attendance_reminders(*, today: datetime.date | None = None) -> list[str]:
    """Email the contacts of each member that has not yet been at a gathering this year, once a year.

    Each reminder sent is recorded (AttendanceReminder), so running the task again sends nothing twice.
    """
    today = today or timezone.localdate()
    gathering = next_physical_gathering()
    if gathering is None or gathering.starts_at.year != today.year:
        return []  # nothing left this year to invite to
    sent = []
    for organisation in members_without_gathering(today.year):
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
                    "activities/email/attendance_reminder.txt",
                    {"organisation": organisation, "event": gathering, "network": gathering.network},
                )
                subject = render_to_string(
                    "activities/email/attendance_reminder_subject.txt", {"event": gathering}
                ).strip()
            EmailMessage(subject, body, sender(gathering.network), recipients).send()
            reminder.recipients = ", ".join(recipients)
            reminder.save(update_fields=["recipients"])
            sent.extend(recipients)
    return sent


# --- Celery task (beat, each autumn): a thin wrapper around send_attendance_reminders (docs/architecture.md) ---


@shared_task(name="network.send_attendance_reminders", acks_late=True)
def send_attendance_reminders_task() -> int:
    """Each autumn (celery beat): members without gathering attendance hear about the next gathering (R6)."""
    return len(send_attendance_reminders())
