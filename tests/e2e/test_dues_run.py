"""Scenario 1: the coordinator runs the dues run, watches the progress finish, opens an invoice and its PDF.

Runs once the billing pages are merged (skipped with the reason before).
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.helpers import assert_accessible, login, requires_pages

pytestmark = [pytest.mark.e2e, requires_pages("billing:invoice_list", "billing:dues_run_start", "billing:invoice_pdf")]


def test_coordinator_runs_the_dues_run_and_opens_an_invoice_and_its_pdf(page: Page, coordinator):
    year = timezone.localdate().year
    for name, population in (("Bærum", 130000), ("Fitjar", 3200), ("Ringsaker", 35000)):
        factories.dues_member(name=name, population=population)
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])

    login(page, coordinator)
    page.goto(f"/faktura/?year={year}")
    assert_accessible(page)
    page.get_by_role("button", name=f"Fakturer kontingent for {year}").click()

    progress = page.locator("#dues-run-progress [role=status]")
    expect(progress).to_contain_text("3 av 3", timeout=30_000)  # htmx polls until the run is done
    expect(progress).to_contain_text("3 utstedt")
    assert page.locator("#dues-run-progress progress").get_attribute("value") == "3"
    assert_accessible(page)

    page.locator("table a[href*='/faktura/']").first.click()
    expect(page.get_by_role("link", name="Last ned PDF")).to_be_visible()
    assert_accessible(page)

    pdf = page.request.get(page.get_by_role("link", name="Last ned PDF").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.body().startswith(b"%PDF")
