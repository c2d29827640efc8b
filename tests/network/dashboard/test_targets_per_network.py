"""The dashboard shows the network's own targets (issue 22): the steering group's meetings, physical
gatherings, the monthly digital member meetings and the Bærekraftsfredager, each from the network's
data, and counts only that network's events."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import ActivityTargets, Event
from governance.models import BodyKind, BodyKindSettings
from network.dashboard import sections
from tests.factories import BaerekraftsfredagFactory, EventFactory
from tests.factories.members import NetworkFactory, first_network

pytestmark = pytest.mark.django_db

NOW = timezone.now()
YEAR = timezone.localdate().year


@pytest.fixture
def cluster():
    return NetworkFactory(name="Kommuneklynge Vest", slug="klynge-vest")


def _member_meeting(network, starts_at):
    return EventFactory(network=network, kind=Event.Kind.MEMBER_MEETING, title="Medlemsmøte", starts_at=starts_at)


def _first_targets(**values):
    targets = ActivityTargets.for_network(first_network())
    for name, value in values.items():
        setattr(targets, name, value)
    targets.save()
    return targets


def test_member_meetings_against_the_networks_target(cluster):
    _first_targets(member_meetings_per_year=11)
    ActivityTargets.objects.create(network=cluster, member_meetings_per_year=4)
    january = datetime.datetime(YEAR, 1, 1, 0, 30, tzinfo=datetime.UTC)
    new_years_eve = datetime.datetime(YEAR, 12, 31, 20, 0, tzinfo=datetime.UTC)  # 21:00 in Oslo
    _member_meeting(first_network(), january)
    _member_meeting(first_network(), new_years_eve)
    _member_meeting(cluster, january)
    EventFactory(network=first_network(), kind=Event.Kind.MEMBER_MEETING, starts_at=january, cancelled_at=NOW)

    ours = sections.activities_section(timezone.localdate())["targets"]["member_meetings_per_year"]
    assert (ours.target, ours.planned) == (11, 2)
    assert ours.held == sum(1 for start in (january, new_years_eve) if start < timezone.now())
    assert datetime.date(YEAR, 1, 1) not in ours.months_without

    theirs = sections.activities_section(timezone.localdate(), cluster)["targets"]["member_meetings_per_year"]
    assert (theirs.target, theirs.planned) == (4, 1)


def test_months_without_a_member_meeting_are_listed_up_to_today(cluster):
    ActivityTargets.objects.create(network=cluster, member_meetings_per_year=11)
    _member_meeting(cluster, datetime.datetime(YEAR, 1, 10, 12, 0, tzinfo=datetime.UTC))
    progress = sections.activities_section(timezone.localdate(), cluster)["targets"]["member_meetings_per_year"]
    expected = [
        datetime.date(YEAR, month, 1)
        for month in range(2, timezone.localdate().month + 1)
        if month != 7  # the summer holiday
    ]
    assert progress.months_without == expected


def test_gathering_and_fredag_targets_are_the_networks(cluster):
    _first_targets(physical_gatherings_per_year=3, baerekraftsfredager_per_year=6)
    ActivityTargets.objects.create(network=cluster, physical_gatherings_per_year=1, baerekraftsfredager_per_year=0)
    EventFactory(network=cluster, starts_at=datetime.datetime(YEAR, 5, 6, 8, tzinfo=datetime.UTC))
    BaerekraftsfredagFactory(network=first_network(), starts_at=datetime.datetime(YEAR, 2, 6, 8, tzinfo=datetime.UTC))

    ours = sections.activities_section(timezone.localdate())
    assert (ours["gatherings"], ours["targets"]["physical_gatherings_per_year"].target) == (0, 3)
    assert "målet er 3" in ours["gathering_warning"]
    assert ours["targets"]["baerekraftsfredager_per_year"].planned == 1
    assert ours["targets"]["baerekraftsfredager_per_year"].target == 6

    theirs = sections.activities_section(timezone.localdate(), cluster)
    assert (theirs["gatherings"], theirs["gathering_warning"]) == (1, None)
    assert theirs["targets"]["baerekraftsfredager_per_year"].planned == 0


def test_steering_group_meeting_target_is_the_networks(cluster):
    BodyKindSettings.objects.create(
        network=cluster, kind=BodyKind.STEERING_GROUP, meetings_per_year_min=1, meetings_per_year_max=2
    )
    assert sections.governance_section(timezone.localdate())["meeting_bounds"] == (4, 5)
    assert sections.governance_section(timezone.localdate(), cluster)["meeting_bounds"] == (1, 2)


def test_the_dashboard_page_shows_the_targets(client, coordinator):
    _first_targets(physical_gatherings_per_year=3, member_meetings_per_year=11, baerekraftsfredager_per_year=7)
    _member_meeting(first_network(), datetime.datetime(YEAR, 1, 1, 0, 30, tzinfo=datetime.UTC))
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert f"0 fysiske samlinger i {YEAR} (mål: 3)." in page
    assert f"1 av målet på 11 digitale medlemsmøter holdt eller planlagt i {YEAR}" in page
    assert f"0 av målet på 7 bærekraftsfredager holdt eller planlagt i {YEAR}" in page
    assert "(mål: 2)" not in page


def test_a_network_without_targets_or_dues_shows_neither(client, cluster):
    """A KSF cluster's agreement sets no activity targets and its parties pay no dues: its dashboard says
    how many gatherings there were, without a target, a warning or a dues figure."""
    from members.networks import using_network
    from tests.factories import UserFactory, make_coordinator

    cluster.has_dues = False
    cluster.save()
    EventFactory(network=cluster, starts_at=datetime.datetime(YEAR, 5, 6, 8, tzinfo=datetime.UTC))
    section = sections.activities_section(timezone.localdate(), cluster)
    assert (section["gatherings"], section["gathering_warning"], section["targets"]) == (1, None, {})

    client.force_login(make_coordinator(UserFactory(email="klynge@example.no"), cluster))
    with using_network(cluster):
        page = client.get(reverse("dashboard:home")).content.decode()
    assert f"1 fysisk samling i {YEAR}." in page
    assert "mål" not in page.split('id="meetings-heading"')[1].split("</section>")[0].replace("Møter", "")
    assert "digitale medlemsmøter holdt" not in page and "bærekraftsfredager holdt" not in page
    assert 'id="dues-heading"' not in page and 'id="overdue-heading"' not in page
    assert "kontingentkjøring" not in page


def test_the_member_table_has_the_kinds_the_network_admits_and_counts_every_applicant(cluster):
    from members.models import Membership, Organisation
    from members.networks import using_network
    from network.dashboard import queries
    from tests.factories import MembershipFactory

    cluster.admitted_kinds = [Organisation.Kind.KOMMUNE, Organisation.Kind.RESEARCH]
    cluster.save()
    MembershipFactory(network=cluster, organisation__kind=Organisation.Kind.RESEARCH,
                      organisation__number="", status=Membership.Status.APPLICANT)  # fmt: skip
    MembershipFactory(network=cluster, status=Membership.Status.APPLICANT)
    with using_network(cluster):
        counts = queries.member_counts(timezone.localdate())
    assert [row["kind"] for row in counts.rows] == [Organisation.Kind.KOMMUNE, Organisation.Kind.RESEARCH]
    assert counts.applicants == 2
