"""The header menu shows each role what it can do, and marks the section the page is in."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from governance.models import Body, BodyKind, Term
from tests.factories import MembershipFactory, PersonFactory, UserFactory, make_billing_admin, scoped

COORDINATOR_ITEMS = {"dashboard", "followup", "member_list", "meetings", "governance", "events", "billing", "admin"}


def menu(client, user, path="/arrangementer/"):
    """The menu's links as {href: (label, aria-current)} on `path`."""
    if user is not None:
        client.force_login(user)
    page = client.get(scoped(path)).content.decode()
    nav = re.search(r'<nav aria-label="Hovedmeny".*?</nav>', page, re.S).group(0)
    return {
        href: (label, current)
        for href, current, label in re.findall(
            r'<a class="ds-link" href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav
        )
    }


def test_the_coordinator_sees_the_follow_up_work_and_every_section(client, coordinator):
    items = menu(client, coordinator)
    assert reverse("members:lifecycle_overview") in items  # applicants, renewals, notices by letter, invitations
    for name in (
        "dashboard:home",
        "dashboard:member_list",
        "meetings:meeting_list",
        "governance:steering_group",
        "activities:event_list",
        "billing:invoice_list",
    ):
        assert reverse(name) in items, name


def test_finance_sees_billing_and_payments_and_not_the_members(client, billing_admin):
    items = menu(client, billing_admin)
    assert reverse("billing:invoice_list") in items and reverse("billing:payments_review") in items
    for name in ("members:lifecycle_overview", "dashboard:member_list", "meetings:meeting_list", "members:portal_home"):
        assert reverse(name) not in items, name


def test_a_contact_sees_their_organisation_meetings_and_events(client, member_contact):
    items = menu(client, member_contact)
    for name in ("members:portal_home", "meetings:meeting_list", "activities:event_list"):
        assert reverse(name) in items, name
    for name in ("dashboard:home", "billing:invoice_list", "members:lifecycle_overview", "dashboard:member_list"):
        assert reverse(name) not in items, name


def test_a_steering_group_member_sees_the_meetings(client, db):
    membership = MembershipFactory()
    person = PersonFactory(organisation=membership.organisation)
    person.user = UserFactory(email=person.email)
    person.save()
    today = timezone.localdate()
    Term.objects.create(
        body=Body.objects.get(kind=BodyKind.STEERING_GROUP),
        person=person,
        organisation=membership.organisation,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=300),
    )
    items = menu(client, person.user)
    assert reverse("meetings:meeting_list") in items and reverse("governance:steering_group") in items
    assert reverse("billing:invoice_list") not in items and reverse("dashboard:home") not in items


def test_the_public_sees_the_public_pages_only(client, db):
    items = menu(client, None)
    assert set(items) == {reverse("home"), reverse("activities:event_list"), reverse("governance:steering_group")}


def test_the_current_section_is_marked(client, coordinator):
    items = menu(client, coordinator, reverse("dashboard:member_list"))
    assert items[reverse("dashboard:member_list")][1] == "page"
    assert [href for href, (_label, current) in items.items() if current] == [reverse("dashboard:member_list")]
    # A page inside a section marks the section, not the dashboard whose address starts it.
    membership = MembershipFactory()
    items = menu(client, coordinator, reverse("dashboard:member_detail", args=[membership.organisation.pk]))
    assert items[reverse("dashboard:member_list")][1] == "true"
    assert items[reverse("dashboard:home")][1] == ""


def test_a_user_with_two_roles_sees_both(client, member_contact):
    make_billing_admin(member_contact)
    items = menu(client, member_contact)
    assert reverse("billing:invoice_list") in items and reverse("members:portal_home") in items
