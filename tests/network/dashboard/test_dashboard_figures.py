import datetime

import pytest
from django.urls import reverse

from members.models import Membership, Organisation
from network.dashboard import queries as dashboard
from tests.factories import ContactRoleFactory, MembershipFactory, OrganisationFactory

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def network(db):
    """Three active kommuner, one county in notice, one applicant, one resigned this year, one last year."""
    for _ in range(3):
        ContactRoleFactory(organisation=MembershipFactory().organisation)
    county = OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number="46")
    MembershipFactory(
        organisation=county,
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2026, 8, 31),
        notice_effective_on=datetime.date(2027, 2, 28),
        agreement_ends_on=datetime.date(2027, 1, 15),
    )
    MembershipFactory(status=Membership.Status.APPLICANT, joined_on=None, agreement_ends_on=None)
    MembershipFactory(status=Membership.Status.RESIGNED, ended_on=datetime.date(2026, 3, 1))
    MembershipFactory(status=Membership.Status.RESIGNED, ended_on=datetime.date(2025, 3, 1))
    return county


def test_member_counts_by_kind_and_status(network):
    counts = dashboard.member_counts(TODAY)
    by_kind = {row["kind"]: row["cells"] for row in counts.rows}
    assert by_kind["kommune"] == {"applicant": 1, "active": 3, "notice": 0, "resigned": 0}
    assert by_kind["fylkeskommune"] == {"applicant": 0, "active": 0, "notice": 1, "resigned": 0}
    assert counts.total_in_good_standing == 4
    assert counts.resigned_this_year == 1


def test_pending_resignations_show_the_effective_date(network):
    pending = list(dashboard.pending_resignations(TODAY))
    assert [m.organisation for m in pending] == [network]
    assert pending[0].notice_effective_on == datetime.date(2027, 2, 28)


def test_agreements_ending_within_three_months(network):
    ending = list(dashboard.agreements_ending(TODAY))
    assert [m.organisation for m in ending] == [network]  # 15.01.2027 is within three months
    assert list(dashboard.agreements_ending(datetime.date(2026, 10, 1))) == []


def test_members_in_good_standing_without_contact_are_flagged(network):
    assert list(dashboard.members_without_contact()) == [network]


def test_dashboard_page_shows_the_figures(client, coordinator, network):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "4 medlemmer i dag" in page
    assert network.name in page
    assert "28.02.2027" in page


def test_recent_changes_list_who_changed_what(network, coordinator):
    from members.services import set_primary_contact

    role = network.contact_roles.create(person=ContactRoleFactory().person, is_primary=False)
    set_primary_contact(role=role, by=coordinator)
    changes = dashboard.recent_changes()
    assert changes[0].who == coordinator.email
    assert changes[0].object == network.name
