"""Scenario 4: a visitor registers for a Bærekraftsfredag, keyboard only, and cancels by the emailed link.

Runs once the activities pages are merged (skipped with the reason before).
"""

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.helpers import assert_accessible, last_email, links_in, path_of, requires_pages

pytestmark = [
    pytest.mark.e2e,
    requires_pages("network:public_events", "network:event_detail", "network:registration_cancel"),
]


def tab_to(page: Page, field_name: str, *, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == field_name:
            return
    raise AssertionError(f"Tab never reached the field {field_name!r}")


def test_visitor_registers_for_a_baerekraftsfredag_with_the_keyboard_and_cancels_by_the_emailed_link(
    page: Page, transactional_db
):
    event = factories.BaerekraftsfredagFactory(title="Bærekraftsfredag om sirkulær økonomi")
    Registration = event.registrations.model

    page.goto("/arrangementer/apne/")
    assert_accessible(page)
    page.get_by_role("link", name=event.title).click()
    assert_accessible(page)

    tab_to(page, "name")
    page.keyboard.type("Kari Nordmann")
    tab_to(page, "email", limit=3)
    page.keyboard.type("kari@example.no")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").or_(page.get_by_role("alert")).first).to_contain_text("påmeldt")
    assert_accessible(page)
    registration = Registration.objects.get(event=event, email="kari@example.no")
    assert registration.status == Registration.Status.CONFIRMED

    message = last_email(to="kari@example.no")
    assert event.title in message.subject or event.title in message.body
    cancel = next(link for link in links_in(message) if "/avmelding/" in link)

    page.goto(path_of(cancel))
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED  # opening the link (or a mail scanner) changes nothing
    page.get_by_role("button", name="Meld meg av").click()

    expect(page.get_by_text("er ikke lenger påmeldt")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert_accessible(page)


def test_registration_errors_are_tied_to_their_fields(page: Page, transactional_db):
    event = factories.BaerekraftsfredagFactory()
    page.goto(f"/arrangementer/{event.pk}/")

    page.get_by_role("button", name="Meld meg på").click()

    email = page.locator("input[name=email]")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = email.get_attribute("aria-describedby") or ""
    assert described_by, "the error message is not tied to the field"
    assert any(page.locator(f"#{id_}").inner_text().strip() for id_ in described_by.split())
    assert_accessible(page)
