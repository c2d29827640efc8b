import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import ContactRole
from members.services import add_contact, remove_contact, set_primary_contact
from tests.factories import ContactRoleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _person(n):
    return {"first_name": f"Kari{n}", "last_name": "Nordmann", "email": f"kari{n}@kommune.no"}


def test_the_first_contact_becomes_the_primary_contact():
    organisation = OrganisationFactory()
    role = add_contact(organisation=organisation, person_data=_person(1))
    assert role.is_primary


def test_later_contacts_are_not_primary_unless_asked():
    organisation = OrganisationFactory()
    first = add_contact(organisation=organisation, person_data=_person(1))
    second = add_contact(organisation=organisation, person_data=_person(2))
    third = add_contact(organisation=organisation, person_data=_person(3), make_primary=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_primary, second.is_primary, third.is_primary) == (False, False, True)


def test_setting_a_primary_contact_leaves_exactly_one():
    organisation = OrganisationFactory()
    roles = [add_contact(organisation=organisation, person_data=_person(n)) for n in range(3)]
    set_primary_contact(role=roles[2])
    assert list(ContactRole.objects.filter(organisation=organisation, is_primary=True)) == [roles[2]]


def test_the_database_refuses_a_second_primary_contact():
    role = ContactRoleFactory(is_primary=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactRoleFactory(organisation=role.organisation, is_primary=True)


def test_the_last_contact_cannot_be_removed():
    organisation = OrganisationFactory()
    role = add_contact(organisation=organisation, person_data=_person(1))
    with pytest.raises(ValidationError, match="siste kontaktpersonen"):
        remove_contact(role=role)
    assert ContactRole.objects.filter(pk=role.pk).exists()


def test_removing_the_primary_contact_hands_the_role_to_another():
    organisation = OrganisationFactory()
    primary = add_contact(organisation=organisation, person_data=_person(1))
    other = add_contact(organisation=organisation, person_data=_person(2))
    remove_contact(role=primary)
    other.refresh_from_db()
    assert other.is_primary
    assert ContactRole.objects.filter(organisation=organisation).count() == 1


def test_invalid_contact_email_is_refused_and_nothing_is_stored():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        add_contact(organisation=organisation, person_data={**_person(1), "email": "not-an-email"})
    assert "email" in error.value.message_dict
    assert not ContactRole.objects.filter(organisation=organisation).exists()
    assert not organisation.people.exists()
