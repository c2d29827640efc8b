"""In a real browser: the coordinator runs the dues from the billing page and sees it done; the
billing pages pass axe-core's WCAG 2.1 AA checks."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings

from billing.models import Invoice
from tests.factories import dues_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    pytestmark.append(pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM}"))

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API next to live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The site's CSP refuses inline scripts; the test injects axe-core, so the test browser bypasses it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def logged_in_page(page, live_server, client, coordinator):
    client.force_login(coordinator)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return page


def _axe_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_coordinator_runs_the_dues_from_the_billing_page_and_sees_it_done(logged_in_page, live_server):
    dues_member(population=10_000)
    dues_member(population=90_000)
    dues_member(population=20_000, name="Utløpt kommune", agreement_ends_on=datetime.date(2024, 6, 3))
    dues_member(population=30_000, name="Uten referanse kommune", invoice_reference="")
    page = logged_in_page
    page.goto(f"{live_server.url}/faktura/?year=2025")
    page.get_by_role("link", name="Gå gjennom kontingentkjøringen for 2025").click()
    page.wait_for_url("**/faktura/kontingentkjoring/2025/oversikt/")
    summary = page.locator("#dues-run-summary").inner_text()
    assert "2 medlemmer faktureres" in summary and "2 medlemmer holdes igjen" in summary
    assert page.get_by_role("heading", name="Avtaleperioden er utløpt (1)").is_visible()
    assert page.get_by_role("heading", name="EHF kan ikke lages (1)").is_visible()
    assert _axe_violations(page) == []
    # Without JavaScript: a radio per member, then save; the summary follows the choice.
    page.get_by_role("group", name="Valg for Uten referanse kommune").get_by_label(
        "Fakturer som PDF (uten EHF)"
    ).check()
    page.get_by_role("button", name="Lagre valgene").click()
    page.wait_for_url("**/faktura/kontingentkjoring/2025/oversikt/")
    summary = page.locator("#dues-run-summary").inner_text()
    assert "3 medlemmer faktureres" in summary and "1 av dem sendes som PDF uten EHF" in summary
    page.get_by_role("button", name="Fakturer kontingent for 2025").click()
    page.wait_for_url("**/faktura/kontingentkjoring/2025/oversikt/")
    assert "4 av 4" in page.locator("#dues-run-progress").inner_text()
    assert Invoice.objects.filter(dues_year=2025).count() == 3
    result = page.locator("#dues-run-result").inner_text()
    assert "Utløpt kommune" in result and "Holdt igjen" in result and "kun PDF" in result
    assert "Fakturer som PDF (uten EHF)" in page.locator("#dues-run-choices").inner_text()
    assert _axe_violations(page) == []
    page.get_by_role("link", name="Tilbake til fakturaoversikten").click()
    page.locator("table tbody th a").first.click()
    page.wait_for_selector("h1")
    assert _axe_violations(page) == []


def test_payments_and_settings_pages_pass_axe_also_with_errors_shown(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/faktura/innbetalinger/")
    assert _axe_violations(page) == []
    page.goto(f"{live_server.url}/faktura/innstillinger/")
    assert _axe_violations(page) == []
    page.get_by_label("Kontonummer").fill("12345678901")
    page.get_by_role("button", name="Lagre").click()
    error = page.locator("#id_bank_account_error")
    assert "MOD11" in error.inner_text()
    assert page.get_by_label("Kontonummer").get_attribute("aria-describedby") == "id_bank_account_error"
    assert _axe_violations(page) == []
