"""Every item on the dashboard names its member with a link to the member's page, and links to
where it is acted on; long lists show the first five and a link to all."""

import datetime

from django.urls import reverse
from django.utils import timezone

from billing.services.dues import issue_dues_invoice
from members.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, dues_member


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard:home")).content.decode()


def test_pending_notices_link_to_the_member_and_the_follow_up(client, coordinator):
    today = timezone.localdate()
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Notodden"),
        status=Membership.Status.NOTICE,
        notice_given_on=today,
        notice_effective_on=today + datetime.timedelta(days=180),
    )
    page = dashboard(client, coordinator)
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page
    assert reverse("members:withdraw_notice", args=[membership.organisation.pk]) in page
    assert reverse("members:lifecycle_overview") + "#notice-heading" in page


def test_agreements_ending_link_to_the_member_and_to_renewal(client, coordinator):
    membership = MembershipFactory(agreement_ends_on=timezone.localdate() + datetime.timedelta(days=20))
    page = dashboard(client, coordinator)
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page
    assert reverse("members:renew", args=[membership.organisation.pk]) + "?next=" + reverse("dashboard:home") in page


def test_members_without_a_contact_link_to_adding_one(client, coordinator):
    membership = MembershipFactory()
    page = dashboard(client, coordinator)
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page
    assert reverse("members:contact_add", args=[membership.organisation.pk]) in page


def test_overdue_invoices_link_to_the_invoice_and_the_member(client, coordinator):
    year = timezone.localdate().year
    membership = dues_member(name="Forfallsby")
    invoice = issue_dues_invoice(membership=membership, year=year, issue_date=datetime.date(year, 1, 2))
    page = dashboard(client, coordinator)
    assert reverse("billing:invoice_detail", args=[invoice.pk]) in page
    assert reverse("dashboard:member_detail", args=[membership.organisation.pk]) in page


def test_missing_obligations_link_to_who_misses_them(client, coordinator):
    MembershipFactory()
    page = dashboard(client, coordinator)
    assert reverse("dashboard:obligations") + "?missing=contact" in page


def test_a_long_list_shows_five_and_links_to_all(client, coordinator):
    organisations = [MembershipFactory().organisation for _ in range(7)]  # seven without a contact
    page = dashboard(client, coordinator)
    linked = [o for o in organisations if reverse("members:contact_add", args=[o.pk]) in page]
    assert len(linked) == 5
    assert "Se alle 7" in page


def test_every_action_column_is_headed_the_same(client, coordinator):
    MembershipFactory()
    page = dashboard(client, coordinator)
    assert page.count('<th scope="col">Handling</th>') >= 2
    assert "Handlinger" not in page


def test_the_member_list_and_obligations_link_each_member(client, coordinator):
    membership = MembershipFactory()
    client.force_login(coordinator)
    url = reverse("dashboard:member_detail", args=[membership.organisation.pk])
    assert url in client.get(reverse("dashboard:member_list")).content.decode()
    assert url in client.get(reverse("dashboard:obligations")).content.decode()
    assert url in client.get(reverse("members:lifecycle_overview")).content.decode()


def test_the_search_help_is_not_shown_as_an_error(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:member_list")).content.decode()
    assert 'id="q-hint"' in page and "ds-validation-message" not in page
