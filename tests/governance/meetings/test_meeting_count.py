"""R7: the steering group meets four to five times a year; a year outside that gets a warning."""

import datetime

import pytest

from governance.models import BodyKindSettings
from governance.queries.meetings import meeting_count_warning
from governance.services.meetings import cancel_meeting
from tests.factories import scoped

from .factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def plan_year(plan, year: int, count: int):
    return [plan(datetime.date(year, 1 + 2 * i, 10)) for i in range(count)]


@pytest.mark.parametrize("count", [4, 5])
def test_four_or_five_meetings_give_no_warning(plan, count):
    plan_year(plan, 2025, count)

    assert meeting_count_warning(2025) is None


def test_three_meetings_are_too_few(plan):
    plan_year(plan, 2025, 3)

    warning = meeting_count_warning(2025)

    assert warning is not None and "bare 3 møter" in warning and "4–5" in warning


def test_six_meetings_are_too_many(plan):
    plan_year(plan, 2025, 6)

    assert "6 møter" in meeting_count_warning(2025)


def test_a_year_without_meetings_is_warned(steering_group):
    assert "bare 0 møter" in meeting_count_warning(2031)


def test_cancelled_meetings_and_working_group_meetings_do_not_count(plan, coordinator):
    meetings = plan_year(plan, 2025, 4)
    plan(datetime.date(2025, 11, 1), body=WorkingGroupFactory())
    cancel_meeting(meeting=meetings[0], by=coordinator)

    assert "bare 3 møter" in meeting_count_warning(2025)


def test_the_bounds_come_from_the_body_kind_settings(plan):
    BodyKindSettings.objects.update_or_create(
        kind="steering_group", defaults={"meetings_per_year_min": 2, "meetings_per_year_max": 3}
    )
    plan_year(plan, 2025, 3)

    assert meeting_count_warning(2025) is None
    plan(datetime.date(2025, 12, 1))
    assert "2–3" in meeting_count_warning(2025)


def test_the_warning_is_on_the_meetings_page(client, plan, coordinator):
    plan_year(plan, 2025, 2)
    client.force_login(coordinator)

    assert "bare 2 møter" in client.get(scoped("/moter/?year=2025")).content.decode()
