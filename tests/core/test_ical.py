"""The iCalendar (RFC 5545) writer every calendar file is made with: escaping, folding, times."""

import datetime
from zoneinfo import ZoneInfo

from core import ical

OSLO = ZoneInfo("Europe/Oslo")


def test_text_values_are_escaped():
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "æøå" * 40
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_calendar_has_crlf_lines_uid_dtstamp_and_oslo_times():
    event = ical.Event(
        uid="meeting-1@example.no",
        starts=datetime.datetime(2024, 3, 14, 10, 0, tzinfo=OSLO),
        ends=datetime.datetime(2024, 3, 14, 12, 0, tzinfo=OSLO),
        summary="Styringsgruppen: møte",
        location="KS-huset, Oslo",
    )

    text = ical.calendar([event], now=datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.UTC))

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "UID:meeting-1@example.no\r\n" in text
    assert "DTSTAMP:20240101T080000Z\r\n" in text
    assert "DTSTART;TZID=Europe/Oslo:20240314T100000\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo" in text
    assert "LOCATION:KS-huset\\, Oslo\r\n" in text
