"""Activity targets become optional (activities 0005): every row keeps its figures, and the first network
gets its mandate's figures as data where its row was never made."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NetworkFactory, first_network

BEFORE = [("activities", "0004_attendance_reminders_per_network")]
AFTER = [("activities", "0005_activity_targets_optional")]
FIGURES = ("physical_gatherings_per_year", "member_meetings_per_year", "baerekraftsfredager_per_year")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


# Only activities goes back: the networks' tables are as they are now, so the networks are made with
# today's model.


@pytest.fixture
def back_to_leaf():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_leaf")
def test_every_row_keeps_its_figures():
    old = _migrate(BEFORE)
    first = first_network()
    other = NetworkFactory(name="Klyngen", slug="klyngen-migrert")
    Targets = old.get_model("activities", "ActivityTargets")
    Targets.objects.update_or_create(network_id=first.pk, defaults=dict(zip(FIGURES, (3, 7, 5), strict=True)))
    Targets.objects.create(network_id=other.pk)  # made on first use with the old defaults
    before = sorted(Targets.objects.values_list("pk", "network_id", *FIGURES))

    new = _migrate(AFTER)
    assert sorted(new.get_model("activities", "ActivityTargets").objects.values_list("pk", "network_id", *FIGURES)) == (
        before
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_leaf")
def test_the_first_network_gets_its_mandates_figures_where_it_had_no_row():
    old = _migrate(BEFORE)
    first = first_network()
    old.get_model("activities", "ActivityTargets").objects.filter(network_id=first.pk).delete()

    new = _migrate(AFTER)
    targets = new.get_model("activities", "ActivityTargets").objects.get(network_id=first.pk)
    assert (targets.physical_gatherings_per_year, targets.member_meetings_per_year,
            targets.baerekraftsfredager_per_year) == (2, 10, 10)  # fmt: skip
    # A network made after has no targets until its coordinator sets them.
    network = NetworkFactory(name="Ny", slug="ny-etter-migrering")
    fresh = new.get_model("activities", "ActivityTargets").objects.create(network_id=network.pk)
    assert [getattr(fresh, f) for f in FIGURES] == [None, None, None]
