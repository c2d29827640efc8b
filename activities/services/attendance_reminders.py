"""The autumn reminder (R6): members without gathering attendance this year hear about the next gathering."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.emails import sender
from members.models import ContactRole, Network, Organisation
from members.networks import all_networks
from members.queries import memberships_owing_dues

from ..models import AttendanceReminder, Event
from ..queries import gathering_attendances, next_physical_gathering


def members_without_gathering(year: int, network: Network) -> list[Organisation]:
    """The members of `network` owing dues for `year` that no representative has been at one of the
    network's physical gatherings for.

    The same two querysets define the «gathering» obligation in network.obligations (R6).
    """
    attended = gathering_attendances(year, network).values("organisation_id")
    return [
        membership.organisation
        for membership in memberships_owing_dues(year)
        .filter(network=network)
        .exclude(organisation_id__in=attended)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def send_attendance_reminders(*, today: datetime.date | None = None) -> list[str]:
    """In each network: email the contacts of each member that has not yet been at one of its gatherings
    this year about its next one, once a year.

    Each reminder sent is recorded (AttendanceReminder, per organisation, network and year), so running
    the task again sends nothing twice.
    """
    today = today or timezone.localdate()
    sent = []
    for network in all_networks():
        gathering = next_physical_gathering(network=network)
        if gathering is None or gathering.starts_at.year != today.year:
            continue  # nothing left this year to invite to
        sent.extend(_remind(gathering, members_without_gathering(today.year, network), year=today.year))
    return sent


def _remind(gathering: Event, organisations: list[Organisation], *, year: int) -> list[str]:
    sent = []
    network = gathering.network
    for organisation in organisations:
        with transaction.atomic():
            reminder, created = AttendanceReminder.objects.select_for_update().get_or_create(
                organisation=organisation, network=network, year=year, defaults={"event": gathering}
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
                    {"organisation": organisation, "event": gathering, "network": network},
                )
                subject = render_to_string(
                    "activities/email/attendance_reminder_subject.txt", {"event": gathering}
                ).strip()
            EmailMessage(subject, body, sender(network), recipients).send()
            reminder.recipients = ", ".join(recipients)
            reminder.save(update_fields=["recipients"])
            sent.extend(recipients)
    return sent


# --- Celery task (beat, each autumn): a thin wrapper around send_attendance_reminders (docs/architecture.md) ---


@shared_task(name="network.send_attendance_reminders", acks_late=True)
def send_attendance_reminders_task() -> int:
    """Each autumn (celery beat): members without gathering attendance hear about the next gathering (R6)."""
    return len(send_attendance_reminders())
