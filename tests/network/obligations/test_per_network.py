"""Obligations per network (R6, R13): a network checks the obligations it lists; «contact» means every
required contact-role kind named, and its label reads the kinds; dues only where the network has dues;
a gathering counts in the membership's own network."""

import pytest
from django.core.exceptions import ValidationError

from activities.models import Event
from members import services
from members.models import Organisation
from network.obligations.rules import (
    _REGISTRY,
    DEFAULT_OBLIGATION_KEYS,
    Obligation,
    obligations_for,
    obligations_for_organisation,
    obligations_for_year,
    register,
)
from tests.factories import (
    AttendanceFactory,
    ContactRoleKindFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    first_network,
    oslo,
)

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def cluster():
    network = NetworkFactory(
        name="Klynge", has_dues=False, notice_months=12, admitted_kinds=["kommune", "research"],
        obligations=["decision", "contact", "dues", "gathering"],
    )
    foui = ContactRoleKindFactory(
        network=network, name="FoUI-kontakt", key="foui-kontakt", required=True, organisation_kinds=["kommune"]
    )
    ContactRoleKindFactory(network=network, name="Klyngeleder", key="klyngeleder")
    return network, foui


def _person(n):
    return {"first_name": f"Person{n}", "last_name": "Nordmann", "email": f"p{n}@kommune.no"}


def test_network_1_checks_all_four_from_the_migration():
    assert [o.key for o in obligations_for(first_network())] == list(DEFAULT_OBLIGATION_KEYS)


def test_dues_apply_only_where_the_network_has_dues(cluster):
    network, _ = cluster
    assert [o.key for o in obligations_for(network)] == ["decision", "contact", "gathering"]


def test_a_network_checks_only_the_obligations_it_lists():
    network = NetworkFactory(name="Partnerskap", obligations=["decision"])
    membership = MembershipFactory(network=network)
    result = obligations_for_organisation(membership.organisation, YEAR, network=network)
    assert [item.obligation.key for item in result.items] == ["decision"] and result.all_met


def test_contact_means_every_required_kind_named_and_the_label_reads_the_kinds(cluster):
    network, foui = cluster
    membership = MembershipFactory(network=network)
    result = obligations_for_organisation(membership.organisation, YEAR, network=network)
    contact = next(item for item in result.items if item.obligation.key == "contact")
    assert not contact.met
    assert contact.missing_text == "Ikke meldt inn: FoUI-kontakt"

    # A contact of another kind (or of another network's kind) does not count.
    services.add_contact(organisation=membership.organisation, person_data=_person(1))
    assert "contact" in obligations_for_organisation(membership.organisation, YEAR, network=network).missing_keys

    services.add_contact(organisation=membership.organisation, person_data=_person(2), kind=foui)
    result = obligations_for_organisation(membership.organisation, YEAR, network=network)
    contact = next(item for item in result.items if item.obligation.key == "contact")
    assert contact.met and contact.label == "FoUI-kontakt er meldt inn"


def test_a_required_kind_for_kommuner_asks_nothing_of_a_research_partner(cluster):
    network, _ = cluster
    university = OrganisationFactory(kind=Organisation.Kind.RESEARCH, number="", name="Universitetet")
    MembershipFactory(network=network, organisation=university)
    result = obligations_for_organisation(university, YEAR, network=network)
    assert "contact" not in result.missing_keys


def test_a_gathering_counts_in_the_memberships_own_network(cluster):
    network, _ = cluster
    membership = MembershipFactory(network=network)
    other = EventFactory(kind=Event.Kind.GATHERING, starts_at=oslo(YEAR, 3, 10))  # network 1's gathering
    AttendanceFactory(event=other, organisation=membership.organisation)
    assert "gathering" in obligations_for_organisation(membership.organisation, YEAR, network=network).missing_keys
    own = EventFactory(kind=Event.Kind.GATHERING, starts_at=oslo(YEAR, 4, 10), network=network)
    AttendanceFactory(event=own, organisation=membership.organisation)
    assert "gathering" not in obligations_for_organisation(membership.organisation, YEAR, network=network).missing_keys


def test_a_member_of_two_networks_gets_a_verdict_in_each(cluster):
    network, _ = cluster
    first = MembershipFactory()
    MembershipFactory(network=network, organisation=first.organisation)
    results = [r for r in obligations_for_year(YEAR) if r.organisation == first.organisation]
    assert {r.membership.network_id for r in results} == {first.network_id, network.pk}


def test_a_registered_obligation_is_checked_where_a_network_lists_it(cluster):
    network, _ = cluster
    network.obligations = [*network.obligations, "always_missing"]
    network.save()
    try:
        register(Obligation("always_missing", "Alltid", "Mangler alltid"))
        membership = MembershipFactory(network=network)
        result = obligations_for_organisation(membership.organisation, YEAR, network=network)
        assert "always_missing" in result.missing_keys
    finally:
        _REGISTRY.pop("always_missing", None)


def test_a_network_cannot_list_an_unknown_obligation():
    network = NetworkFactory(name="Ukjent", obligations=["decision", "no_such_thing"])
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert "no_such_thing" in str(error.value)
