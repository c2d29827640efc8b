import pytest

from tests.factories import ContactRoleFactory, MembershipFactory, UserFactory


def make_contact(*, email=None, membership=None, **membership_kwargs):
    """A user who is the (primary) contact person of a member organisation."""
    membership = membership or MembershipFactory(**membership_kwargs)
    role = ContactRoleFactory(organisation=membership.organisation)
    user = UserFactory(email=email or role.person.email)
    role.person.user = user
    role.person.save()
    return user, role


@pytest.fixture
def contact_a(db):
    return make_contact(email="kontakt.a@kommune-a.no")


@pytest.fixture
def contact_b(db):
    return make_contact(email="kontakt.b@kommune-b.no")
