"""Events (R11): create, change and cancel; cancelling tells everyone registered."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core.links import site_url
from members.models import Network, User
from members.networks import default_network

from ..models import Event, Registration
from .registrations import promote_waiting_list, send_event_cancelled_task

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "video_url",
    "registration_deadline",
    "capacity",
    "audience",
)


# --- events ---------------------------------------------------------------------------------


@transaction.atomic
def create_event(*, by: User | None, network: Network | None = None, **fields: Any) -> Event:
    """A new event of `network` (default: the first, until pages name their network)."""
    event = Event(network=network or default_network(), **{k: v for k, v in fields.items() if k in EVENT_FIELDS})
    event.full_clean()
    event._history_user = by
    event.save()
    return event


@transaction.atomic
def update_event(*, event: Event, by: User | None, **fields: Any) -> Event:
    """Change an event; when places open up (more capacity), the waiting list moves up."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    for key, value in fields.items():
        if key in EVENT_FIELDS:
            setattr(locked, key, value)
    locked.full_clean()
    locked._history_user = by
    locked.save()
    promote_waiting_list(locked)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, by: User | None) -> Event:
    """Cancel an event; everyone registered or waiting is told by email (once). Twice is harmless."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.cancelled_at is not None:
        return locked
    locked.cancelled_at = timezone.now()
    locked._history_user = by
    locked.save(update_fields=["cancelled_at"])
    if locked.ends_at > locked.cancelled_at:
        for registration_id in (
            locked.registrations.exclude(status=Registration.Status.CANCELLED)
            .exclude(email="")
            .values_list("pk", flat=True)
        ):
            send_event_cancelled_task.delay_on_commit(registration_id, site_url=site_url())
    return locked

