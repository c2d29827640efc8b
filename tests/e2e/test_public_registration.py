"""Scenario 4: a visitor registers for a Bærekraftsfredag on the public page, by keyboard only, and
cancels through the link in the confirmation email. The pages meet WCAG 2.1 AA in nb and en and fit
a phone's screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from activities.models import Registration
from tests.conftest import requires_postgresql
from tests.e2e.helpers import (
    assert_accessible,
    assert_no_horizontal_scroll,
    dump,
    focus_style,
    last_email,
    links_in,
    shows_focus,
)
from tests.factories import BaerekraftsfredagFactory

pytestmark = [pytest.mark.e2e, requires_postgresql]

TITLE = "Bærekraftsfredag: sirkulære innkjøp"
VISITOR = "ingrid.haugen@example.no"


@pytest.fixture
def friday(transactional_db):
    day = timezone.localdate() + datetime.timedelta(days=30)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return BaerekraftsfredagFactory(title=TITLE, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1))


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus; every stop on the way shows focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        style = focus_style(page)
        assert style["tag"] == "body" or shows_focus(style), f"no visible focus on {dump(style)}"
    raise AssertionError(f"Tab never reached {selector}")


def test_visitor_registers_by_keyboard_and_cancels_through_the_emailed_link(page: Page, friday):
    page.goto("/arrangementer/apne/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Åpne arrangementer")
    assert_accessible(page)

    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)

    # Keyboard only: an empty form is refused with errors tied to the fields (no JavaScript needed).
    tab_to(page, "form[action$='/pamelding/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    for field in ("name", "email"):
        input_ = page.locator(f"input[name={field}]")
        expect(input_).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#id_{field}_error")).to_be_visible()
        described_by = input_.get_attribute("aria-describedby") or ""
        assert f"id_{field}_error" in described_by.split()
        assert all(page.locator(f"#{id_}").inner_text().strip() for id_ in described_by.split())
    assert_accessible(page)

    page.goto(page.url.split("/pamelding/")[0] + "/")  # the event page again, fresh from the top
    tab_to(page, "input[name=name]")
    page.keyboard.type("Ingrid Haugen")
    page.keyboard.press("Tab")
    page.keyboard.type(VISITOR)
    page.keyboard.press("Tab")
    page.keyboard.type("Vestland fylkeskommune")
    page.keyboard.press("Tab")  # the honeypot is hidden, so the next stop is the button
    assert focus_style(page)["text"] == "Meld meg på", dump(focus_style(page))
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_text("Takk! Du er påmeldt og får en bekreftelse på e-post.")).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get(event=friday, email=VISITOR)
    assert registration.status == Registration.Status.CONFIRMED

    message = last_email(to=VISITOR)
    assert TITLE in message.subject or TITLE in message.body
    cancel_link = next(link for link in links_in(message) if "/avmelding/" in link)
    page.goto(cancel_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Avmelding")
    expect(page.get_by_text(f"Vil du melde Ingrid Haugen av «{TITLE}»?")).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED  # following the link (a mail scanner) cancels nothing

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_load_state()

    expect(page.get_by_text(f"Ingrid Haugen er ikke lenger påmeldt «{TITLE}».")).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_event_pages_meet_wcag_in_both_languages(page: Page, friday, prefix):
    page.goto(f"{prefix}/arrangementer/apne/")
    expect(page.locator("html")).to_have_attribute("lang", "en" if prefix else "nb")
    assert_accessible(page)
    page.goto(f"{prefix}/arrangementer/{friday.pk}/")
    expect(page.locator("form input[name=email]")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_registration_form_fits_the_screen_without_sideways_scroll(page: Page, friday, width, output_path):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/arrangementer/{friday.pk}/")
    expect(page.locator("form input[name=name]")).to_be_visible()

    assert_no_horizontal_scroll(page)
    page.screenshot(path=f"{output_path}/registration-form-{width}.png", full_page=True)


def test_registration_and_cancellation_work_without_javascript(browser, browser_context_args, friday):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"/arrangementer/{friday.pk}/")
    page.get_by_label("Navn").fill("Ola Berg")
    page.get_by_label("E-post").fill("ola.berg@example.no")
    page.get_by_role("button", name="Meld meg på").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Takk! Du er påmeldt og får en bekreftelse på e-post.")).to_be_visible()

    page.goto(next(link for link in links_in(last_email(to="ola.berg@example.no")) if "/avmelding/" in link))
    page.get_by_role("button", name="Meld meg av").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"Ola Berg er ikke lenger påmeldt «{TITLE}».")).to_be_visible()
    assert Registration.objects.get(email="ola.berg@example.no").status == Registration.Status.CANCELLED
    context.close()
