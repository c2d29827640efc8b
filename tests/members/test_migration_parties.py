"""Parties of more kinds and organisations that end (migration 0009): every row of the previous
main's database is kept as it was.

The database is put back at 0008, filled as the previous main left it (kommuner and
fylkeskommuner with memberships, people, population figures and contact roles), migrated
forward and read through the new state.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0008_networks_constraints")]
AFTER = [("members", "0009_parties_and_successors")]

MODELS = ("Organisation", "Membership", "Person", "PopulationFigure", "ContactRole")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _rows(apps) -> dict[str, list[dict]]:
    return {name: list(apps.get_model("members", name).objects.order_by("pk").values()) for name in MODELS}


def _fill(old) -> None:
    Network = old.get_model("members", "Network")
    network = Network.objects.order_by("pk").first() or Network.objects.create(
        name="Nettverket", slug="nettverket", admitted_kinds=["kommune", "fylkeskommune"]
    )
    Organisation = old.get_model("members", "Organisation")
    Membership = old.get_model("members", "Membership")
    bergen = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    vestland = Organisation.objects.create(kind="fylkeskommune", number="46", name="Vestland", org_number="821311632")
    Membership.objects.create(
        network=network, organisation=bergen, status="resigned", joined_on=datetime.date(2022, 6, 1),
        notice_given_on=datetime.date(2023, 2, 1), notice_effective_on=datetime.date(2023, 8, 1),
        ended_on=datetime.date(2023, 8, 1),
    )
    Membership.objects.create(network=network, organisation=bergen, status="active", joined_on=datetime.date(2024, 1, 1))
    Membership.objects.create(network=network, organisation=vestland, status="applicant")
    old.get_model("members", "PopulationFigure").objects.create(
        organisation=bergen, reference_date=datetime.date(2024, 1, 1), population=291_189, source="SSB"
    )
    Person = old.get_model("members", "Person")
    kari = Person.objects.create(organisation=bergen, first_name="Kari", last_name="Nordmann", email="kari@bergen.no")
    ola = Person.objects.create(organisation=vestland, first_name="Ola", last_name="Nordmann")
    ContactRole = old.get_model("members", "ContactRole")
    ContactRole.objects.create(organisation=bergen, person=kari, is_primary=True)
    ContactRole.objects.create(organisation=vestland, person=ola, is_primary=False)


@pytest.mark.django_db(transaction=True)
def test_every_row_stays_as_it_was_and_nothing_has_ended():
    try:
        old = _migrate(BEFORE)
        _fill(old)
        before = _rows(old)
        new = _migrate(AFTER)
        after = _rows(new)

        for name in MODELS:
            assert len(after[name]) == len(before[name]) > 0, name
            for old_row, new_row in zip(before[name], after[name], strict=True):
                assert {k: new_row[k] for k in old_row} == old_row, name
        assert {row["ended_on"] for row in after["Organisation"]} == {None}
        assert {(row["end_reason"], row["carried_over_from_id"]) for row in after["Membership"]} == {("", None)}
        assert not new.get_model("members", "Succession").objects.exists()

        # The new kinds: no number; kommuner still need theirs.
        Organisation = new.get_model("members", "Organisation")
        Organisation.objects.create(kind="state_body", number="", name="Et departement")
        Organisation.objects.create(kind="research", number="", name="Et universitet")
        with pytest.raises(IntegrityError), transaction.atomic():
            Organisation.objects.create(kind="kommune", number="", name="Uten nummer")
        with pytest.raises(IntegrityError), transaction.atomic():
            Organisation.objects.create(kind="state_body", number="03", name="Med nummer")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
