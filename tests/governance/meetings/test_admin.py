"""The admin lists meetings and cases for reading; numbers and deletions are not editable there."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_lists_meetings_and_cases(admin_client, plan, add_case):
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Årsplan")

    for name in ("meeting", "case", "casenumberseries", "calendartoken"):
        assert admin_client.get(reverse(f"admin:governance_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:governance_meeting_change", args=[meeting.pk])).status_code == 200
    page = admin_client.get(reverse("admin:governance_case_change", args=[case.pk])).content.decode()
    assert "01/24" in admin_client.get(reverse("admin:governance_case_changelist")).content.decode()
    assert 'name="number"' not in page and 'name="year"' not in page


def test_cases_cannot_be_added_or_deleted_in_the_admin(admin_client, plan, add_case):
    case = add_case(plan(datetime.date(2024, 3, 14)), "Sak")

    assert admin_client.get(reverse("admin:governance_case_add")).status_code == 403
    assert admin_client.get(reverse("admin:governance_case_delete", args=[case.pk])).status_code == 403
