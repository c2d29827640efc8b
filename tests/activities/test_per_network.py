"""Events and activity targets belong to a network (issue 22): each network has its own targets, and
attendance counts for the obligations (R6) in the network whose gathering it was."""

import pytest
from django.db import IntegrityError, transaction

from activities import queries, services
from activities.models import ActivityTargets, Event
from members.networks import using_network
from tests.factories import AttendanceFactory, EventFactory, PersonFactory, oslo
from tests.factories.members import NetworkFactory, first_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    return NetworkFactory(name="Kommuneklynge Vest", slug="klynge-vest")


def test_each_network_has_one_targets_row_of_its_own(cluster):
    ours = ActivityTargets.for_network(first_network())
    theirs = ActivityTargets.for_network(cluster)
    assert ours != theirs and ActivityTargets.for_network(cluster) == theirs
    theirs.physical_gatherings_per_year = 1
    theirs.save()
    assert ActivityTargets.for_network(first_network()).physical_gatherings_per_year == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityTargets.objects.create(network=cluster)


def test_the_gathering_warning_reads_the_networks_target_and_events(cluster):
    ActivityTargets.objects.create(network=cluster, physical_gatherings_per_year=1)
    EventFactory(network=cluster, starts_at=oslo(2027, 4, 20))
    assert queries.gathering_plan_warning(2027, cluster) is None
    # The first network's target (2) is not met by the cluster's gathering.
    assert "0 fysiske nettverkssamlinger" in queries.gathering_plan_warning(2027)
    assert queries.physical_gatherings_in_year(2027) == 0
    assert queries.physical_gatherings_in_year(2027, cluster) == 1


def test_attendance_counts_in_the_network_of_the_gathering(cluster):
    came_to_ours = AttendanceFactory(event=EventFactory(starts_at=oslo(2027, 4, 20))).organisation
    came_to_theirs = AttendanceFactory(event=EventFactory(network=cluster, starts_at=oslo(2027, 5, 20))).organisation
    assert queries.organisations_with_gathering_attendance(2027, first_network()) == {came_to_ours.pk}
    assert queries.organisations_with_gathering_attendance(2027, cluster) == {came_to_theirs.pk}
    # Without a network: the page's (the first here), never every network's.
    assert queries.organisations_with_gathering_attendance(2027) == {came_to_ours.pk}
    with using_network(cluster):
        assert queries.organisations_with_gathering_attendance(2027) == {came_to_theirs.pk}
    assert set(queries.gathering_attendances(2027, cluster).values_list("organisation", flat=True)) == {
        came_to_theirs.pk
    }


def test_a_new_event_joins_the_named_network_or_the_first(cluster):
    fields = {"kind": Event.Kind.GATHERING, "title": "Vårsamling", "starts_at": oslo(2027, 4, 20),
              "ends_at": oslo(2027, 4, 20, 15), "audience": Event.Audience.MEMBERS}
    assert services.create_event(by=None, **fields).network == first_network()
    assert services.create_event(by=None, network=cluster, **fields).network == cluster


def test_months_per_network(cluster):
    EventFactory(network=cluster, kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(2027, 3, 4))
    assert queries.events_per_month(2027, cluster)[2].member_meetings == 1
    assert queries.events_per_month(2027)[2].member_meetings == 0


def test_a_person_of_no_organisation_is_matched_only_in_the_networks_whose_events_they_took_part_in(cluster):
    ours = AttendanceFactory(event=EventFactory(starts_at=oslo(2027, 4, 20)), organisation=None,
                             person=PersonFactory(organisation=None)).person  # fmt: skip
    theirs = AttendanceFactory(event=EventFactory(network=cluster, starts_at=oslo(2027, 5, 20)), organisation=None,
                               person=PersonFactory(organisation=None)).person  # fmt: skip
    newcomer = PersonFactory(organisation=None)
    assert {ours, newcomer} <= set(queries.network_people(first_network()))
    assert theirs not in set(queries.network_people(first_network()))
    assert {theirs, newcomer} <= set(queries.network_people(cluster))
    assert ours not in set(queries.network_people(cluster))
