"""iCalendar (RFC 5545) output: the per-meeting .ics and the private feed behind a token."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from governance.models import CalendarToken
from governance.services.meetings import calendar_token_for, publish_agenda

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.django_db
def test_a_meeting_downloads_as_an_ics_file(client, plan, member_contact):
    meeting = plan(datetime.date(2024, 6, 13), starts_at=datetime.time(9, 30))
    client.force_login(member_contact)

    response = client.get(reverse("meetings:meeting_ics", kwargs={"pk": meeting.pk}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Oslo:20240613T093000" in response.content.decode()


@pytest.fixture
def feed_meeting(plan, add_case, coordinator):
    meeting = plan(datetime.date.today() + datetime.timedelta(days=20))
    add_case(meeting, "Åpen sak om årsplan")
    add_case(meeting, "Fortrolig personalsak", confidential=True)
    publish_agenda(meeting=meeting, by=coordinator)
    return meeting


def feed(client, user) -> str:
    token = calendar_token_for(user=user)
    response = client.get(reverse("meetings:calendar_feed", kwargs={"token": token.token}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_steering_groups_feed_lists_meetings_with_all_cases(client, feed_meeting, steering_member):
    text = feed(client, steering_member)

    assert f"UID:meeting-{feed_meeting.pk}@" in text
    assert "Åpen sak om årsplan" in text
    assert "Fortrolig personalsak" in text.replace("\r\n ", "")


@pytest.mark.django_db
def test_a_members_feed_leaves_out_confidential_cases(client, feed_meeting, member_contact):
    text = feed(client, member_contact).replace("\r\n ", "")

    assert "Åpen sak om årsplan" in text
    assert "Fortrolig personalsak" not in text


@pytest.mark.django_db
def test_an_unknown_or_renewed_token_gives_404(client, feed_meeting, steering_member):
    old = calendar_token_for(user=steering_member).token
    calendar_token_for(user=steering_member, renew=True)

    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": "gjetning"})).status_code == 404


@pytest.mark.django_db
def test_the_feed_stops_when_the_user_may_no_longer_read_meetings(client, feed_meeting, steering_member):
    token = calendar_token_for(user=steering_member).token
    steering_member.person.terms.update(ends_on=datetime.date(2020, 12, 31), starts_on=datetime.date(2020, 1, 1))

    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": token})).status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_shows_the_private_link_and_renews_it(client, steering_member):
    client.force_login(steering_member)

    page = client.get(reverse("meetings:calendar")).content.decode()
    token = CalendarToken.objects.get(user=steering_member).token
    assert token in page
    client.post(reverse("meetings:calendar"))
    assert CalendarToken.objects.get(user=steering_member).token != token
