"""Scenario 1: the coordinator runs the annual dues, watches the progress bar finish, opens an invoice and its PDF.

The dues run goes the real way: the button queues the task, a real Celery worker (on Redis, against the
test database) issues the invoices, and the page follows along by htmx polling until it reads "Fullført".
"""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from billing.models import DuesRun, Invoice
from network.models import Job
from tests.conftest import requires_postgresql
from tests.e2e.helpers import assert_accessible, login
from tests.factories import dues_member, first_network, scoped

pytestmark = [pytest.mark.e2e, requires_postgresql]


@pytest.fixture
def members_owing_dues(transactional_db):
    return [
        dues_member(name="Bærum kommune", population=128_000),
        dues_member(name="Grimstad kommune", population=24_000),
        dues_member(name="Røros kommune", population=5_600),
    ]


def test_coordinator_runs_the_dues_on_a_worker_watches_progress_and_opens_an_invoice_pdf(
    page: Page, coordinator, members_owing_dues, celery_worker
):
    year = timezone.localdate().year
    login(page, coordinator)
    page.goto("/faktura/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Faktura og kontingent {year}")
    expect(page.locator("#dues-run-progress")).to_contain_text("Ingen kjøring er startet for dette året.")
    assert_accessible(page)

    # The run starts from its page, which says first who is invoiced, for how much, and who is held.
    page.get_by_role("link", name=f"Gå gjennom kontingentkjøringen for {year}").click()
    page.wait_for_load_state()
    expect(page.locator("#dues-run-summary")).to_contain_text("3 medlemmer faktureres")
    expect(page.locator("#dues-run-summary")).to_contain_text("0 medlemmer holdes igjen")
    assert_accessible(page)
    page.get_by_role("button", name=f"Fakturer kontingent for {year}").click()
    page.wait_for_load_state()

    expect(page.get_by_text(f"Kontingentkjøringen for {year} er startet.")).to_be_visible()
    progress = page.locator("#dues-run-progress progress")
    expect(progress).to_be_attached()
    assert_accessible(page)
    # The worker issues the three invoices; htmx polls the progress every 2 s until the run is done.
    status = page.locator("#dues-run-progress [role=status]")
    expect(status).to_contain_text("Fullført: 3 av 3 behandlet", timeout=90_000)
    expect(status).to_contain_text("3 utstedt, 0 holdt igjen, 0 hoppet over")
    expect(progress).to_have_attribute("max", "3")
    expect(progress).to_have_attribute("value", "3")
    assert DuesRun.objects.get(year=year).status == DuesRun.Status.DONE
    assert Invoice.objects.filter(dues_year=year).count() == 3
    assert_accessible(page)

    page.goto("/faktura/")  # the list now shows the issued invoices
    invoice = Invoice.objects.filter(dues_year=year).get(buyer_name="Røros kommune")
    page.locator("table tbody th a", has_text=str(invoice.number)).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(invoice.number))
    expect(page.get_by_text("Røros kommune").first).to_be_visible()
    assert_accessible(page)

    pdf_link = page.get_by_role("link", name="Last ned PDF")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_dues_run_in_process_shows_the_finished_progress_at_once(page: Page, coordinator, members_owing_dues):
    """Without a worker (tasks eager, as without Redis) the run finishes within the request."""
    year = timezone.localdate().year
    login(page, coordinator)
    page.goto(f"/faktura/kontingentkjoring/{year}/oversikt/")
    page.get_by_role("button", name=f"Fakturer kontingent for {year}").click()
    page.wait_for_load_state()

    status = page.locator("#dues-run-progress [role=status]")
    expect(status).to_contain_text("Fullført: 3 av 3 behandlet")
    expect(status).to_contain_text("3 utstedt")
    progress = page.get_by_role("progressbar", name="Fremdrift for kontingentkjøringen")
    expect(progress).to_have_attribute("value", "3")
    expect(page.locator("#dues-run-progress[hx-get]")).to_have_count(0)  # nothing left to poll
    expect(page.locator("#dues-run-result tbody tr")).to_have_count(3)
    assert_accessible(page)
    page.goto(f"/faktura/?year={year}")
    expect(page.locator("table tbody th a")).to_have_count(3)
    assert_accessible(page)

    # Without a worker too, an issued invoice opens and its PDF downloads.
    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    pdf_link = page.get_by_role("link", name="Last ned PDF")
    expect(pdf_link).to_be_visible()
    assert_accessible(page)
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF")


def test_dashboard_progress_bar_follows_a_running_bulk_email_job(page: Page, coordinator):
    cache.clear()  # the dashboard's figures are cached for a minute; start from this test's data
    job = Job.objects.create(
        network=first_network(),
        kind=Job.Kind.BULK_EMAIL,
        label="Invitasjon til høstsamlingen",
        status=Job.Status.RUNNING,
        total=40,
        done=5,
        started_by=coordinator,
    )
    login(page, coordinator)
    page.goto("/koordinator/")

    # No dues run this year yet: the dashboard says so and links to the billing page.
    expect(page.get_by_text("Årets kontingentkjøring er ikke startet.")).to_be_visible()
    expect(page.get_by_role("link", name="Til fakturering")).to_have_attribute("href", scoped("/faktura/"))

    bar = page.get_by_role("progressbar", name="Invitasjon til høstsamlingen: Kjører")
    expect(bar).to_have_attribute("value", "5")
    expect(bar).to_have_attribute("max", "40")
    assert_accessible(page)

    # The job advances (as the worker would write it); htmx polls every second and swaps the bar.
    Job.objects.filter(pk=job.pk).update(done=30)
    expect(bar).to_have_attribute("value", "30", timeout=5_000)
    expect(page.locator(f"#job-{job.pk}")).to_contain_text("30 av 40 (75 %)")

    Job.objects.filter(pk=job.pk).update(done=40, status=Job.Status.DONE, finished_at=timezone.now())
    expect(page.locator(f"#job-{job.pk}")).to_contain_text("Invitasjon til høstsamlingen: Ferdig", timeout=5_000)
    expect(page.locator(f"#job-{job.pk}-bar")).to_have_attribute("value", "40")
    expect(page.locator(f"#job-{job.pk}[hx-get]")).to_have_count(0)  # polling stops when the job is done
    assert_accessible(page)


def test_billing_page_and_dashboard_meet_wcag_in_english_too(page: Page, coordinator, members_owing_dues):
    cache.clear()
    login(page, coordinator)
    for path in ("/en/faktura/", "/en/koordinator/"):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(page)
