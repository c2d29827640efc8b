"""After login each role lands on its own start page (DESIGN.md, Pages); an explicit safe `next` wins."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from governance.models import Body, BodyKind, Meeting, Term
from tests.factories import ContactRoleFactory, MembershipFactory, PersonFactory, UserFactory, make_billing_admin

PASSWORD = "correct horse battery staple"


def steering_member(*, also_contact: bool = False):
    membership = MembershipFactory()
    person = PersonFactory(organisation=membership.organisation)
    if also_contact:
        ContactRoleFactory(organisation=membership.organisation, person=person)
    person.user = UserFactory(email=person.email)
    person.save()
    today = timezone.localdate()
    Term.objects.create(
        body=Body.objects.get(kind=BodyKind.STEERING_GROUP),
        person=person,
        organisation=membership.organisation,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    return person.user


def next_meeting(days: int = 10) -> Meeting:
    return Meeting.objects.create(
        body=Body.objects.get(kind=BodyKind.STEERING_GROUP),
        date=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=datetime.time(10, 0),
        place="KS-huset",
    )


def start(client, user, query: str = ""):
    client.force_login(user)
    return client.get(reverse("start") + query)


def test_login_redirects_to_the_start_page():
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/start/"


def test_coordinator_lands_on_the_dashboard(client, coordinator):
    assert start(client, coordinator).url == reverse("dashboard:home")


def test_billing_administrator_lands_on_billing(client, billing_admin):
    assert start(client, billing_admin).url == reverse("billing:invoice_list")


def test_contact_lands_on_their_organisations_portal(client, member_contact):
    assert start(client, member_contact).url == reverse("members:portal_home")


def test_steering_group_member_lands_on_the_next_meeting(client, db):
    user = steering_member()
    later = next_meeting(days=40)
    sooner = next_meeting(days=10)
    assert start(client, user).url == reverse("meetings:meeting_detail", args=[sooner.pk])
    assert later.pk != sooner.pk


def test_steering_group_member_without_a_next_meeting_lands_on_the_meeting_list(client, db):
    assert start(client, steering_member()).url == reverse("meetings:meeting_list")


def test_the_highest_role_wins(client, db):
    # A contact who sits in the steering group goes to the meeting, not the portal …
    user = steering_member(also_contact=True)
    meeting = next_meeting()
    assert start(client, user).url == reverse("meetings:meeting_detail", args=[meeting.pk])
    # … and becomes finance's first when they also administer billing.
    make_billing_admin(user)
    assert start(client, user).url == reverse("billing:invoice_list")


def test_a_login_without_a_role_lands_on_the_front_page(client, db):
    assert start(client, UserFactory()).url == reverse("home")


def test_an_explicit_next_is_honoured(client, coordinator):
    assert start(client, coordinator, "?next=/moter/").url == "/moter/"


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_an_unsafe_next_is_ignored(client, coordinator, unsafe):
    from urllib.parse import quote

    assert start(client, coordinator, "?next=" + quote(unsafe, safe="")).url == reverse("dashboard:home")


def test_signing_in_takes_the_coordinator_to_the_dashboard(client, coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard:home")


def test_signing_in_with_next_goes_there(client, billing_admin):
    billing_admin.set_password(PASSWORD)
    billing_admin.save()
    EmailAddress.objects.create(user=billing_admin, email=billing_admin.email, verified=True, primary=True)
    target = reverse("billing:payments_review")
    response = client.post(
        reverse("account_login") + "?next=" + target, {"login": billing_admin.email, "password": PASSWORD}
    )
    assert response.url == target
