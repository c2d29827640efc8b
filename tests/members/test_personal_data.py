"""Personal data (R12): a contact exports their own data; the coordinator anonymises a person
without breaking the rows that point at them or the history of who changed what."""

import pytest
from django.core.exceptions import ValidationError

from members.models import ContactRole, Person
from members.services import anonymise_person, personal_data, update_contact
from tests.factories import ContactRoleFactory

from .conftest import make_contact

pytestmark = pytest.mark.django_db


def test_personal_data_holds_the_person_their_roles_and_account():
    user, role = make_contact(email="eksport@kommune.no")
    data = personal_data(user=user)
    assert data["account"]["email"] == "eksport@kommune.no"
    assert data["person"]["first_name"] == role.person.first_name
    assert data["contact_roles"] == [
        {"organisation": role.organisation.name, "primary": True, "since": role.created_at.isoformat()}
    ]


def test_anonymising_replaces_name_email_phone_and_keeps_the_row(coordinator):
    user, role = make_contact(email="glem.meg@kommune.no")
    ContactRoleFactory(organisation=role.organisation, is_primary=False)
    person = role.person
    update_contact(role=role, person_data={"title": "Seniorrådgiver"}, by=user)
    anonymise_person(person=person, by=coordinator)
    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert (person.email, person.phone, person.title) == ("", "", "")
    assert "Anonymisert" in person.full_name
    assert Person.objects.filter(pk=person.pk).exists()
    assert not ContactRole.objects.filter(person=person).exists()
    user.refresh_from_db()
    assert not user.is_active and "glem.meg" not in user.email
    # history keeps who and when, not the data
    versions = list(person.history.all())
    assert len(versions) >= 3
    assert {v.email for v in versions} == {""}
    assert any(v.history_user == user for v in versions)


def test_the_only_contact_cannot_be_anonymised_before_a_new_one_is_named(coordinator):
    _user, role = make_contact()
    with pytest.raises(ValidationError, match="eneste kontaktperson"):
        anonymise_person(person=role.person, by=coordinator)
    role.person.refresh_from_db()
    assert role.person.anonymised_at is None


def test_anonymising_twice_changes_nothing_more(coordinator):
    role = ContactRoleFactory()
    ContactRoleFactory(organisation=role.organisation, is_primary=False)
    anonymise_person(person=role.person, by=coordinator)
    count = role.person.history.count()
    anonymise_person(person=role.person, by=coordinator)
    assert role.person.history.count() == count
