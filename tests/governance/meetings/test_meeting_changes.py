"""Changing meetings and agendas: what the services allow and refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Meeting
from governance.services.meetings import (
    cancel_meeting,
    move_case,
    publish_agenda,
    reorder_case,
    update_meeting,
    withdraw_case,
)

pytestmark = pytest.mark.django_db


def test_a_meeting_with_numbered_cases_cannot_move_to_another_year(plan, add_case, coordinator):
    meeting = plan(datetime.date(2026, 12, 10))
    add_case(meeting, "Sak")

    with pytest.raises(ValidationError, match="annet år"):
        update_meeting(
            meeting=meeting,
            date=datetime.date(2027, 1, 7),
            starts_at=datetime.time(10),
            ends_at=None,
            place="Oslo",
            video_link="",
            by=coordinator,
        )


def test_a_meeting_can_move_within_its_year(plan, add_case, coordinator):
    meeting = plan(datetime.date(2026, 12, 10))
    add_case(meeting, "Sak")

    update_meeting(
        meeting=meeting,
        date=datetime.date(2026, 12, 3),
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
        place="",
        video_link="https://teams.example.no/x",
        by=coordinator,
    )

    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2026, 12, 3) and meeting.place == ""


def test_a_meeting_with_cases_on_its_agenda_is_not_cancelled_until_they_are_moved(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    case = add_case(march, "Sak")

    with pytest.raises(ValidationError, match="Flytt eller trekk"):
        cancel_meeting(meeting=march, by=coordinator)
    move_case(case=case, to_meeting=june, by=coordinator)
    cancel_meeting(meeting=march, by=coordinator)

    march.refresh_from_db()
    assert march.status == Meeting.Status.CANCELLED


def test_a_cancelled_meeting_takes_no_cases(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    cancel_meeting(meeting=march, by=coordinator)

    with pytest.raises(ValidationError, match="tar ikke imot"):
        add_case(march, "Sak")


def test_the_agenda_is_published_once(plan, add_case, coordinator):
    meeting = plan(datetime.date(2024, 3, 14))
    add_case(meeting, "Sak")
    publish_agenda(meeting=meeting, by=coordinator)

    with pytest.raises(ValidationError, match="allerede publisert"):
        publish_agenda(meeting=meeting, by=coordinator)


def test_cases_can_be_reordered_without_changing_their_numbers(plan, add_case, coordinator):
    meeting = plan(datetime.date(2024, 3, 14))
    first, second, third = (add_case(meeting, t) for t in ("A", "B", "C"))

    reorder_case(case=third, direction=-1, by=coordinator)

    order = list(meeting.cases.order_by("order").values_list("title", "number"))
    assert order == [("A", 1), ("C", 3), ("B", 2)]


def test_the_approval_case_cannot_be_withdrawn(plan, add_case, coordinator):
    from governance.services.meetings import mark_meeting_held

    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    mark_meeting_held(meeting=march, by=coordinator)

    with pytest.raises(ValidationError, match="protokoll"):
        withdraw_case(case=june.cases.get(), by=coordinator)
