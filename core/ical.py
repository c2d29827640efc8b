"""A small iCalendar (RFC 5545) writer: events in Europe/Oslo time, no dependencies.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
are escaped (backslash, semicolon, comma, newline); every event has a UID and a DTSTAMP in UTC;
local times carry TZID=Europe/Oslo, with the matching VTIMEZONE (CET/CEST since 1996) included.

    from core.ical import Event, calendar
    text = calendar([Event(uid=..., starts=aware_dt, ends=aware_dt, summary=...)], name="Møter")
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
PRODID = "-//Nettverksadmin//Nettverksadmin//NB"

_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass
class Event:
    uid: str
    starts: datetime.datetime  # aware
    ends: datetime.datetime  # aware
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    sequence: int = 0
    last_modified: datetime.datetime | None = None
    extra: list[str] = field(default_factory=list)


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with one space (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    current_len = 0
    limit = 75
    for char in line:
        size = len(char.encode("utf-8"))
        if current_len + size > limit:
            parts.append(current)
            current, current_len = char, size
            limit = 74  # the leading space of a continuation line counts
        else:
            current += char
            current_len += size
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime.datetime) -> str:
    return moment.astimezone(OSLO).strftime("%Y%m%dT%H%M%S")


def _event_lines(event: Event, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(event.starts)}",
        f"DTEND;TZID={TZID}:{_local(event.ends)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{event.status}",
        f"SEQUENCE:{event.sequence}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.last_modified:
        lines.append(f"LAST-MODIFIED:{utc(event.last_modified)}")
    lines.extend(event.extra)
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[Event], *, name: str = "", method: str = "PUBLISH", now: datetime.datetime | None = None
) -> str:
    """The whole VCALENDAR as text with CRLF line ends, ready to serve as text/calendar."""
    stamp = now or datetime.datetime.now(datetime.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines += [f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TZID}"]
    lines += list(_VTIMEZONE)
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
