"""Scenario 3: the coordinator publishes a steering-group agenda, a member reads it, a confidential case stays hidden.

Runs once the meetings pages are merged (skipped with the reason before).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, assert_no_horizontal_scroll, login, requires_pages

pytestmark = [pytest.mark.e2e, requires_pages("meetings:meeting_detail", "meetings:meeting_publish")]


@pytest.fixture
def meeting_with_cases(coordinator):
    meetings = pytest.importorskip("governance.services.meetings")
    from tests.governance.meetings.factories import SteeringGroupFactory

    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    body = SteeringGroupFactory()
    meeting = meetings.schedule_meeting(
        body=body,
        date=timezone.localdate() + datetime.timedelta(days=14),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(12, 0),
        place="KS-huset, Oslo",
        video_link="",
        by=coordinator,
    )
    for title, confidential in (("Handlingsplan for 2027", False), ("Personalsak om frikjøp", True)):
        meetings.create_case(
            body=body,
            meeting=meeting,
            title=title,
            background="Bakgrunn for saken.",
            proposed_decision="Styringsgruppen slutter seg til forslaget.",
            presenter="Nettverkskoordinator",
            confidential=confidential,
            by=coordinator,
        )
    return meeting


def test_member_reads_the_published_agenda_without_the_confidential_case(
    new_context, coordinator, member_contact, meeting_with_cases
):
    path = reverse("meetings:meeting_detail", args=[meeting_with_cases.pk])
    member: Page = new_context().new_page()
    login(member, member_contact)
    member.goto(path)
    expect(member.get_by_text("Handlingsplan for 2027")).to_have_count(0)  # not published yet

    staff: Page = new_context().new_page()
    login(staff, coordinator)
    staff.goto(path)
    assert_accessible(staff)
    staff.get_by_role("button", name="Publiser sakslisten og send til styringsgruppen").click()
    expect(staff.get_by_role("status").first).to_contain_text("Sakslisten er publisert")

    member.goto(path)
    expect(member.get_by_text("Handlingsplan for 2027").first).to_be_visible()
    expect(member.get_by_text("Personalsak om frikjøp")).to_have_count(0)
    assert "Personalsak" not in member.content()
    assert_accessible(member)
    member.set_viewport_size({"width": 375, "height": 800})
    assert_no_horizontal_scroll(member)
    assert_accessible(member)
