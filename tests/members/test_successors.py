"""Organisations that end and their successors (issue 22): the register import marks what ended
in 2024 and links who took over; the coordinator ends the membership or carries it over."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Membership, Organisation, Succession
from members.municipalities import import_municipalities
from members.services import carry_over_membership, end_membership_of_ended_organisation, link_successor
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

END_OF_2023 = datetime.date(2023, 12, 31)


def county(number, name, **kwargs) -> Organisation:
    return OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number=number, name=name, **kwargs)


def successor_numbers(organisation) -> set[str]:
    return set(organisation.successors.values_list("number", flat=True))


def test_the_import_marks_the_2024_counties_ended_with_their_successors():
    report = import_municipalities()

    viken = Organisation.objects.get(kind="fylkeskommune", number="30")
    assert (viken.name, viken.ended_on, viken.org_number) == ("Viken", END_OF_2023, "")
    assert successor_numbers(viken) == {"31", "32", "33"}  # Østfold, Akershus, Buskerud
    assert successor_numbers(Organisation.objects.get(kind="fylkeskommune", number="38")) == {"39", "40"}
    assert successor_numbers(Organisation.objects.get(kind="fylkeskommune", number="54")) == {"55", "56"}
    assert (report.ended_created, report.successors_linked) == (3, 7)
    # Who made the links, and from what: kept with each link and in its history.
    link = Succession.objects.get(predecessor=viken, successor__number="32")
    assert "organisasjonsendringer_2024.csv" in link.source
    assert link.history.get().history_type == "+"
    assert viken.history.get().history_change_reason.startswith("import_municipalities")
    # The successors themselves go on; today's 14 fylkeskommuner are still the ones that exist.
    assert Organisation.objects.filter(kind="fylkeskommune", ended_on__isnull=True).count() == 14
    assert set(Organisation.objects.get(number="32", kind="fylkeskommune").predecessors.all()) == {viken}


def test_running_the_import_twice_changes_nothing_about_ends_and_successors():
    import_municipalities()
    organisations = list(Organisation.objects.order_by("pk").values())
    links = list(Succession.objects.order_by("pk").values())
    history = (Organisation.history.count(), Succession.history.count())

    report = import_municipalities()

    assert (report.ended_created, report.ended_marked, report.successors_linked) == (0, 0, 0)
    assert list(Organisation.objects.order_by("pk").values()) == organisations
    assert list(Succession.objects.order_by("pk").values()) == links
    assert (Organisation.history.count(), Succession.history.count()) == history


def test_the_import_marks_an_existing_county_ended_and_keeps_a_corrected_end_date():
    viken = county("30", "Viken", org_number="921693230")  # already in the register, a member
    telemark_before = county("38", "Vestfold og Telemark", ended_on=datetime.date(2023, 12, 30))
    report = import_municipalities()
    viken.refresh_from_db()
    telemark_before.refresh_from_db()
    assert (viken.ended_on, viken.org_number) == (END_OF_2023, "921693230")
    assert telemark_before.ended_on == datetime.date(2023, 12, 30)  # the coordinator's date stays
    assert (report.ended_created, report.ended_marked) == (1, 1)


# --- the membership of an organisation that ended ---


@pytest.fixture
def viken_member():
    akershus, buskerud = county("32", "Akershus"), county("33", "Buskerud")
    viken = county("30", "Viken", ended_on=END_OF_2023)
    link_successor(predecessor=viken, successor=akershus, source="test")
    link_successor(predecessor=viken, successor=buskerud, source="test")
    membership = MembershipFactory(
        organisation=viken, joined_on=datetime.date(2021, 3, 1), agreement_signed_on=datetime.date(2021, 3, 1),
        agreement_ends_on=datetime.date(2024, 3, 1),
    )
    return membership, akershus, buskerud


def test_carry_over_makes_a_membership_of_the_successor_and_ends_the_old_one_with_history(viken_member):
    membership, akershus, _buskerud = viken_member
    coordinator = UserFactory(email="koordinator@example.no")

    carried = carry_over_membership(membership=membership, successor=akershus, by=coordinator)

    membership.refresh_from_db()
    assert (membership.status, membership.ended_on, membership.end_reason) == (
        Membership.Status.RESIGNED, END_OF_2023, Membership.EndReason.CARRIED_OVER,
    )
    assert (carried.organisation, carried.network, carried.status) == (
        akershus, membership.network, Membership.Status.ACTIVE,
    )
    assert carried.joined_on == datetime.date(2024, 1, 1)
    assert carried.carried_over_from == membership
    assert (carried.agreement_signed_on, carried.agreement_ends_on) == (
        datetime.date(2021, 3, 1), datetime.date(2024, 3, 1),
    )
    old_change = membership.history.first()
    new_change = carried.history.get()
    assert (old_change.history_user, old_change.history_change_reason) == (coordinator, "Overført til Akershus")
    assert old_change.prev_record.status == Membership.Status.ACTIVE
    assert (new_change.history_user, new_change.history_change_reason) == (coordinator, "Overført fra Viken")


def test_carry_over_only_to_a_registered_successor_and_never_twice(viken_member):
    membership, akershus, buskerud = viken_member
    stranger = county("46", "Vestland")
    with pytest.raises(ValidationError, match="ikke registrert som etterfølger"):
        carry_over_membership(membership=membership, successor=stranger)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert not stranger.memberships.exists()

    MembershipFactory(organisation=akershus, network=membership.network)
    with pytest.raises(ValidationError, match="allerede"):
        carry_over_membership(membership=membership, successor=akershus)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE

    carry_over_membership(membership=membership, successor=buskerud)
    with pytest.raises(ValidationError):
        carry_over_membership(membership=membership, successor=buskerud)


def test_carry_over_refuses_a_successor_the_network_does_not_admit():
    network = NetworkFactory(admitted_kinds=["council"])
    council = OrganisationFactory(kind=Organisation.Kind.COUNCIL, number="", ended_on=END_OF_2023)
    ministry = OrganisationFactory(kind=Organisation.Kind.STATE_BODY, number="")
    link_successor(predecessor=council, successor=ministry)
    membership = MembershipFactory(organisation=council, network=network)
    with pytest.raises(ValidationError, match="tar ikke opp"):
        carry_over_membership(membership=membership, successor=ministry)
    assert not ministry.memberships.exists()


def test_the_coordinator_can_end_the_membership_instead(viken_member):
    membership, _akershus, _buskerud = viken_member
    end_membership_of_ended_organisation(membership=membership)
    membership.refresh_from_db()
    assert (membership.status, membership.ended_on, membership.end_reason) == (
        Membership.Status.RESIGNED, END_OF_2023, Membership.EndReason.ORGANISATION_ENDED,
    )
    assert membership.history.first().history_change_reason == "Organisasjonen er avviklet"


def test_a_membership_of_an_organisation_that_exists_is_neither_carried_over_nor_ended_this_way():
    membership = MembershipFactory()
    with pytest.raises(ValidationError, match="ikke avviklet"):
        end_membership_of_ended_organisation(membership=membership)
    with pytest.raises(ValidationError, match="ikke avviklet"):
        carry_over_membership(membership=membership, successor=OrganisationFactory())


def test_an_organisation_cannot_succeed_itself():
    organisation = county("30", "Viken", ended_on=END_OF_2023)
    with pytest.raises(ValidationError):
        link_successor(predecessor=organisation, successor=organisation)


# --- the pages ---


def test_the_member_list_and_page_show_the_organisation_as_ended(client, coordinator, viken_member):
    membership, akershus, _buskerud = viken_member
    client.force_login(coordinator)
    listing = client.get(reverse("dashboard:member_list")).content.decode()
    assert "Viken" in listing and "Avviklet" in listing
    page = client.get(reverse("dashboard:member_detail", args=[membership.organisation_id])).content.decode()
    assert "Organisasjonen er avviklet (fantes til og med 31.12.2023)." in page
    assert reverse("members:ended_organisation", args=[membership.organisation_id]) in page
    assert "Akershus" in page
    portal = client.get(reverse("members:organisation_home", args=[membership.organisation_id])).content.decode()
    assert "Organisasjonen er avviklet" in portal


def test_the_coordinator_carries_the_membership_over_from_the_page(client, coordinator, viken_member):
    membership, akershus, _buskerud = viken_member
    url = reverse("members:ended_organisation", args=[membership.organisation_id])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Overfør medlemskapet til Akershus" in page
    response = client.post(url, {"successor": akershus.pk})
    assert response.status_code == 302
    assert akershus.memberships.get().carried_over_from == membership
    # A successor that is not Viken's is never taken from the form.
    assert client.post(url, {"successor": county("46", "Vestland").pk}).status_code == 404


def test_a_contact_person_cannot_carry_over(client, viken_member):
    from tests.members.conftest import make_contact

    membership, akershus, _buskerud = viken_member
    user, _role = make_contact(membership=membership)
    client.force_login(user)
    url = reverse("members:ended_organisation", args=[membership.organisation_id])
    assert client.post(url, {"successor": akershus.pk}).status_code == 403
    assert not akershus.memberships.exists()
