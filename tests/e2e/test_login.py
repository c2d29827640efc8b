"""Logging in through allauth's real forms, as people do; and the e2e helpers themselves."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    PASSWORD,
    assert_accessible,
    ensure_verified_email,
    last_email,
    links_in,
    login,
    submit_login_form,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def staff_coordinator(coordinator):
    coordinator.is_staff = True  # the admin site lets only staff in; the demo's coordinator is staff too
    coordinator.save(update_fields=["is_staff"])
    return coordinator


def test_coordinator_logs_in_with_the_allauth_form_and_reaches_the_admin(page: Page, staff_coordinator):
    login(page, staff_coordinator)

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    page.get_by_role("link", name="Administrasjon").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Nettstedsadministrasjon")).to_be_visible()
    expect(page.get_by_role("link", name="Medlemmer")).to_be_visible()  # the members app, by its Norwegian name


def test_login_with_a_wrong_password_is_refused_with_an_accessible_error(page: Page, staff_coordinator):
    ensure_verified_email(staff_coordinator)
    submit_login_form(page, email=staff_coordinator.email, password="not the password")

    expect(page.locator("form[action$='/konto/logout/']")).to_have_count(0)
    expect(page.get_by_text("E-postadressen og/eller passordet du oppgav er feil.")).to_be_visible()
    assert_accessible(page)


def test_password_reset_email_reaches_the_outbox_and_its_link_opens(page: Page, staff_coordinator):
    page.goto("/konto/password/reset/")
    assert_accessible(page)
    page.locator("input[name=email]").fill(staff_coordinator.email)
    page.locator("form[action$='/konto/password/reset/'] [type=submit]").click()
    page.wait_for_url("**/konto/password/reset/done/")

    message = last_email(to=staff_coordinator.email)
    link = next(link for link in links_in(message) if "/konto/password/reset/key/" in link)
    page.goto(link)

    expect(page.locator("input[name=password1]")).to_be_visible()
    assert_accessible(page)


def test_assert_accessible_reports_rule_impact_and_element(page: Page, live_server):
    page.goto("/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = 'data:,'; img.id = 'bad';"
        " document.querySelector('main').append(img); }"
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)

    report = str(failure.value)
    assert "image-alt [critical]" in report and "#bad" in report and "lang='nb'" in report


def test_keyboard_only_login(page: Page, staff_coordinator):
    """WCAG 2.1.1: the whole login works with Tab, typing and Enter."""
    ensure_verified_email(staff_coordinator)
    page.goto("/")

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Logg inn":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/login/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "login":
            break
    page.keyboard.type(staff_coordinator.email)
    for _ in range(3):  # a "forgot your password?" link may come first
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "password":
            break
    assert page.evaluate("() => document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.locator("form[action$='/konto/logout/']")).to_be_attached()
