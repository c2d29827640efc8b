"""Object-level access (R12): a contact of B never reads or changes A's data — by URL
guessing, form tampering or ids in POST bodies. Every portal URL is tried."""

import datetime

import pytest
from django.urls import reverse

from members.models import ContactRole, Membership, Person
from tests.factories import ContactRoleFactory

pytestmark = pytest.mark.django_db


def portal_urls(org_pk, role_pk):
    return [
        reverse("members:organisation_home", args=[org_pk]),
        reverse("members:contact_add", args=[org_pk]),
        reverse("members:contact_edit", args=[org_pk, role_pk]),
        reverse("members:contact_remove", args=[org_pk, role_pk]),
        reverse("members:contact_make_primary", args=[org_pk, role_pk]),
        reverse("members:contact_invite", args=[org_pk, role_pk]),
        reverse("members:resign", args=[org_pk]),
        reverse("members:notice_letter", args=[org_pk]),
        reverse("members:register_letter_notice", args=[org_pk]),
        reverse("members:withdraw_notice", args=[org_pk]),
        reverse("members:activate", args=[org_pk]),
        reverse("members:renew", args=[org_pk]),
    ]


def test_every_portal_url_of_another_organisation_answers_404_or_403(client, contact_a, contact_b):
    _user_a, role_a = contact_a
    user_b, _role_b = contact_b
    org_a = role_a.organisation
    membership = org_a.memberships.get()
    membership.status = Membership.Status.NOTICE
    membership.notice_given_on = datetime.date(2026, 1, 5)
    membership.notice_effective_on = datetime.date(2026, 7, 5)
    membership.save()
    ContactRoleFactory(organisation=org_a, is_primary=False)
    before = (
        list(ContactRole.objects.filter(organisation=org_a).values()),
        list(Person.objects.filter(organisation=org_a).values()),
        list(Membership.objects.filter(organisation=org_a).values()),
    )
    client.force_login(user_b)
    body = {
        "first_name": "Inntrenger",
        "last_name": "B",
        "title": "X",
        "email": "x@b.no",
        "phone": "1",
        "gender": "unknown",
        "preferred_language": "nb",
        "signed_by_name": "B",
        "signed_by_title": "B",
        "accept_terms": "on",
        "authorised": "on",
        "confirm": "yes",
        "received_on": "2026-01-01",
    }
    for url in portal_urls(org_a.pk, role_a.pk):
        for response in (client.get(url), client.post(url, body)):
            assert response.status_code in (403, 404, 405), url
            assert org_a.name.encode() not in response.content, url
            assert role_a.person.email.encode() not in response.content, url
    after = (
        list(ContactRole.objects.filter(organisation=org_a).values()),
        list(Person.objects.filter(organisation=org_a).values()),
        list(Membership.objects.filter(organisation=org_a).values()),
    )
    assert after == before


def test_a_contact_role_of_another_organisation_is_not_found_under_ones_own(client, contact_a, contact_b):
    _user_a, role_a = contact_a
    user_b, role_b = contact_b
    client.force_login(user_b)
    org_b = role_b.organisation
    for name in ("contact_edit", "contact_remove", "contact_make_primary", "contact_invite"):
        url = reverse(f"members:{name}", args=[org_b.pk, role_a.pk])
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"first_name": "X"}).status_code == 404
    role_a.refresh_from_db()
    assert role_a.is_primary and role_a.person.first_name != "X"


def test_an_organisation_id_in_the_post_body_is_ignored(client, contact_a, contact_b):
    _user_a, role_a = contact_a
    user_b, role_b = contact_b
    client.force_login(user_b)
    org_b = role_b.organisation
    response = client.post(
        reverse("members:contact_add", args=[org_b.pk]),
        {
            "first_name": "Ny",
            "last_name": "Kollega",
            "title": "Rådgiver",
            "email": "ny@b.no",
            "phone": "22 12 34 56",
            "gender": "woman",
            "preferred_language": "nb",
            "organisation": role_a.organisation_id,
            "person": role_a.person_id,
            "user": user_b.pk,
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="ny@b.no")
    assert person.organisation == org_b
    assert person.user is None
    assert not ContactRole.objects.filter(organisation=role_a.organisation, person=person).exists()
    response = client.post(
        reverse("members:contact_edit", args=[org_b.pk, role_b.pk]),
        {
            "first_name": "Endret",
            "last_name": "B",
            "title": "Leder",
            "email": role_b.person.email,
            "phone": "99 88 77 66",
            "gender": "man",
            "preferred_language": "nb",
            "organisation": role_a.organisation_id,
        },
    )
    assert response.status_code == 302
    role_b.person.refresh_from_db()
    assert role_b.person.organisation == org_b
    assert role_b.person.first_name == "Endret"


def test_anonymous_visitors_are_sent_to_login(client, contact_a):
    _user, role = contact_a
    for url in [
        reverse("members:portal_home"),
        reverse("members:my_data"),
        *portal_urls(role.organisation_id, role.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url


def test_coordinator_only_pages_refuse_the_members_own_contact(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    for name in ("register_letter_notice", "withdraw_notice", "activate", "renew"):
        url = reverse(f"members:{name}", args=[role.organisation_id])
        assert client.get(url).status_code == 403
        assert client.post(url, {"received_on": "2026-01-01"}).status_code == 403
    assert role.organisation.memberships.get().status == Membership.Status.ACTIVE
    assert client.get(reverse("members:lifecycle_overview")).status_code == 403


def test_my_data_holds_only_the_signed_in_persons_data(client, contact_a, contact_b):
    user_a, role_a = contact_a
    _user_b, role_b = contact_b
    client.force_login(user_a)
    response = client.get(reverse("members:my_data"))
    assert response.status_code == 200
    data = response.json()
    assert data["person"]["email"] == role_a.person.email
    assert role_b.person.email not in response.content.decode()
    assert [r["organisation"] for r in data["contact_roles"]] == [role_a.organisation.name]
