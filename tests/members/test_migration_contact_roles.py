"""Contact roles per network (migrations 0010–0012): every contact role of the previous main's database
is kept, and becomes the required «Kontaktperson» of network 1; every network gets that kind; network 1's
notices go to its steering-group leader; its obligations are all four.

The database is put back at 0009, filled as the previous main left it, migrated forward and read
through the new state.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("members", "0009_parties_and_successors")]
AFTER = [("members", "0014_contact_role_network_and_kind_required")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill(old) -> dict:
    Network = old.get_model("members", "Network")
    first = Network.objects.order_by("pk").first() or Network.objects.create(
        name="Nettverket", slug="nettverket", admitted_kinds=["kommune", "fylkeskommune"]
    )
    cluster = Network.objects.create(name="Klyngen", slug="klyngen-migrering", notice_months=12, agreement_years=3)
    Organisation = old.get_model("members", "Organisation")
    Person = old.get_model("members", "Person")
    ContactRole = old.get_model("members", "ContactRole")
    bergen = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    vestland = Organisation.objects.create(kind="fylkeskommune", number="46", name="Vestland", org_number="821311632")
    kari = Person.objects.create(organisation=bergen, first_name="Kari", last_name="Nordmann", email="kari@bergen.no")
    ola = Person.objects.create(organisation=bergen, first_name="Ola", last_name="Nordmann")
    roles = [
        ContactRole.objects.create(organisation=bergen, person=kari, is_primary=True),
        ContactRole.objects.create(organisation=bergen, person=ola, is_primary=False),
        # one person a contact of two organisations
        ContactRole.objects.create(organisation=vestland, person=kari, is_primary=True),
    ]
    old.get_model("members", "HistoricalContactRole").objects.create(
        id=roles[0].pk, organisation_id=bergen.pk, person_id=kari.pk, is_primary=False,
        created_at=timezone.now(), history_date=timezone.now() - datetime.timedelta(days=30), history_type="+",
    )
    before = list(ContactRole.objects.order_by("pk").values("pk", "organisation_id", "person_id", "is_primary"))
    return {"first": first.pk, "cluster": cluster.pk, "roles": before, "kari": kari.pk, "bergen": bergen.pk}


@pytest.mark.django_db(transaction=True)
def test_every_contact_role_becomes_a_kontaktperson_of_network_1():
    try:
        ids = _fill(_migrate(BEFORE))
        new = _migrate(AFTER)

        Network = new.get_model("members", "Network")
        ContactRoleKind = new.get_model("members", "ContactRoleKind")
        ContactRole = new.get_model("members", "ContactRole")
        # Every network has the kind, required, once.
        for network in Network.objects.all():
            kind = ContactRoleKind.objects.get(network=network)
            assert (kind.name, kind.key, kind.required) == ("Kontaktperson", "kontaktperson", True)
        kind = ContactRoleKind.objects.get(network_id=ids["first"])

        # Every row kept as it was, now of that kind in network 1.
        after = list(ContactRole.objects.order_by("pk").values("pk", "organisation_id", "person_id", "is_primary"))
        assert after == ids["roles"]
        assert set(ContactRole.objects.values_list("network_id", "kind_id")) == {(ids["first"], kind.pk)}
        history = new.get_model("members", "HistoricalContactRole").objects.all()
        assert history.exists() and {(h.network_id, h.kind_id) for h in history} == {(ids["first"], kind.pk)}

        # Network 1's notice goes to the leader of its steering group; the new network has no addressee.
        addressee = new.get_model("members", "NoticeAddressee").objects.get()
        assert (addressee.network_id, addressee.source, addressee.body_kind, addressee.copy) == (
            ids["first"], "body_leader", "steering_group", False
        )
        assert sorted(Network.objects.get(pk=ids["first"]).obligations) == ["contact", "decision", "dues", "gathering"]

        # The same person can now hold a second kind of role for the same organisation, not the same twice.
        foui = ContactRoleKind.objects.create(network_id=ids["cluster"], name="FoUI-kontakt", key="foui")
        ContactRole.objects.create(
            network_id=ids["cluster"], kind=foui, organisation_id=ids["bergen"], person_id=ids["kari"]
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            ContactRole.objects.create(
                network_id=ids["cluster"], kind=foui, organisation_id=ids["bergen"], person_id=ids["kari"]
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
