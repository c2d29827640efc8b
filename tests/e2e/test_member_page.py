"""The coordinator finds a member from the dashboard and acts on it from the member page, by clicking only."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from members.models import Membership
from tests.e2e.helpers import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import ContactRoleFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def notodden(db):
    membership = MembershipFactory(organisation=OrganisationFactory(name="Notodden"))
    ContactRoleFactory(organisation=membership.organisation)
    return membership


def test_coordinator_records_a_letter_notice_from_the_member_page(page: Page, coordinator, notodden):
    cache.clear()
    login(page, coordinator)
    expect(page).to_have_url(re.compile(r"/koordinator/$"))  # the coordinator's start page

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Medlemsliste").click()
    page.get_by_role("link", name="Notodden").click()
    expect(page.get_by_role("heading", level=1, name="Notodden")).to_be_visible()
    expect(page.get_by_role("link", name="Medlemsliste", exact=True).first).to_have_attribute("aria-current", "true")
    assert_accessible(page)

    page.get_by_role("link", name="Registrer oppsigelse mottatt per brev").click()
    page.locator("input[name=received_on]").fill(timezone.localdate().isoformat())
    page.locator("input[name=signed_by_name]").fill("Ola Nordmann")
    page.locator("input[name=signed_by_title]").fill("Ordfører")
    page.locator("main form [type=submit]").click()

    # Back on the member page, now in its notice period, with the withdrawal offered instead.
    expect(page).to_have_url(re.compile(rf"/koordinator/medlemmer/{notodden.organisation_id}/$"))
    expect(page.get_by_text("Oppsigelsen er registrert.")).to_be_visible()
    expect(page.get_by_role("link", name="Registrer at oppsigelsen er trukket")).to_be_visible()
    notodden.refresh_from_db()
    assert notodden.status == Membership.Status.NOTICE


def test_the_member_page_fits_a_phone(page: Page, coordinator, notodden):
    login(page, coordinator)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/koordinator/medlemmer/{notodden.organisation_id}/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.goto("/koordinator/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
