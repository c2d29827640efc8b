"""Each signed-in request loads the user with their roles in one query, and reads them afresh (R12)."""

import pytest
from django.urls import reverse

from members.roles import (
    contact_organisation_ids,
    is_coordinator,
    is_member_contact,
    user_with_roles,
)
from tests.conftest import requires_postgresql
from tests.factories import first_network, make_coordinator

from .conftest import make_contact

pytestmark = pytest.mark.django_db


@requires_postgresql
def test_the_user_and_their_roles_come_in_one_query(coordinator, django_assert_num_queries):
    contact, role = make_contact()
    make_coordinator(contact)
    with django_assert_num_queries(1):
        user = user_with_roles(str(contact.pk))  # the session keeps the id as text
        assert is_coordinator(user)
        assert contact_organisation_ids(user) == {role.organisation_id}
        assert is_member_contact(user)
    with django_assert_num_queries(1):
        plain = user_with_roles(coordinator.pk)
        assert is_coordinator(plain) and not is_member_contact(plain)


def test_an_unknown_or_malformed_id_is_nobody(db):
    assert user_with_roles("999999") is None
    assert user_with_roles("not-a-number") is None


def test_a_role_taken_away_applies_on_the_next_request(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("dashboard:home")).status_code == 200
    first_network().coordinators.remove(coordinator)
    assert client.get(reverse("dashboard:home")).status_code == 403


def test_a_contact_role_given_shows_the_portal_on_the_next_request(client):
    user, role = make_contact()
    client.force_login(user)
    portal = reverse("members:organisation_home", args=[role.organisation_id])
    assert client.get(portal).status_code == 200
    role.delete()
    assert client.get(portal).status_code in (403, 404)


def test_a_deactivated_user_is_signed_out(client, coordinator):
    client.force_login(coordinator)
    coordinator.is_active = False
    coordinator.save()
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
