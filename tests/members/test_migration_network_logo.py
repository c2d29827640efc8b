"""A network's logo (members 0015) is an optional field: every network, and its history, is kept as it was."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0014_contact_role_network_and_kind_required")]
AFTER = [("members", "0015_network_logo")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _rows(apps, model: str) -> list[dict]:
    return list(apps.get_model("members", model).objects.order_by("pk").values())


@pytest.mark.django_db(transaction=True)
def test_every_network_and_its_history_are_kept_and_have_no_logo():
    try:
        old = _migrate(BEFORE)
        Network = old.get_model("members", "Network")
        Network.objects.create(
            name="Klyngen", slug="klyngen", notice_months=12, agreement_years=None, agreement_ends_on="2030-12-31"
        )
        networks, history = _rows(old, "Network"), _rows(old, "HistoricalNetwork")
        assert len(networks) >= 1

        new = _migrate(AFTER)
        after = _rows(new, "Network")
        assert [{k: v for k, v in row.items() if k != "logo"} for row in after] == networks
        assert {row["logo"] for row in after} == {""}
        assert [{k: v for k, v in row.items() if k != "logo"} for row in _rows(new, "HistoricalNetwork")] == history
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
