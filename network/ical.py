"""iCalendar (RFC 5545) by hand: the feed of public events and the .ics in confirmation emails.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
escape backslash, semicolon, comma and newlines; times are written in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import Event

PRODID = "-//Baerekraftsnettverket//Nettverksadmin//NO"
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces: list[str] = []
    current = b""
    limit = 75
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            pieces.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space of a continuation line counts
        current += octets
    pieces.append(current.decode("utf-8"))
    return (CRLF + " ").join(pieces)


def format_utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def _event_lines(event: Event, *, stamp: datetime.datetime, with_video_link: bool) -> list[str]:
    url = settings.SITE_URL + reverse("network:event_detail", args=[event.pk])
    description = event.description
    if event.video_url and with_video_link:
        description = f"{description}\n\n{event.video_url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART:{format_utc(event.starts_at)}",
        f"DTEND:{format_utc(event.ends_at)}",
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
    name: str = "Bærekraftsnettverket",
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
    lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event, stamp=stamp, with_video_link=with_video_links))
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
