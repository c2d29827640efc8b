"""Governance 0009–0010: open meetings, the fixed seats' holder and action plans, on a database from
the previous main (governance 0008). Every body stays closed with its history, every term keeps its role
(the fixed seat's stored value "ks" with it), the first network's steering group names its fixed seats'
holder, a later network's settings name none, and the action-plan table starts empty.
"""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import NetworkFactory

BEFORE = [("governance", "0008_bodies_belong_to_networks")]
AFTER = [("governance", "0010_action_plans")]
HOLDER = importlib.import_module("governance.migrations.0009_open_meetings_and_fixed_seat_holder").FIXED_SEAT_HOLDER


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_bodies_terms_and_settings_are_kept_and_the_first_networks_fixed_seat_is_named():
    try:
        old = _migrate(BEFORE)
        Network = old.get_model("members", "Network")
        first = Network.objects.order_by("pk").first()
        # The members tables are at their latest here (only governance was taken back): today's model.
        later = NetworkFactory(name="Klynge (migrering)", slug="klynge-mig", notice_months=12)
        Settings = old.get_model("governance", "BodyKindSettings")
        Settings.objects.update_or_create(network=first, kind="steering_group", defaults={"fixed_seats": 1})
        Settings.objects.create(network_id=later.pk, kind="steering_group", fixed_seats=1)
        Body = old.get_model("governance", "Body")
        steering = Body.objects.get(network=first, kind="steering_group")
        group = Body.objects.create(network=first, kind="working_group", name="Gruppe (mig)", slug="gruppe-mig")
        old.get_model("governance", "HistoricalBody").objects.create(
            id=group.pk, network_id=first.pk, kind="working_group", name="Gruppa", slug="gruppe-mig", status="active",
            history_date=timezone.now() - datetime.timedelta(days=2), history_type="+",
        )  # fmt: skip
        person = old.get_model("members", "Person").objects.create(first_name="Kari", last_name="Fast", email="k@x.no")
        Term = old.get_model("governance", "Term")
        term = Term.objects.create(
            body=steering, person=person, role="ks", obtained="appointed",
            starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 12, 31),
        )  # fmt: skip
        bodies_before = list(Body.objects.order_by("pk").values())

        new = _migrate(AFTER)
        NewBody = new.get_model("governance", "Body")
        bodies_after = list(NewBody.objects.order_by("pk").values())
        assert [{k: v for k, v in row.items() if k != "meetings_public"} for row in bodies_after] == bodies_before
        assert not NewBody.objects.filter(meetings_public=True).exists()
        history = new.get_model("governance", "HistoricalBody").objects.get(id=group.pk)
        assert (history.name, history.meetings_public) == ("Gruppa", False)
        assert new.get_model("governance", "Term").objects.get(pk=term.pk).role == "ks"
        NewSettings = new.get_model("governance", "BodyKindSettings")
        assert NewSettings.objects.get(network_id=first.pk, kind="steering_group").fixed_seat_holder == HOLDER
        assert NewSettings.objects.get(network_id=later.pk, kind="steering_group").fixed_seat_holder == ""
        assert NewSettings.objects.get(network_id=first.pk, kind="working_group").fixed_seat_holder == ""
        assert not new.get_model("governance", "ActionPlan").objects.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
