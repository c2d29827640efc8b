"""Bodies and their kind settings belong to a network (R13, issue 22): each network's agreement sets
its own number of seats, and a body's seats are for its own network's members."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Body, BodyKind, BodyKindSettings, CollaborationArea, Term
from governance.queries.meetings import meeting_count_warning, meetings_per_year_bounds, steering_group_meeting_count
from governance.services.bodies import add_term, term_end
from governance.services.meetings import schedule_meeting
from governance.services.working_groups import create_working_group
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.members import NetworkFactory, first_network

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 1, 1)


@pytest.fixture
def cluster():
    return NetworkFactory(name="Kommuneklynge Vest", slug="klynge-vest")


@pytest.fixture
def cluster_board(cluster):
    BodyKindSettings.objects.create(
        network=cluster, kind=BodyKind.STEERING_GROUP, max_elected_seats=12, allowed_term_years=[2],
        meetings_per_year_min=2, meetings_per_year_max=3,
    )
    return Body.objects.create(network=cluster, kind=BodyKind.STEERING_GROUP, name="Klyngestyret", slug="klyngestyret")


def _elect(body, network):
    person = PersonFactory(organisation=MembershipFactory(network=network).organisation)
    return add_term(body=body, person=person, organisation=person.organisation, starts_on=START,
                    ends_on=term_end(START, 2))


def test_the_tenth_seat_is_refused_in_one_network_and_allowed_in_the_other(steering, cluster, cluster_board):
    first = first_network()
    assert BodyKindSettings.for_kind(BodyKind.STEERING_GROUP, first).max_elected_seats == 9
    for _ in range(9):
        _elect(steering, first)
        _elect(cluster_board, cluster)
    with pytest.raises(ValidationError, match="allerede 9 valgte medlemmer"):
        _elect(steering, first)
    tenth = _elect(cluster_board, cluster)
    assert tenth.body == cluster_board
    assert Term.objects.filter(body=steering).count() == 9
    assert Term.objects.filter(body=cluster_board).count() == 10


def test_a_seat_is_for_a_member_of_the_bodys_own_network(steering, cluster, cluster_board):
    person = PersonFactory(organisation=MembershipFactory(network=cluster).organisation)
    with pytest.raises(ValidationError, match="ikke medlem med gode rettigheter"):
        add_term(body=steering, person=person, organisation=person.organisation, starts_on=START,
                 ends_on=term_end(START, 2))
    assert add_term(body=cluster_board, person=person, organisation=person.organisation, starts_on=START,
                    ends_on=term_end(START, 2)).pk


def test_settings_are_made_without_limits_for_a_network_that_has_none(cluster):
    settings = BodyKindSettings.for_kind(BodyKind.WORKING_GROUP, cluster)
    assert (settings.network, settings.max_elected_seats, settings.fixed_seats) == (cluster, None, 0)
    assert BodyKindSettings.for_kind(BodyKind.WORKING_GROUP, cluster) == settings
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyKindSettings.objects.create(network=cluster, kind=BodyKind.WORKING_GROUP)


def test_one_steering_group_per_network(steering, cluster, cluster_board):
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(network=steering.network, kind=BodyKind.STEERING_GROUP, name="Andre", slug="andre")
    assert cluster_board.network == cluster


def test_the_fixed_seats_label_names_no_party():
    label = str(BodyKindSettings._meta.get_field("fixed_seats").verbose_name)
    assert label == "faste plasser" and "KS" not in label


def test_areas_are_unique_within_their_network_only(cluster):
    area = CollaborationArea.objects.get(network=first_network(), slug="verdiskaping")
    with pytest.raises(IntegrityError), transaction.atomic():
        CollaborationArea.objects.create(network=area.network, name="Noe annet", slug="verdiskaping")
    assert CollaborationArea.objects.create(network=cluster, name=area.name, slug=area.slug).network == cluster


def test_a_working_group_takes_only_its_own_networks_areas(cluster):
    foreign = CollaborationArea.objects.create(network=cluster, name="Klyngens område", slug="klyngens-omrade")
    with pytest.raises(ValidationError):
        create_working_group(name="Blandet gruppe", collaboration_areas=[foreign])
    group = create_working_group(name="Klyngegruppe", collaboration_areas=[foreign], network=cluster)
    assert (group.network, list(group.collaboration_areas.all())) == (cluster, [foreign])


def test_meeting_targets_and_counts_are_the_networks_own(steering, cluster, cluster_board):
    assert meetings_per_year_bounds(first_network()) == (4, 5)
    assert meetings_per_year_bounds(cluster) == (2, 3)
    for month in (3, 6):
        schedule_meeting(body=cluster_board, date=datetime.date(2025, month, 5), starts_at=datetime.time(10), place="Bergen")
    assert steering_group_meeting_count(2025, cluster) == 2
    assert steering_group_meeting_count(2025) == 0  # the first network's steering group met none
    assert meeting_count_warning(2025, cluster) is None
    assert "bare 0 møter" in meeting_count_warning(2025)


@pytest.mark.django_db(transaction=True)
def test_the_seeding_migrations_put_back_the_bodies_in_the_first_network_after_a_flush():
    """As tests/e2e re-seed a flushed database (SEEDING_MIGRATIONS): with today's models, no network argument."""
    import importlib

    from django.apps import apps

    Body.objects.all().delete()
    BodyKindSettings.objects.all().delete()
    CollaborationArea.objects.all().delete()
    importlib.import_module("members.migrations.0007_agreement_terms_become_networks").create_first_network(apps, None)
    importlib.import_module("governance.migrations.0003_seed_bodies_and_areas").seed(apps, None)
    first = first_network()
    assert set(Body.objects.values_list("network", "kind")) == {
        (first.pk, BodyKind.STEERING_GROUP), (first.pk, BodyKind.RESOURCE_GROUP)
    }
    assert BodyKindSettings.objects.filter(network=first).count() == 3
    assert CollaborationArea.objects.filter(network=first).count() == 6 == CollaborationArea.objects.count()
