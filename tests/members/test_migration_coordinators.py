"""Roles per network (members 0010, billing 0012): who ran the one network keeps running it.

Before, the group «Koordinator» ran the network and the group «Fakturaadministrator» handled every
invoice. The database is put back before the change, filled as the previous main left it, and
migrated: the coordinators coordinate every network there was, the billing administrators
administer every issuer there was, and nobody else gained a role.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0009_parties_and_successors"), ("billing", "0011_duestier_kinds_follow_organisations")]
AFTER = [("members", "0010_network_coordinators"), ("billing", "0012_issuer_billing_admins")]
BILLING_0009 = importlib.import_module("billing.migrations.0009_issuers_networks_nullable")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _user(old, email, *groups):
    user = old.get_model("members", "User").objects.create(email=email)
    for name in groups:
        user.groups.add(old.get_model("auth", "Group").objects.get_or_create(name=name)[0])
    return user.pk


@pytest.mark.django_db(transaction=True)
def test_the_groups_become_coordinators_of_the_network_and_administrators_of_its_issuer():
    try:
        old = _migrate(BEFORE)
        # An earlier transactional test may have flushed what the data migrations made: the network and
        # issuer as the previous main had them are made again the way its migrations made them.
        BILLING_0009._first_network_and_issuer(old)
        ids = {
            "coordinator": _user(old, "siri@example.no", "Koordinator"),
            "finance": _user(old, "okonomi@example.no", "Fakturaadministrator"),
            "both": _user(old, "begge@example.no", "Koordinator", "Fakturaadministrator"),
            "contact": _user(old, "kontakt@example.no"),
        }
        users_before = sorted(old.get_model("members", "User").objects.values_list("pk", "email"))
        groups_before = sorted(old.get_model("members", "User").groups.through.objects.values_list("user_id", "group_id"))
        network_ids = set(old.get_model("members", "Network").objects.values_list("pk", flat=True))
        issuer_ids = set(old.get_model("billing", "Issuer").objects.values_list("pk", flat=True))
        assert network_ids and issuer_ids

        new = _migrate(AFTER)
        Network = new.get_model("members", "Network")
        Issuer = new.get_model("billing", "Issuer")
        for network in Network.objects.all():
            assert set(network.coordinators.values_list("pk", flat=True)) == {ids["coordinator"], ids["both"]}
        for issuer in Issuer.objects.all():
            assert set(issuer.billing_admins.values_list("pk", flat=True)) == {ids["finance"], ids["both"]}
        # Nothing else changed: the same users, in the same groups, the same networks and issuers.
        assert sorted(new.get_model("members", "User").objects.values_list("pk", "email")) == users_before
        assert sorted(new.get_model("members", "User").groups.through.objects.values_list("user_id", "group_id")) == (
            groups_before
        )
        assert set(Network.objects.values_list("pk", flat=True)) == network_ids
        assert set(Issuer.objects.values_list("pk", flat=True)) == issuer_ids
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
