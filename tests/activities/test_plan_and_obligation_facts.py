"""Plan targets (R11) and the attendance fact the obligations check reads (R6)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from activities import queries, services
from activities.models import ActivityTargets, Event
from tests.factories import (
    AttendanceFactory,
    BaerekraftsfredagFactory,
    EventFactory,
    OrganisationFactory,
    first_network,
    oslo,
)

pytestmark = pytest.mark.django_db


def test_a_year_with_one_physical_gathering_warns():
    EventFactory(starts_at=oslo(2027, 4, 20))
    EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 9, 1))
    warning = queries.gathering_plan_warning(2027)
    assert warning is not None and "1" in warning and "2" in warning


def test_a_year_with_two_physical_gatherings_does_not_warn():
    EventFactory(starts_at=oslo(2027, 4, 20))
    EventFactory(starts_at=oslo(2027, 10, 20))
    assert queries.gathering_plan_warning(2027) is None


def test_a_cancelled_gathering_does_not_count_for_the_plan():
    EventFactory(starts_at=oslo(2027, 4, 20))
    cancelled = EventFactory(starts_at=oslo(2027, 10, 20))
    services.cancel_event(event=cancelled, by=None)
    assert queries.gathering_plan_warning(2027) is not None


def test_the_target_is_data():
    EventFactory(starts_at=oslo(2027, 4, 20))
    targets = ActivityTargets.for_network(first_network())
    targets.physical_gatherings_per_year = 1
    targets.save()
    assert queries.gathering_plan_warning(2027) is None


def test_a_gathering_on_new_years_eve_evening_in_oslo_counts_for_that_year():
    # 31 Dec 23:30 in Oslo is 22:30 UTC: still the old year.
    EventFactory(starts_at=oslo(2027, 12, 31, 23, 30), ends_at=oslo(2028, 1, 1, 1, 0))
    assert queries.physical_gatherings_in_year(2027) == 1
    assert queries.physical_gatherings_in_year(2028) == 0


def test_events_per_month_counts_each_kind():
    EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 1, 12))
    EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 1, 26))
    BaerekraftsfredagFactory(starts_at=oslo(2027, 1, 15))
    EventFactory(starts_at=oslo(2027, 3, 3))
    months = queries.events_per_month(2027)
    assert len(months) == 12
    assert months[0].month == datetime.date(2027, 1, 1)
    assert (months[0].member_meetings, months[0].baerekraftsfredager, months[0].gatherings) == (2, 1, 0)
    assert months[2].gatherings == 1
    assert queries.months_without(2027, Event.Kind.MEMBER_MEETING, until=datetime.date(2027, 3, 1)) == [
        datetime.date(2027, 2, 1),
        datetime.date(2027, 3, 1),
    ]


def test_only_physical_gatherings_in_that_year_count_for_attendance():
    came = OrganisationFactory()
    meeting_only = OrganisationFactory()
    last_year = OrganisationFactory()
    joint = OrganisationFactory()
    AttendanceFactory(organisation=came, event=EventFactory(starts_at=oslo(2027, 4, 20)))
    AttendanceFactory(
        organisation=meeting_only, event=EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 5, 2))
    )
    AttendanceFactory(organisation=last_year, event=EventFactory(starts_at=oslo(2026, 10, 20)))
    AttendanceFactory(
        organisation=joint, event=EventFactory(kind=Event.Kind.JOINT_INITIATIVE, starts_at=oslo(2027, 8, 12))
    )
    assert queries.organisations_with_gathering_attendance(2027) == {came.pk}
    assert queries.organisations_with_gathering_attendance(2026) == {last_year.pk}


def test_attendance_at_a_cancelled_gathering_does_not_count():
    organisation = OrganisationFactory()
    event = EventFactory(starts_at=oslo(2027, 4, 20))
    AttendanceFactory(organisation=organisation, event=event)
    services.cancel_event(event=event, by=None)
    assert queries.organisations_with_gathering_attendance(2027) == set()


def test_events_page_shows_the_warning_and_months_to_the_coordinator(client, coordinator):
    EventFactory(starts_at=oslo(2027, 4, 20))
    client.force_login(coordinator)
    html = client.get(reverse("activities:event_list"), {"ar": 2027}).content.decode()
    assert "målet er 2" in html
    assert "Medlemsmøter" in html


def test_events_page_hides_the_plan_from_the_public(client):
    EventFactory(starts_at=oslo(2027, 4, 20))
    html = client.get(reverse("activities:event_list"), {"ar": 2027}).content.decode()
    assert "målet er 2" not in html


def test_events_page_makes_the_same_queries_for_3_and_30_events(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    for n in range(3):
        EventFactory(starts_at=oslo(2027, 1 + n, 10))
    ActivityTargets.for_network(first_network())  # the targets row exists once the coordinator has opened any page
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("activities:event_list"), {"ar": 2027})
    for n in range(27):
        BaerekraftsfredagFactory(starts_at=oslo(2027, 1 + n % 12, 11 + n % 15))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("activities:event_list"), {"ar": 2027})


def _months_without_meeting(html: str) -> str:
    if "Uten medlemsmøte:" not in html:
        return ""
    section = html[html.index("Uten medlemsmøte:") :]
    return section[: section.index("</p>")].split(":")[1].strip()


def test_events_page_names_the_months_without_a_member_meeting(client, coordinator):
    last_year = timezone.localdate().year - 1
    for month in range(1, 13):
        if month not in (3, 7):
            EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(last_year, month, 9))
    client.force_login(coordinator)
    html = client.get(reverse("activities:event_list"), {"ar": last_year}).content.decode()
    assert _months_without_meeting(html) == "mars"


def test_the_summer_holiday_is_no_month_without_a_member_meeting(client, coordinator):
    last_year = timezone.localdate().year - 1
    for month in range(1, 13):
        if month != 7:
            EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(last_year, month, 9))
            BaerekraftsfredagFactory(starts_at=oslo(last_year, month, 16))
    client.force_login(coordinator)
    html = client.get(reverse("activities:event_list"), {"ar": last_year}).content.decode()
    assert "Uten medlemsmøte" not in html and "Uten bærekraftsfredag" not in html
    assert "juli" in html  # in the table of months, with its zero


def test_a_month_that_has_not_started_is_not_missing_a_member_meeting(client, coordinator):
    """The months ahead are still to be planned: only the months that have begun are named."""
    today = timezone.localdate()
    client.force_login(coordinator)
    html = client.get(reverse("activities:event_list"), {"ar": today.year}).content.decode()
    named = _months_without_meeting(html)
    started = [datetime.date(today.year, m, 1) for m in range(1, today.month + 1) if m != 7]
    assert named == ", ".join(date_format(month, "F") for month in started)
    assert not _months_without_meeting(
        client.get(reverse("activities:event_list"), {"ar": today.year + 1}).content.decode()
    )


def test_dashboard_section_renders_the_warning_and_months():
    from django.template.loader import render_to_string

    EventFactory(starts_at=oslo(2027, 4, 20))
    html = render_to_string(queries.DASHBOARD_TEMPLATE, {"data": queries.dashboard_activity(2027)})
    assert "målet er 2" in html and "april" in html


def test_coordinator_cancels_an_event_from_its_page(client, coordinator):
    event = EventFactory()
    client.force_login(coordinator)
    assert client.get(reverse("activities:event_cancel", args=[event.pk])).status_code == 200
    client.post(reverse("activities:event_cancel", args=[event.pk]))
    event.refresh_from_db()
    assert event.is_cancelled


def test_the_next_gathering_is_the_first_still_open_for_registration():
    now = oslo(2027, 9, 1)
    EventFactory(starts_at=oslo(2027, 8, 20))  # past
    EventFactory(starts_at=oslo(2027, 9, 10), registration_deadline=oslo(2027, 8, 25))  # closed
    cancelled = EventFactory(starts_at=oslo(2027, 9, 20))
    services.cancel_event(event=cancelled, by=None)
    EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 9, 5))
    expected = EventFactory(starts_at=oslo(2027, 10, 14))
    assert queries.next_physical_gathering(now) == expected
