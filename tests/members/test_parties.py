"""Parties of more kinds (issue 22): councils, state bodies, the sector's interest organisation,
research actors; which kinds a network admits; and no dues from an organisation that has ended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from members.models import Membership, Organisation
from members.networks import using_network
from members.queries import memberships_owing_dues
from members.services import activate_membership, apply_for_membership
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory
from tests.i18n.pending import english  # noqa: F401 (a fixture)
from tests.members.conftest import make_contact

pytestmark = pytest.mark.django_db

OTHER_KINDS = [
    Organisation.Kind.COUNCIL,
    Organisation.Kind.STATE_BODY,
    Organisation.Kind.INTEREST_ORGANISATION,
    Organisation.Kind.RESEARCH,
]


def party(kind, **kwargs) -> Organisation:
    return OrganisationFactory(kind=kind, number="", **kwargs)


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_the_other_kinds_have_no_kommune_or_fylkesnummer(kind):
    ministry = OrganisationFactory.build(kind=kind, number="", name="Et departement")
    ministry.full_clean()  # no number: fine

    ministry.number = "03"
    with pytest.raises(ValidationError) as error:
        ministry.full_clean()
    assert "number" in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=kind, number="0301")


def test_a_kommune_still_needs_four_digits_and_a_fylkeskommune_two():
    kommune = OrganisationFactory.build(kind=Organisation.Kind.KOMMUNE, number="", org_number="")
    with pytest.raises(ValidationError) as error:
        kommune.full_clean()
    assert "number" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.KOMMUNE, number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.KOMMUNE, number="46")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number="4601")


def test_many_parties_without_a_number_and_kommune_numbers_stay_unique():
    party(Organisation.Kind.STATE_BODY, name="Kommunal- og distriktsdepartementet")
    party(Organisation.Kind.STATE_BODY, name="Digitaliseringsdirektoratet")
    assert Organisation.objects.filter(kind=Organisation.Kind.STATE_BODY, number="").count() == 2
    OrganisationFactory(kind=Organisation.Kind.KOMMUNE, number="3201")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.KOMMUNE, number="3201")


def test_the_organisation_number_of_every_kind_is_mod11_checked():
    research = OrganisationFactory.build(kind=Organisation.Kind.RESEARCH, number="", org_number="971035855")
    with pytest.raises(ValidationError) as error:
        research.full_clean()
    assert "org_number" in error.value.message_dict
    research.org_number = "971035854"
    research.full_clean()


def test_a_network_refuses_a_kind_it_does_not_admit_and_stores_nothing():
    network = NetworkFactory(name="Kommunenettverket", admitted_kinds=["kommune", "fylkeskommune"])
    ministry = party(Organisation.Kind.STATE_BODY, name="Et departement")
    with translation.override("nb"):
        with pytest.raises(ValidationError) as error:
            apply_for_membership(organisation=ministry, applied_on=datetime.date(2026, 3, 1), network=network)
        assert error.value.messages == ["Kommunenettverket tar ikke opp parter av typen «Statlig organ»."]
        with pytest.raises(ValidationError):
            activate_membership(
                organisation=ministry, joined_on=datetime.date(2026, 3, 1), political_decision_on=None, network=network
            )
    assert not Membership.objects.filter(organisation=ministry).exists()

    kommune = OrganisationFactory()
    assert apply_for_membership(organisation=kommune, applied_on=datetime.date(2026, 3, 1), network=network).pk


@pytest.mark.usefixtures("english")
def test_the_refusal_reads_in_english():
    network = NetworkFactory(name="The cluster", admitted_kinds=["kommune"])
    council = party(Organisation.Kind.COUNCIL)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        apply_for_membership(organisation=council, applied_on=datetime.date(2026, 3, 1), network=network)
    assert error.value.messages == ["The cluster does not admit parties of the kind “Inter-municipal political council”."]


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_a_network_that_lists_no_kinds_admits_every_kind(kind):
    network = NetworkFactory(admitted_kinds=[])
    organisation = party(kind)
    membership = activate_membership(
        organisation=organisation, joined_on=datetime.date(2026, 3, 1), political_decision_on=None, network=network
    )
    assert (membership.status, membership.network) == (Membership.Status.ACTIVE, network)


def test_an_organisation_that_has_ended_cannot_join():
    network = NetworkFactory(admitted_kinds=[])
    viken = OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number="30", ended_on=datetime.date(2023, 12, 31))
    with pytest.raises(ValidationError, match="avviklet"):
        apply_for_membership(organisation=viken, applied_on=datetime.date(2026, 3, 1), network=network)
    assert not viken.memberships.exists()


def test_a_research_actor_uses_the_portal_as_a_kommune_does(client):
    network = NetworkFactory(admitted_kinds=[])
    university = party(Organisation.Kind.RESEARCH, name="Universitetet i Agder", org_number="970546200")
    user, _role = make_contact(membership=MembershipFactory(organisation=university, network=network))
    client.force_login(user)
    with using_network(network):
        response = client.get(reverse("members:portal_home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Universitetet i Agder" in content
    assert "Forsknings- og kompetanseaktør</dd>" in content  # no empty number after the kind


# --- no dues from an organisation that no longer exists ---


def _member_that_ends(ended_on):
    viken = OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number="30", ended_on=ended_on)
    return MembershipFactory(organisation=viken, joined_on=datetime.date(2021, 1, 1))


def test_an_organisation_that_ended_before_the_new_year_owes_nothing_that_year():
    membership = _member_that_ends(datetime.date(2023, 12, 31))
    assert membership in memberships_owing_dues(2023)
    assert membership not in memberships_owing_dues(2024)
    assert membership not in memberships_owing_dues(2026)


def test_an_organisation_that_ended_on_1_january_owes_nothing_that_year():
    membership = _member_that_ends(datetime.date(2024, 1, 1))
    assert membership not in memberships_owing_dues(2024)


def test_an_organisation_that_ends_during_the_year_owes_that_year_only():
    membership = _member_that_ends(datetime.date(2024, 6, 30))
    assert membership in memberships_owing_dues(2024)
    assert membership not in memberships_owing_dues(2025)
