"""Governance 0011: a body's slug is unique within its network, and each stored gender-balance check
belongs to a network. On a database from before (governance 0010): every body keeps its slug and its
history, every check is kept and joins its body's network (the key functions' checks, without a body,
the first network); afterwards a second network may use the same slug and record the same scope on the
same day, and one network may not use a slug twice.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NetworkFactory

BEFORE = [("governance", "0010_action_plans")]
AFTER = [("governance", "0011_body_slug_and_balance_checks_per_network")]
DAY = datetime.date(2025, 3, 1)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _check(model, **fields):
    values = {"size": 3, "women": 1, "men": 1, "unknown": 1, "required_each": 1, "verdict": "incomplete"}
    return model.objects.create(checked_on=DAY, **values, **fields)


@pytest.mark.django_db(transaction=True)
def test_slugs_and_checks_are_kept_and_become_per_network():
    try:
        old = _migrate(BEFORE)
        Network = old.get_model("members", "Network")
        first = Network.objects.order_by("pk").first()
        # The members tables are at their latest here (only governance was taken back): made with today's model.
        later = NetworkFactory(name="Klynge (mig 11)", slug="klynge-mig-11")
        Body = old.get_model("governance", "Body")
        steering = Body.objects.get(network=first, kind="steering_group")
        group = Body.objects.create(network_id=later.pk, kind="working_group", name="Gruppe B", slug="gruppe-b")
        Check = old.get_model("governance", "GenderBalanceCheck")
        on_steering = _check(Check, body=steering, scope="Styringsgruppen")
        on_group = _check(Check, body=group, scope="Gruppe B")
        key_functions = _check(Check, body=None, scope="Nøkkelfunksjoner")
        bodies_before = list(Body.objects.order_by("pk").values())
        checks_before = {row["id"]: row for row in Check.objects.values()}

        new = _migrate(AFTER)
        NewBody = new.get_model("governance", "Body")
        assert list(NewBody.objects.order_by("pk").values()) == bodies_before
        NewCheck = new.get_model("governance", "GenderBalanceCheck")
        after = {row["id"]: row for row in NewCheck.objects.values()}
        assert {pk: {k: v for k, v in row.items() if k != "network_id"} for pk, row in after.items()} == checks_before
        assert after[on_steering.pk]["network_id"] == first.pk
        assert after[on_group.pk]["network_id"] == later.pk
        assert after[key_functions.pk]["network_id"] == first.pk

        # Another network may have its own «styringsgruppen» and record the same scope on the same day …
        NewBody.objects.create(network_id=later.pk, kind="steering_group", name="Styringsgruppen", slug=steering.slug)
        _check(NewCheck, network_id=later.pk, body=None, scope="Nøkkelfunksjoner")
        # … but one network has each slug once.
        with pytest.raises(IntegrityError), transaction.atomic():
            NewBody.objects.create(network_id=later.pk, kind="working_group", name="Annen", slug="gruppe-b")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
