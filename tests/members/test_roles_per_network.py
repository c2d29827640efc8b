"""Contact-role kinds and membership roles per network (R2, R13): who may hold which role, and a role
nobody can hold refused with a clear message."""

import pytest
from django.core.exceptions import ValidationError

from members import services
from members.models import ContactRoleKind, Organisation
from members.roles import contact_organisation_ids
from tests.factories import (
    ContactRoleKindFactory,
    MembershipFactory,
    MembershipRoleKindFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    first_network,
)

pytestmark = pytest.mark.django_db


def _person(n, email=None):
    return {"first_name": f"Person{n}", "last_name": "Nordmann", "email": email or f"p{n}@kommune.no"}


@pytest.fixture
def cluster():
    network = NetworkFactory(name="Klynge", has_dues=False, admitted_kinds=["kommune", "research"])
    motor = MembershipRoleKindFactory(network=network, name="Motorkommune", one_per_network=True)
    leader = ContactRoleKindFactory(
        network=network, name="Klyngeleder", key="klyngeleder", held_by_role=motor, one_per_organisation=True
    )
    foui = ContactRoleKindFactory(network=network, name="FoUI-kontakt", key="foui-kontakt", required=True)
    return network, motor, leader, foui


def test_every_network_has_its_kontaktperson_and_a_new_contact_is_one():
    kind = ContactRoleKind.objects.get(network=first_network(), key="kontaktperson")
    assert kind.required
    role = services.add_contact(organisation=MembershipFactory().organisation, person_data=_person(1))
    assert (role.kind, role.network) == (kind, first_network())


def test_a_role_of_another_network_is_refused_on_a_membership(cluster):
    _network, motor, _leader, _foui = cluster
    membership = MembershipFactory()  # network 1
    with pytest.raises(ValidationError) as error:
        services.set_membership_role(membership=membership, role=motor)
    assert "hører til et annet nettverk" in str(error.value)
    membership.refresh_from_db()
    assert membership.role is None


def test_one_motorkommune_per_cluster_and_its_history(cluster, coordinator):
    network, motor, _leader, _foui = cluster
    first = MembershipFactory(network=network)
    services.set_membership_role(membership=first, role=motor, by=coordinator)
    assert first.history.latest().history_user == coordinator and first.history.latest().role_id == motor.pk
    second = MembershipFactory(network=network)
    with pytest.raises(ValidationError) as error:
        services.set_membership_role(membership=second, role=motor)
    assert f"{first.organisation.name} har allerede rollen «Motorkommune»" in str(error.value)
    services.set_membership_role(membership=first, role=None)
    services.set_membership_role(membership=second, role=motor)


def test_only_the_motorkommune_names_a_klyngeleder_and_only_one(cluster):
    network, motor, leader, _foui = cluster
    member = MembershipFactory(network=network)
    with pytest.raises(ValidationError) as error:
        services.add_contact(organisation=member.organisation, person_data=_person(1), kind=leader)
    assert "bare meldes inn av medlemmet med rollen «Motorkommune»" in str(error.value)
    services.set_membership_role(membership=member, role=motor)
    services.add_contact(organisation=member.organisation, person_data=_person(2), kind=leader)
    with pytest.raises(ValidationError):
        services.add_contact(organisation=member.organisation, person_data=_person(3), kind=leader)


def test_a_required_kind_only_one_member_can_hold_is_refused(cluster):
    network, motor, _leader, _foui = cluster
    kind = ContactRoleKind(network=network, name="Leder", key="leder", required=True, held_by_role=motor)
    with pytest.raises(ValidationError) as error:
        kind.full_clean()
    assert "kan derfor ikke kreves av alle medlemmer" in str(error.value)


def test_a_required_kind_for_parties_the_network_does_not_admit_is_refused():
    network = NetworkFactory(name="Bare kommuner", admitted_kinds=["kommune"])
    kind = ContactRoleKind(
        network=network, name="Forskningskontakt", key="forskning", required=True, organisation_kinds=["research"]
    )
    with pytest.raises(ValidationError) as error:
        kind.full_clean()
    assert "tar ikke opp parter som kan ha «Forskningskontakt»" in str(error.value)


def test_the_last_holder_of_a_required_kind_cannot_be_removed(cluster):
    network, _motor, _leader, foui = cluster
    member = MembershipFactory(network=network)
    services.add_contact(organisation=member.organisation, person_data=_person(1))
    role = services.add_contact(organisation=member.organisation, person_data=_person(2), kind=foui)
    with pytest.raises(ValidationError) as error:
        services.remove_contact(role=role)
    assert "må ha minst én «FoUI-kontakt»" in str(error.value)


def test_a_kind_for_kommuner_is_refused_for_a_research_partner(cluster):
    network, _motor, _leader, _foui = cluster
    kind = ContactRoleKindFactory(network=network, name="Kommunekontakt", organisation_kinds=["kommune"])
    university = OrganisationFactory(kind=Organisation.Kind.RESEARCH, number="")
    with pytest.raises(ValidationError):
        services.add_contact(organisation=university, person_data=_person(1), kind=kind)


def test_one_person_holds_roles_for_several_organisations_and_networks(cluster):
    network, _motor, _leader, foui = cluster
    asker = MembershipFactory()
    MembershipFactory(network=network, organisation=asker.organisation)
    other = MembershipFactory(network=network)
    role = services.add_contact(organisation=asker.organisation, person_data=_person(1, "kari@asker.no"))
    person = role.person
    services.add_role_to_person(person=person, organisation=asker.organisation, kind=foui)
    services.add_role_to_person(person=person, organisation=other.organisation, kind=foui)
    with pytest.raises(ValidationError):
        services.add_role_to_person(person=person, organisation=other.organisation, kind=foui)
    person.user = UserFactory(email="kari@asker.no")
    person.save()
    # The contact sees each organisation once, whatever its roles (members.roles stays org ids).
    assert contact_organisation_ids(person.user) == {asker.organisation_id, other.organisation_id}
