"""A working day in the browser, on the demo that `make run` builds: each role starts on its own
landing page and does its tasks by clicking only (the one `goto` is the login page), and axe-core
finds no WCAG 2.1 A/AA violation on any page it visits.

Each test seeds the demo afresh (about twenty seconds) and reads its logins from the seed's output,
as a new coordinator, finance clerk, contact person or steering-group member would.
"""

from __future__ import annotations

import importlib
import io
import re

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from activities.models import Registration
from billing.models import CreditBalanceEntry, DuesRun, Invoice, Payment
from governance.queries.meetings import upcoming_steering_group_meetings
from members.demo import DEMO_PASSWORD
from members.models import ContactRole, Membership, Organisation
from members.networks import default_network
from network.models import BulkEmail
from tests.e2e.helpers import assert_accessible, submit_login_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOGIN_LINE = re.compile(r"^  (?P<role>\S.*?)\s{2,}(?P<email>\S+@\S+)$")


# The rows the data migrations write (dues schedule, bodies, roles, terms). A live-server test runs
# on a database that an earlier transactional test may have flushed, so they are written again.
SEEDING_MIGRATIONS = (
    ("members.migrations.0002_roles_and_agreement_terms", "create"),
    ("members.migrations.0007_agreement_terms_become_networks", "create_first_network"),
    # 0002's rows (2023 schedule, issuer, counter, beat) in today's layout, with network 1's issuer (0009).
    ("billing.migrations.0009_issuers_networks_nullable", "seed"),
    ("governance.migrations.0003_seed_bodies_and_areas", "seed"),
)


def rows_of_the_data_migrations() -> None:
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture
def demo(tmp_path) -> dict[str, str]:
    """The demo network, seeded as `make run` seeds it; returns the printed logins by role."""
    rows_of_the_data_migrations()
    call_command("import_municipalities", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_demo", mail_dir=str(tmp_path / "mail"), stdout=out)
    logins = {}
    for line in out.getvalue().splitlines():
        if match := LOGIN_LINE.match(line):
            logins[match["role"]] = match["email"]
    return logins


def sign_in(page: Page, email: str) -> None:
    page.goto("/konto/login/")
    submit_login_form(page, email=email, password=DEMO_PASSWORD)
    expect(page.get_by_text(f"Logget inn som {email}")).to_be_visible()


def checked(page: Page) -> Page:
    """The page as it is now has no WCAG 2.1 A/AA violation: called on every page the day visits."""
    page.wait_for_load_state()
    assert_accessible(page)
    return page


def opened_pdf(page: Page, link) -> None:
    """Clicking `link` fetches a PDF (shown inline or saved, as the browser chooses); back to the page after."""
    with page.expect_response(lambda response: response.url.split("?")[0].endswith((".pdf", "/pdf/"))) as info:
        link.click()
    response = info.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    # The browser's PDF viewer stands in for the body; the same request, made with this login, gives the file.
    assert page.request.get(response.url).body().startswith(b"%PDF")
    if page.url.split("?")[0].endswith((".pdf", "/pdf/")):
        page.go_back()


def menu(page: Page):
    return page.get_by_role("navigation", name="Hovedmeny")


def test_the_coordinators_day(page: Page, demo):
    today = timezone.localdate()
    sign_in(page, demo["Coordinator"])
    expect(page).to_have_url(re.compile(r"/koordinator/$"))
    checked(page)

    # Notodden's agreement ends soon: it is on the dashboard; its notice arrives by letter.
    page.get_by_role("link", name="Notodden").first.click()
    expect(page.get_by_role("heading", level=1, name="Notodden")).to_be_visible()
    checked(page)
    page.get_by_role("link", name="Registrer oppsigelse mottatt per brev").click()
    checked(page)
    page.get_by_label("Mottatt dato").fill(today.isoformat())
    page.get_by_label("Signert av (navn)").fill("Ola Nordmann")
    page.get_by_label("Tittel").fill("Ordfører")
    page.locator("main form [type=submit]").click()
    expect(page.get_by_text("Oppsigelsen er registrert.")).to_be_visible()
    checked(page)
    notodden = Membership.objects.get(organisation__name="Notodden")
    assert notodden.status == Membership.Status.NOTICE
    assert notodden.notice_given_on == today

    # Writes to Notodden's contacts from its page, as a tracked job.
    page.get_by_role("link", name="Skriv til kontaktpersonene").click()
    checked(page)
    page.get_by_label(re.compile("Alle kontaktpersoner")).check()
    page.get_by_label("Emne").fill("Oppsigelsen er mottatt")
    page.get_by_label("Tekst").fill("Vi har mottatt oppsigelsen deres og bekrefter den her.")
    page.locator("main form [type=submit]").last.click()
    checked(page)
    sent = BulkEmail.objects.get(subject="Oppsigelsen er mottatt")
    notodden_contacts = {r.person.email for r in ContactRole.objects.filter(organisation__name="Notodden")}
    assert {r.email for r in sent.recipients.all()} == notodden_contacts

    # The follow-up work is in the menu: activate the applicant, renew an agreement.
    menu(page).get_by_role("link", name="Oppfølging").click()
    checked(page)
    applicant = Membership.objects.get(status=Membership.Status.APPLICANT)
    page.get_by_role("row", name=re.compile(applicant.organisation.name)).get_by_role("link", name="Aktiver").click()
    checked(page)
    page.get_by_label("Avtale signert").fill(today.isoformat())
    page.get_by_label("Signert av").fill("Kari Kommunedirektør")
    page.get_by_label("Tittel til den som signerte").fill("Kommunedirektør")
    page.locator("main form [type=submit]").click()
    checked(page)
    applicant.refresh_from_db()
    assert applicant.status == Membership.Status.ACTIVE

    menu(page).get_by_role("link", name="Oversikt").click()
    ending = page.get_by_role("region", name=re.compile("Avtaler som utløper")).or_(
        page.locator("section", has=page.get_by_role("heading", name=re.compile("Avtaler som utløper")))
    )
    renewal_row = (
        ending.get_by_role("row")
        .filter(has_not_text="Notodden")
        .filter(has=page.get_by_role("link", name="Registrer fornyet avtale"))
    )
    name = renewal_row.first.get_by_role("link").first.inner_text()
    renewal_row.first.get_by_role("link", name="Registrer fornyet avtale").click()
    checked(page)
    page.get_by_label("Ny avtale signert").fill(today.isoformat())
    page.locator("main form [type=submit]").click()
    checked(page)
    renewed = Membership.objects.get(organisation__name=name, status=Membership.Status.ACTIVE)
    assert renewed.agreement_signed_on == today
    assert renewed.agreement_ends_on.year == today.year + 3 or renewed.agreement_ends_on.year == today.year + 4


def test_finance_runs_next_years_dues_and_handles_payments(page: Page, demo):
    next_year = timezone.localdate().year + 1
    sign_in(page, demo["Finance (KS billing administrator)"])
    expect(page).to_have_url(re.compile(r"/faktura/$"))
    checked(page)

    # Reviews next year's run: who is held, and why, before anything is issued.
    page.get_by_label("År", exact=True).select_option(str(next_year))
    page.get_by_role("button", name="Vis").click()
    checked(page)
    page.get_by_role("link", name=f"Gå gjennom kontingentkjøringen for {next_year}").click()
    checked(page)
    expect(page.get_by_role("heading", name=re.compile("Avtaleperioden er utløpt"))).to_be_visible()
    held = page.get_by_text(re.compile(r"medlemmer holdes igjen"))
    expect(held).to_be_visible()
    page.get_by_role("button", name=f"Fakturer kontingent for {next_year}").click()
    checked(page)
    run = DuesRun.objects.get(year=next_year)
    expect(page.get_by_text(re.compile(r"Fullført"))).to_be_visible(timeout=60_000)
    run.refresh_from_db()
    issued = Invoice.objects.filter(dues_year=next_year)
    assert issued.count() > 0 and run.held > 0

    # Records a payment on an open invoice of this year.
    page.get_by_role("link", name="Tilbake til fakturaoversikten").click()
    checked(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(next_year))  # the year just invoiced
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()  # an invoice number in the table
    checked(page)
    invoice = Invoice.objects.get(pk=int(re.search(r"/faktura/(\d+)/", page.url)[1]))
    outstanding = invoice.amount_ore // 100
    page.get_by_label("Beløp (kr)").first.fill(f"{outstanding - 1000} ")
    page.get_by_label("Betalt dato").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    checked(page)
    assert Payment.objects.filter(invoice=invoice).count() == 1

    # The member then pays the whole amount again: an overpayment, confirmed, becomes a credit.
    page.get_by_label("Beløp (kr)").first.fill(f"{outstanding:,}".replace(",", " ") + ",00")
    page.get_by_label("Betalt dato").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    checked(page)
    assert Payment.objects.filter(invoice=invoice).count() == 1  # nothing stored before confirming
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Registrer", exact=True).click()
    checked(page)
    assert Payment.objects.filter(invoice=invoice).count() == 2
    credit = CreditBalanceEntry.objects.filter(organisation=invoice.organisation)
    assert sum(e.amount_ore for e in credit) == (outstanding - 1000) * 100

    # The credit is refunded to the member's account, recorded with date and account.
    surplus_kr = outstanding - 1000
    page.get_by_role("link", name="tilbakebetal eller motregn").click()
    checked(page)
    page.get_by_label("Beløp tilbakebetalt (kr)").fill(f"{surplus_kr}")
    page.get_by_label("Tilbakebetalt dato").fill(timezone.localdate().isoformat())
    page.get_by_label("Til kontonummer").fill("1503.35.29446")
    page.get_by_role("button", name="Registrer tilbakebetaling").click()
    checked(page)
    entries = CreditBalanceEntry.objects.filter(organisation=invoice.organisation)
    assert sum(e.amount_ore for e in entries) == 0
    refund = entries.get(kind=CreditBalanceEntry.Kind.REFUND)
    assert refund.amount_ore == -surplus_kr * 100 and refund.bank_account


def test_a_contact_persons_day(page: Page, demo):
    email = demo["Contact person, Oslo"]
    sign_in(page, email)
    expect(page).to_have_url(re.compile(r"/portal/$"))
    checked(page)
    oslo = Organisation.objects.get(name="Oslo")
    contact_name = ContactRole.objects.get(organisation=oslo, person__email__iexact=email).person.full_name

    # Corrects a colleague's phone number and title.
    colleague = ContactRole.objects.filter(organisation=oslo).exclude(person__email=email).first()
    page.get_by_role("row", name=re.compile(colleague.person.last_name)).get_by_role("link", name="Endre").click()
    checked(page)
    page.get_by_label("Telefon").fill("22 12 34 56")
    page.get_by_label("Tittel").fill("Spesialrådgiver")
    page.locator("main form [type=submit]").click()
    checked(page)
    colleague.person.refresh_from_db()
    assert str(colleague.person.phone) == "+4722123456" and colleague.person.title == "Spesialrådgiver"

    # Downloads an invoice as PDF.
    opened_pdf(page, page.get_by_role("link", name="PDF").first)

    # Registers for an upcoming event.
    page.get_by_role("link", name="Meld på").first.click()
    checked(page)
    page.get_by_role("checkbox", name=re.compile(contact_name)).check()
    page.get_by_role("button", name="Meld på valgte").click()
    checked(page)
    assert Registration.objects.filter(person__email__iexact=email, event__starts_at__gte=timezone.now()).exists()

    # Gives notice for the organisation.
    menu(page).get_by_role("link", name="Min organisasjon").click()
    checked(page)
    page.get_by_role("link", name="Si opp medlemskapet").click()
    checked(page)
    page.get_by_label("Ditt fulle navn").fill(contact_name)
    page.get_by_label("Din tittel").fill("Rådgiver")
    page.get_by_role("checkbox").nth(0).check()
    page.get_by_role("checkbox").nth(1).check()
    page.locator("main form [type=submit]").click()
    checked(page)
    assert Membership.objects.get(organisation=oslo).status == Membership.Status.ACTIVE  # not before confirming
    page.get_by_role("button", name="Send oppsigelsen").click()
    checked(page)
    membership = Membership.objects.get(organisation=oslo)
    assert membership.status == Membership.Status.NOTICE


def test_a_steering_group_member_opens_the_next_agenda(page: Page, demo):
    sign_in(page, demo["Steering-group member"])
    # The demo's other networks hold meetings too: the member lands on their own steering group's next one.
    upcoming = upcoming_steering_group_meetings(timezone.localdate(), default_network()).first()
    expect(page).to_have_url(re.compile(rf"/{default_network().slug}/moter/{upcoming.pk}/$"))
    checked(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(rf"^Møte i .*{upcoming.date.year}"))
    first_case = upcoming.cases.order_by("order").first()
    expect(page.get_by_text(first_case.title).first).to_be_visible()
    opened_pdf(page, page.get_by_role("link", name=re.compile("PDF")).first)
