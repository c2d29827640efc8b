"""Scenario 2: a member contact is invited, sets up the account, logs in by emailed code, edits a
contact, downloads an invoice and gives notice (by keyboard only), and sees when the membership ends.
"""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import Page, expect

from billing.services.dues import issue_dues_invoice
from members.models import Membership, Person
from members.services.invitations import invite_person
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
from tests.factories import ContactRoleFactory, PersonFactory, dues_member

pytestmark = [pytest.mark.e2e, requires_postgresql]

CONTACT = "siri.dahl@lillestrom.kommune.no"
PASSWORD = "Fjordutsikt-2026!"  # noqa: S105 - a test account


@pytest.fixture
def organisation(transactional_db):
    membership = dues_member(name="Lillestrøm kommune", population=89_000)
    organisation = membership.organisation
    person = PersonFactory(organisation=organisation, first_name="Siri", last_name="Dahl", email=CONTACT)
    ContactRoleFactory(organisation=organisation, person=person, is_primary=True)
    colleague = PersonFactory(organisation=organisation, first_name="Per", last_name="Holm", title="Rådgiver")
    ContactRoleFactory(organisation=organisation, person=colleague, is_primary=False)
    issue_dues_invoice(membership=membership, year=timezone.localdate().year)
    return organisation


@pytest.fixture
def invited(organisation):
    """The coordinator invited Siri (through the members service); the email is in the outbox."""
    return invite_person(person=Person.objects.get(email=CONTACT), organisation=organisation)


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus; every stop on the way shows focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        style = focus_style(page)
        assert style["tag"] == "body" or shows_focus(style), f"no visible focus on {dump(style)}"
    raise AssertionError(f"Tab never reached {selector}")


def accept_invitation(page: Page) -> None:
    link = next(link for link in links_in(last_email(to=CONTACT)) if "/portal/invitasjon/" in link)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta i bruk kontoen")
    assert_accessible(page)
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_label("Gjenta passordet").fill(PASSWORD)
    page.get_by_role("button", name="Lagre passord og logg inn").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Velkommen! Kontoen din er klar.")).to_be_visible()


def login_by_emailed_code(page: Page) -> None:
    page.goto("/konto/login/code/")
    assert_accessible(page)
    page.locator("main input[name=email]").fill(CONTACT)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/konto/login/code/confirm/"))
    assert_accessible(page)
    body = last_email(to=CONTACT).body
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", body, re.MULTILINE)
    assert code, f"no login code in the email:\n{body}"
    page.locator("main input[name=code]").fill(code.group(1))
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("form[action$='/konto/logout/']")).to_be_attached()


def test_member_contact_from_invitation_to_notice(page: Page, organisation, invited):
    accept_invitation(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lillestrøm kommune")
    assert_accessible(page)

    # Log out, and back in with a code sent by email (no password needed).
    page.get_by_role("button", name="Logg ut").press("Enter")
    page.wait_for_load_state()
    login_by_emailed_code(page)
    page.goto("/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lillestrøm kommune")
    assert_accessible(page)

    # Edit a colleague's title.
    page.get_by_role("link", name="Endre Per Holm").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Klimarådgiver")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Opplysningene er lagret.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Per Holm"))).to_contain_text("Klimarådgiver")
    assert Person.objects.get(last_name="Holm").title == "Klimarådgiver"

    # Her own phone number, on the organisation's own portal address.
    page.goto(f"/portal/{organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lillestrøm kommune")
    page.get_by_role("link", name="Endre Siri Dahl").click()
    page.wait_for_load_state()
    page.locator("input[name=phone]").fill("+47 912 34 567")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("91 23 45 67")).to_be_visible()  # shown in national format
    assert str(Person.objects.get(email=CONTACT).phone) == "+4791234567"  # stored as E.164

    # Download the year's invoice.
    invoice = organisation.invoices.get()
    pdf = page.get_by_role("link", name=f"PDF {invoice.number}")
    response = page.request.get(pdf.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # Give notice, keyboard only: the form, then the confirmation step.
    page.get_by_role("link", name="Si opp medlemskapet").click()
    page.wait_for_load_state()
    today = timezone.localdate()
    effective = today + relativedelta(months=6)
    expect(page.locator("main")).to_contain_text(f"trer utmeldingen i kraft {effective:%d.%m.%Y}")
    assert_accessible(page)

    tab_to(page, "input[name=signed_by_name]")
    page.keyboard.type("Siri Dahl")
    page.keyboard.press("Tab")
    page.keyboard.type("Kommunedirektør")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the terms
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the authority
    page.keyboard.press("Tab")
    assert focus_style(page)["text"] == "Gå videre til bekreftelse", dump(focus_style(page))
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Bekreft oppsigelsen")).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        f"Siri Dahl (Kommunedirektør) sier opp medlemskapet til Lillestrøm kommune i "
        f"{organisation.memberships.get().network.name} med virkning fra {effective:%d.%m.%Y}."
    )
    assert_accessible(page)
    assert Membership.objects.get(organisation=organisation).status == Membership.Status.ACTIVE
    tab_to(page, "button[name=confirm][value=yes]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_text(f"Utmeldingen trer i kraft {effective:%d.%m.%Y}.")).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        f"Medlemskapet er sagt opp {today:%d.%m.%Y} og avsluttes {effective:%d.%m.%Y}."
    )
    assert_accessible(page)
    membership = Membership.objects.get(organisation=organisation)
    assert membership.status == Membership.Status.NOTICE
    assert membership.notice_effective_on == effective


def test_empty_resignation_is_refused_with_errors_tied_to_the_fields(page: Page, organisation, invited):
    accept_invitation(page)
    page.get_by_role("link", name="Si opp medlemskapet").click()
    page.wait_for_load_state()

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    name = page.locator("input[name=signed_by_name]")
    expect(name).to_have_attribute("aria-invalid", "true")
    assert "id_signed_by_name_error" in name.get_attribute("aria-describedby")
    expect(page.locator("#id_accept_terms_error")).to_have_text("Du må bekrefte vilkårene for oppsigelse.")
    assert_accessible(page)
    assert Membership.objects.get(organisation=organisation).status == Membership.Status.ACTIVE


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_portal_home_meets_wcag_in_both_languages(page: Page, organisation, invited, prefix):
    accept_invitation(page)
    page.goto(f"{prefix}/portal/")
    expect(page.locator("html")).to_have_attribute("lang", "en" if prefix else "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lillestrøm kommune")
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_portal_home_fits_the_screen_without_sideways_scroll(page: Page, organisation, invited, width, output_path):
    accept_invitation(page)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lillestrøm kommune")

    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.screenshot(path=f"{output_path}/portal-home-{width}.png", full_page=True)
