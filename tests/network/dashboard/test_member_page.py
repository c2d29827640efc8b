"""The coordinator's page of one member: everything about it in one place, and the actions that apply."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billing.services.dues import issue_dues_invoice
from billing.services.payments import register_payment
from governance.models import Body, BodyKind, Term
from members.models import Membership
from network.dashboard.member_page import member_actions, member_page
from tests.factories import (
    AttendanceFactory,
    ContactRoleFactory,
    EventFactory,
    MembershipFactory,
    UserFactory,
    dues_member,
    make_billing_admin,
)
from tests.factories.activities import oslo


def a_member(*, contacts: int = 1, invoices: int = 1):
    membership = dues_member(population=30_000, name="Midtby")
    organisation = membership.organisation
    roles = [ContactRoleFactory(organisation=organisation, is_primary=(n == 0)) for n in range(contacts)]
    issued = [issue_dues_invoice(membership=membership, year=year) for year in range(2024, 2024 + invoices)]
    register_payment(invoice=issued[0], amount_ore=10_000_00, paid_on=issued[0].issue_date)
    today = timezone.localdate()
    event = EventFactory(
        kind="gathering", title="Vårsamling", starts_at=oslo(today.year, 4, 23), ends_at=oslo(today.year, 4, 23, 15)
    )
    for role in roles:
        AttendanceFactory(event=event, organisation=organisation, person=role.person)
        Term.objects.create(
            body=Body.objects.get(kind=BodyKind.STEERING_GROUP),
            person=role.person,
            organisation=organisation,
            starts_on=today - datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=300),
        )
    return membership


def test_the_page_shows_membership_contacts_invoices_obligations_attendance_groups_and_history(client, coordinator):
    membership = a_member()
    role = membership.organisation.contact_roles.get()
    invoice = membership.organisation.invoices.get()
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:member_detail", args=[membership.organisation.pk])).content.decode()
    assert "<h1" in page and "Midtby" in page
    assert "Avtalen utløper" in page and membership.agreement_ends_on.strftime("%d.%m.%Y") in page
    assert role.person.full_name in page and "Hovedkontakt" in page and "Ingen konto" in page
    assert reverse("billing:invoice_detail", args=[invoice.pk]) in page  # each invoice links to its page
    assert "Delvis betalt" in page or "Forfalt" in page
    assert "Minsteforpliktelser" in page and "Deltatt på en fysisk nettverkssamling" in page
    assert "Vårsamling" in page  # attendance
    assert "Styringsgruppen" in page  # the groups its people sit in
    assert "Historikk" in page and "Ny medlemskap" in page


def test_only_the_coordinator_sees_a_member_page(client, billing_admin, member_contact):
    organisation = member_contact.person.contact_roles.get().organisation
    url = reverse("dashboard:member_detail", args=[organisation.pk])
    for user in (member_contact, billing_admin):  # even the member's own contact: they have the portal
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login


def test_a_missing_member_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("dashboard:member_detail", args=[999_999])).status_code == 404


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Membership.Status.APPLICANT, ["activate"]),
        (Membership.Status.ACTIVE, ["renew", "register_letter_notice"]),
        (Membership.Status.NOTICE, ["renew", "withdraw_notice"]),
        (Membership.Status.RESIGNED, ["activate"]),
    ],
)
def test_the_actions_that_apply_follow_the_status(status, expected):
    assert member_actions(Membership(status=status)) == expected


def test_actions_link_to_their_views_and_come_back_here(client, coordinator):
    membership = a_member()
    organisation = membership.organisation
    here = reverse("dashboard:member_detail", args=[organisation.pk])
    client.force_login(coordinator)
    page = client.get(here).content.decode()
    assert f"{reverse('members:renew', args=[organisation.pk])}?next={here}" in page
    assert reverse("members:register_letter_notice", args=[organisation.pk]) in page
    assert f"{reverse('dashboard:bulk_email')}?org={organisation.pk}" in page  # write to the contacts
    assert reverse("members:organisation_home", args=[organisation.pk]) in page  # the member's portal
    # Recording a notice received by letter from here comes back here.
    response = client.post(
        reverse("members:register_letter_notice", args=[organisation.pk]) + "?next=" + here,
        {
            "received_on": timezone.localdate().strftime("%d.%m.%Y"),
            "signed_by_name": "Ola Nordmann",
            "signed_by_title": "Ordfører",
        },
    )
    assert response.status_code == 302 and response.url == here
    membership.refresh_from_db()
    assert membership.status == Membership.Status.NOTICE


def test_an_action_with_a_next_to_another_site_returns_to_the_portal(client, coordinator):
    membership = MembershipFactory(status=Membership.Status.APPLICANT, joined_on=None, agreement_ends_on=None)
    organisation = membership.organisation
    client.force_login(coordinator)
    response = client.post(reverse("members:withdraw_notice", args=[organisation.pk]) + "?next=https://evil.example/")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response.url == reverse("members:organisation_home", args=[organisation.pk])
    role = ContactRoleFactory(organisation=organisation)
    response = client.post(
        reverse("members:contact_invite", args=[organisation.pk, role.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("members:organisation_home", args=[organisation.pk])
    response = client.post(
        reverse("members:contact_invite", args=[organisation.pk, role.pk]),
        {"next": reverse("dashboard:member_detail", args=[organisation.pk])},
    )
    assert response.url == reverse("dashboard:member_detail", args=[organisation.pk])


def test_writing_to_the_contacts_preselects_this_member(client, coordinator):
    membership = a_member(contacts=2)
    MembershipFactory()  # another member, not in the selection
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:bulk_email") + f"?org={membership.organisation.pk}").content.decode()
    assert "Utvalg: Midtby (1 organisasjon)" in page


def test_the_member_page_reads_a_fixed_number_of_queries(db, django_assert_num_queries):
    """However many contacts, invoices, attendances and terms a member has."""
    today = timezone.localdate()
    small = a_member(contacts=1, invoices=1).organisation
    with CaptureQueriesContext(connection) as small_queries:
        member_page(small, today=today)
    big_membership = dues_member(population=90_000, name="Storby")
    for n in range(4):
        ContactRoleFactory(organisation=big_membership.organisation, is_primary=(n == 0))
    for year in (2024, 2025, 2026):
        invoice = issue_dues_invoice(membership=big_membership, year=year)
        register_payment(invoice=invoice, amount_ore=1_000_00, paid_on=invoice.issue_date)
    big = big_membership.organisation
    with django_assert_num_queries(len(small_queries)):
        member_page(big, today=today)
    assert len(small_queries) == 14


def test_the_billing_administrator_is_not_offered_the_member_page(client, db):
    user = UserFactory()
    make_billing_admin(user)
    membership = a_member()
    invoice = membership.organisation.invoices.first()
    client.force_login(user)
    page = client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) not in page


def test_the_invoice_page_links_the_buyer_to_the_member_page_for_the_coordinator(client, coordinator):
    membership = a_member()
    invoice = membership.organisation.invoices.first()
    client.force_login(coordinator)
    page = client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page


def test_the_coordinator_viewing_a_portal_gets_coordinator_wording(client, coordinator):
    membership = MembershipFactory(agreement_ends_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(coordinator)
    page = client.get(reverse("members:organisation_home", args=[membership.organisation.pk])).content.decode()
    assert "ta kontakt med koordinatoren" not in page
    assert reverse("members:renew", args=[membership.organisation.pk]) in page
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page
