"""Contact persons in the portal (R2): add, edit, remove; the last one stays; one primary."""

import pytest
from django.urls import reverse

from members.models import ContactRole
from tests.factories import ContactRoleFactory

pytestmark = pytest.mark.django_db

NEW = {
    "first_name": "Siri",
    "last_name": "Kollega",
    "title": "Klimarådgiver",
    "email": "siri@kommune.no",
    "phone": "+47 900 00 000",
    "gender": "woman",
    "preferred_language": "nb",
}


def primaries(organisation):
    return list(ContactRole.objects.filter(organisation=organisation, is_primary=True))


def test_the_last_contact_cannot_be_removed_in_the_portal(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(reverse("members:contact_remove", args=[role.organisation_id, role.pk]))
    assert response.status_code == 200
    assert "siste kontaktpersonen" in response.content.decode()
    assert ContactRole.objects.filter(pk=role.pk).exists()


def test_removing_the_primary_contact_hands_primary_to_another(client, contact_a):
    user, role = contact_a
    other = ContactRoleFactory(organisation=role.organisation, is_primary=False)
    client.force_login(user)
    response = client.post(reverse("members:contact_remove", args=[role.organisation_id, role.pk]))
    assert response.status_code == 302
    assert primaries(role.organisation) == [other]
    assert role.person.__class__.objects.filter(pk=role.person_id).exists()  # the person stays


def test_making_a_contact_primary_leaves_exactly_one_primary(client, contact_a):
    user, role = contact_a
    other = ContactRoleFactory(organisation=role.organisation, is_primary=False)
    client.force_login(user)
    response = client.post(reverse("members:contact_make_primary", args=[role.organisation_id, other.pk]))
    assert response.status_code == 302
    assert primaries(role.organisation) == [other]


def test_adding_a_contact_as_primary_leaves_exactly_one_primary(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(reverse("members:contact_add", args=[role.organisation_id]), {**NEW, "make_primary": "on"})
    assert response.status_code == 302
    (primary,) = primaries(role.organisation)
    assert primary.person.email == "siri@kommune.no"


def test_a_contact_needs_title_email_and_phone(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(
        reverse("members:contact_add", args=[role.organisation_id]), {**NEW, "phone": "", "email": "ikke-epost"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        'aria-describedby="id_phone_helptext id_phone_error"' in content
        and 'aria-describedby="id_email_error"' in content
    )
    assert ContactRole.objects.filter(organisation=role.organisation).count() == 1


def test_editing_a_contact_keeps_history_of_who_changed_what(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(
        reverse("members:contact_edit", args=[role.organisation_id, role.pk]),
        {**NEW, "email": role.person.email, "title": "Kommunalsjef"},
    )
    assert response.status_code == 302
    role.person.refresh_from_db()
    assert role.person.title == "Kommunalsjef"
    latest = role.person.history.latest()
    assert latest.history_user == user and latest.title == "Kommunalsjef"
