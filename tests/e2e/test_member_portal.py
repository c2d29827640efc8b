"""Scenario 2: a member contact accepts the invitation, logs in by emailed code, edits a contact,
downloads an invoice, and gives notice with the keyboard only, seeing the effective date.

Runs once the member portal and billing are merged (skipped with the reason before).
"""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.helpers import (
    PASSWORD,
    assert_accessible,
    last_email,
    links_in,
    path_of,
    requires_pages,
)

pytestmark = [
    pytest.mark.e2e,
    requires_pages("members:accept_invitation", "members:organisation_home", "members:resign", "billing:invoice_pdf"),
]

EMAIL = "kari.nordmann@fitjar.kommune.no"


def sign_in_code(message) -> str:
    codes = [line.strip() for line in message.body.splitlines() if re.fullmatch(r"[A-Z0-9-]{4,16}", line.strip())]
    assert codes, f"no sign-in code in: {message.body}"
    return codes[0]


def tab_to(page: Page, field_name: str, *, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == field_name:
            return
    raise AssertionError(f"Tab never reached the field {field_name!r}")


def tab_to_button(page: Page, text: str, *, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (
            page.evaluate(
                "() => document.activeElement.tagName === 'BUTTON' && document.activeElement.innerText.trim()"
            )
            == text
        ):
            return
    raise AssertionError(f"Tab never reached the button {text!r}")


def test_member_contact_from_invitation_to_notice(page: Page):
    from billing.services.dues import issue_dues_invoice
    from members.services.invitations import invite_person

    membership = factories.dues_member(name="Fitjar", population=3200)
    organisation = membership.organisation
    role = factories.ContactRoleFactory(organisation=organisation, person__email=EMAIL)
    invoice = issue_dues_invoice(membership=membership, year=timezone.localdate().year)

    # The invitation: set a password, and the portal opens.
    invite_person(person=role.person, organisation=organisation)
    invitation = next(link for link in links_in(last_email(to=EMAIL)) if "/invitasjon/" in link)
    page.goto(path_of(invitation))
    assert_accessible(page)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form [type=submit]").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fitjar")
    page.get_by_role("button", name="Logg ut").click()

    # Back another day, without the password: a code by email.
    page.goto("/konto/login/code/")
    assert_accessible(page)
    page.locator("input[name=email]").fill(EMAIL)
    page.get_by_role("button", name="Send kode").click()
    page.locator("input[name=code]").fill(sign_in_code(last_email(to=EMAIL)))
    page.locator("form[action$='/konto/login/code/confirm/'] [type=submit]").click()
    expect(page.locator("form[action$='/konto/logout/']")).to_be_attached()

    page.goto(f"/portal/{organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fitjar")
    assert_accessible(page)

    # Edit a contact person.
    page.locator(f"a[href$='/kontakter/{role.pk}/endre/']").click()
    assert_accessible(page)
    page.locator("input[name=phone]").fill("+47 912 34 567")
    page.locator("form [type=submit]").last.click()
    expect(page.get_by_text("+47 912 34 567")).to_be_visible()
    role.person.refresh_from_db()
    assert role.person.phone == "+47 912 34 567"

    # Download the invoice.
    pdf_link = page.locator(f"a[href$='/faktura/{invoice.pk}/pdf/']")
    pdf = page.request.get(pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # Give notice with the keyboard only; the effective date is six months on.
    page.locator(f"a[href$='/portal/{organisation.pk}/oppsigelse/']").first.click()
    assert_accessible(page)
    tab_to(page, "signed_by_name")
    page.keyboard.type("Kari Nordmann")
    tab_to(page, "signed_by_title", limit=3)
    page.keyboard.type("Kommunedirektør")
    tab_to(page, "accept_terms", limit=3)
    page.keyboard.press("Space")
    tab_to(page, "authorised", limit=3)
    page.keyboard.press("Space")
    tab_to_button(page, "Gå videre til bekreftelse")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Send oppsigelsen")).to_be_visible()
    assert_accessible(page)
    tab_to_button(page, "Send oppsigelsen")
    page.keyboard.press("Enter")

    effective = timezone.localdate() + relativedelta(months=6)
    expect(page.get_by_text(f"trer i kraft {effective:%d.%m.%Y}").first).to_be_visible()
    membership.refresh_from_db()
    assert membership.notice_effective_on == effective
    assert_accessible(page)
