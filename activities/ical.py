"""iCalendar (RFC 5545): the feed of public events and the .ics in confirmation emails.

Escaping and line folding are core.ical's (one writer for the whole project); events here
are written in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.ical import escape_text, fold, utc
from core.links import absolute_url
from members.networks import network_by_id, using_network

from .models import Event

__all__ = ["calendar", "escape_text", "event_uid", "fold"]

PRODID = "-//Nettverksadmin//Nettverksadmin//NO"
CRLF = "\r\n"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def _event_lines(event: Event, *, stamp: datetime.datetime, with_video_link: bool) -> list[str]:
    with using_network(network_by_id(event.network_id) or event.network):  # the event's own address
        url = absolute_url(reverse("activities:event_detail", args=[event.pk]))
    description = event.description
    if event.video_url and with_video_link:
        description = f"{description}\n\n{event.video_url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"URL:{url}",
        f"CATEGORIES:{escape_text(event.get_kind_display())}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = event.place or (event.video_url if with_video_link else "")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    # A cancelled event is a newer version of the same UID, so calendars replace the original.
    lines.append("SEQUENCE:1" if event.is_cancelled else "SEQUENCE:0")
    lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[Event],
    *,
    name: str = "",
    method: str | None = None,
    stamp: datetime.datetime | None = None,
    with_video_links: bool = False,
) -> str:
    """A VCALENDAR with one VEVENT per event, as a string with CRLF line ends.

    Video links go only to those registered (the .ics in their email), not into public feeds.
    """
    stamp = stamp or timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event, stamp=stamp, with_video_link=with_video_links))
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
