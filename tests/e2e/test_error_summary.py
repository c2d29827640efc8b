"""Issue #11: a form submitted with errors opens with an error summary, by keyboard only.

The resignation form (member portal) and the public event registration form are sent empty with
the keyboard; the summary at the top of the form has focus when the page loads (autofocus, no
script needed), Enter on one of its links moves focus to that field, and the page with errors
meets WCAG 2.1 AA, in bokmål and English.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from activities.models import Registration
from members.models import Membership
from tests.conftest import requires_postgresql
from tests.e2e.helpers import assert_accessible, dump, focus_style, login, shows_focus
from tests.factories import BaerekraftsfredagFactory
from tests.members.conftest import make_contact

pytestmark = [pytest.mark.e2e, requires_postgresql]

HEADING = {"nb": "Skjemaet har feil", "en": "There is a problem"}


def url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus; every stop on the way shows focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        style = focus_style(page)
        assert style["tag"] == "body" or shows_focus(style), f"no visible focus on {dump(style)}"
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement.id")


def assert_summary_has_focus(page: Page, language: str, *, links: list[str]) -> None:
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_have_text(HEADING[language])
    expect(summary.get_by_role("alert")).to_be_attached()  # read out also where focus alone is not
    assert [link.get_attribute("href") for link in summary.get_by_role("link").all()] == [f"#{i}" for i in links]
    for target in links:
        expect(page.locator(f"#{target}")).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_empty_resignation_opens_with_an_error_summary_that_leads_to_the_fields(page: Page, transactional_db, language):
    user, role = make_contact(email="kontakt@fitjar.kommune.no")
    login(page, user)
    page.goto(url(language, "members:resign", role.organisation_id))
    expect(page.locator("html")).to_have_attribute("lang", language)

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    fields = ["id_signed_by_name", "id_signed_by_title", "id_accept_terms", "id_authorised"]
    assert_summary_has_focus(page, language, links=fields)
    assert_accessible(page)

    # Tab to the third link (the terms checkbox) and follow it with Enter: focus moves to the field.
    page.keyboard.press("Tab")
    assert focused_id(page) == "" and page.evaluate("() => document.activeElement.hash") == "#id_signed_by_name"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#id_accept_terms")).to_be_focused()
    # The box is ticked from there with the keyboard, and Shift+Tab goes back through the form.
    page.keyboard.press("Space")
    expect(page.locator("#id_accept_terms")).to_be_checked()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#id_signed_by_name")).to_be_focused()
    assert Membership.objects.get(organisation_id=role.organisation_id).status == Membership.Status.ACTIVE


@pytest.mark.parametrize("language", ["nb", "en"])
def test_public_registration_with_errors_opens_with_a_summary_that_leads_to_the_fields(
    page: Page, transactional_db, language
):
    event = BaerekraftsfredagFactory()
    page.goto(url(language, "activities:event_detail", event.pk))
    expect(page.locator("html")).to_have_attribute("lang", language)

    tab_to(page, "input[name=email]")
    page.keyboard.type("ikke-en-epostadresse")
    tab_to(page, "form[action$='/pamelding/'] button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert_summary_has_focus(page, language, links=["id_name", "id_email"])
    assert_accessible(page)
    # The inline message says the same as the summary and is tied to the field.
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-describedby", "id_email_error")
    expect(page.locator("#id_email_error")).to_be_visible()
    expect(email).to_have_value("ikke-en-epostadresse")

    # The first link leads to the name; from there the form is corrected by keyboard and sent.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#id_name")).to_be_focused()
    page.keyboard.type("Kari Nordmann")
    page.keyboard.press("Tab")
    expect(email).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("kari@example.no")
    tab_to(page, "form[action$='/pamelding/'] button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.locator("[data-error-summary]")).to_have_count(0)
    assert Registration.objects.get(event=event).email == "kari@example.no"
