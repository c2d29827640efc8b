"""iCalendar by hand (RFC 5545): CRLF, folding at 75 octets, escaping, UID and DTSTAMP."""

import datetime

import pytest
from django.urls import reverse

from activities import ical
from tests.factories import BaerekraftsfredagFactory, EventFactory, oslo

pytestmark = pytest.mark.django_db


def test_folding_keeps_each_line_within_75_octets_and_never_splits_a_character():
    line = "SUMMARY:" + "Bærekraftsfredag – sirkulær økonomi i små og store kommuner " * 4
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_text_is_escaped():
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_feed_has_every_public_event_with_uid_dtstamp_and_utc_times(client):
    fredag = BaerekraftsfredagFactory(title="Fredag; med, tegn", starts_at=oslo(2030, 6, 7, 9))
    EventFactory(title="Lukket samling")
    response = client.get(reverse("activities:calendar_feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert f"UID:event-{fredag.pk}@" in body
    assert "DTSTAMP:" in body
    assert "DTSTART:20300607T070000Z" in body  # 09:00 in Oslo in summer is 07:00 UTC
    assert "SUMMARY:Fredag\\; med\\, tegn" in body
    assert "Lukket samling" not in body


def test_calendar_marks_a_cancelled_event():
    event = BaerekraftsfredagFactory()
    event.cancelled_at = datetime.datetime.now(datetime.UTC)
    assert "STATUS:CANCELLED" in ical.calendar([event])


def test_the_public_feed_leaves_out_video_links_the_registration_email_has_them(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from activities import services

    event = BaerekraftsfredagFactory(video_url="https://video.example.no/hemmelig")
    assert "hemmelig" not in client.get(reverse("activities:calendar_feed")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.register_publicly(event=event, name="Kari", email="kari@example.no")
    (_name, content, _mime), = mailoutbox[0].attachments
    assert "hemmelig" in content.replace("\r\n ", "")
