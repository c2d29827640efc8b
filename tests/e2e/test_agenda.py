"""Scenario 3: the coordinator publishes a steering-group agenda; a member contact reads it without the
confidential case, and a steering-group member sees that case too (R8, R12)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from governance.models import Meeting
from governance.services.meetings import create_case, schedule_meeting
from tests.conftest import requires_postgresql
from tests.e2e.helpers import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import UserFactory
from tests.governance.meetings.factories import SteeringGroupFactory, TermFactory

pytestmark = [pytest.mark.e2e, requires_postgresql]

OPEN_CASE = "Årsplan og budsjett for nettverket"
CONFIDENTIAL_CASE = "Forhandlinger med ny samarbeidspartner"


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def meeting(transactional_db, coordinator):
    """A steering-group meeting next week with two cases, one of them confidential; not yet published."""
    steering_group = SteeringGroupFactory()
    meeting = schedule_meeting(
        body=steering_group,
        date=timezone.localdate() + datetime.timedelta(days=7),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(12, 0),
        place="KS-huset, Haakon VIIs gate 9, Oslo",
        video_link="",
        by=coordinator,
    )
    for title, confidential in ((OPEN_CASE, False), (CONFIDENTIAL_CASE, True)):
        create_case(
            body=steering_group,
            meeting=meeting,
            title=title,
            background="Bakgrunn for saken.",
            proposed_decision="Styringsgruppen slutter seg til forslaget.",
            presenter="Nettverkskoordinator",
            confidential=confidential,
            by=coordinator,
        )
    return meeting


@pytest.fixture
def steering_member(meeting):
    term = TermFactory(body=meeting.body)
    user = UserFactory(email=term.person.email)
    term.person.user = user
    term.person.save()
    return user


def open_meeting_from_list(page: Page, meeting: Meeting) -> None:
    page.goto(f"/moter/?year={meeting.date.year}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.locator(f"a[href$='/moter/{meeting.pk}/']").first.click()
    page.wait_for_load_state()


def test_coordinator_publishes_the_agenda_member_reads_it_without_the_confidential_case(
    page: Page, browser, browser_context_args, meeting, coordinator, member_contact, steering_member
):
    login(page, coordinator)
    open_meeting_from_list(page, meeting)
    expect(page.locator("main")).to_contain_text(CONFIDENTIAL_CASE)  # the coordinator prepares every case
    assert_accessible(page)
    page.get_by_role("button", name="Publiser sakslisten og send til styringsgruppen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Sakslisten er publisert og sendt til styringsgruppen.")).to_be_visible()
    assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED

    # Each reader in a browser of their own (own cookies), like the session's: live server, nb, Oslo time.
    member_page = browser.new_page(**browser_context_args)
    login(member_page, member_contact)
    open_meeting_from_list(member_page, meeting)
    main = member_page.locator("main")
    expect(main).to_contain_text(OPEN_CASE)
    expect(main).not_to_contain_text(CONFIDENTIAL_CASE)
    expect(main).not_to_contain_text("fortrolig")  # not even how many are hidden
    assert_accessible(member_page)
    member_page.close()

    steering_page = browser.new_page(**browser_context_args)
    login(steering_page, steering_member)
    open_meeting_from_list(steering_page, meeting)
    expect(steering_page.locator("main")).to_contain_text(OPEN_CASE)
    expect(steering_page.locator("main")).to_contain_text(CONFIDENTIAL_CASE)
    assert_accessible(steering_page)
    steering_page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_agenda_page_fits_the_screen_without_sideways_scroll(
    page: Page, meeting, coordinator, member_contact, width, output_path
):
    from governance.services.meetings import publish_agenda

    publish_agenda(meeting=meeting, by=coordinator)
    login(page, member_contact)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/moter/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text(OPEN_CASE)

    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.screenshot(path=f"{output_path}/agenda-{width}.png", full_page=True)


def test_agenda_meets_wcag_in_english_too(page: Page, meeting, coordinator, member_contact):
    from governance.services.meetings import publish_agenda

    publish_agenda(meeting=meeting, by=coordinator)
    login(page, member_contact)
    page.goto(f"/en/moter/?year={meeting.date.year}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.goto(f"/en/moter/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text(OPEN_CASE)
    expect(page.locator("main")).not_to_contain_text(CONFIDENTIAL_CASE)
    assert_accessible(page)
