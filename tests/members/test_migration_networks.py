"""The agreement's terms become network 1 (migrations 0007–0008): every membership joins it, nothing is lost.

The database is put back at 0006 (one row of terms, memberships with no network), filled as the
previous main left it, then migrated forward and read through today's state.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("members", "0006_contact_data_validated")]
AFTER = [("members", "0008_networks_constraints")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill(old) -> dict:
    Terms = old.get_model("members", "AgreementTerms")
    Terms.objects.all().delete()
    terms = Terms.objects.create(notice_months=4, agreement_years=2, renewal_reminder_months=5, refund_on_resignation=True)
    if connection.vendor == "postgresql":
        # As migration 0002 left it: the row written with an explicit id, the id sequence behind it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('members_agreementterms', 'id'), %s, false)", [terms.pk])
    old.get_model("members", "HistoricalAgreementTerms").objects.create(
        id=terms.pk, notice_months=6, agreement_years=3, renewal_reminder_months=3, refund_on_resignation=False,
        history_date=timezone.now() - datetime.timedelta(days=30), history_type="+",
    )
    Organisation = old.get_model("members", "Organisation")
    Membership = old.get_model("members", "Membership")
    bergen = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    asker = Organisation.objects.create(kind="kommune", number="3203", name="Asker", org_number="944382038")
    ended = Membership.objects.create(
        organisation=bergen, status="resigned", joined_on=datetime.date(2022, 6, 1),
        notice_given_on=datetime.date(2023, 2, 1), notice_effective_on=datetime.date(2023, 8, 1),
        ended_on=datetime.date(2023, 8, 1),
    )
    current = Membership.objects.create(
        organisation=bergen, status="notice", joined_on=datetime.date(2024, 1, 1),
        notice_given_on=datetime.date(2026, 3, 1), notice_effective_on=datetime.date(2026, 9, 1),
    )
    applicant = Membership.objects.create(organisation=asker, status="applicant", applied_on=datetime.date(2026, 5, 1))
    old.get_model("members", "HistoricalMembership").objects.create(
        id=current.pk, organisation_id=bergen.pk, status="active", joined_on=datetime.date(2024, 1, 1),
        history_date=timezone.now() - datetime.timedelta(days=300), history_type="+",
    )
    return {"terms": terms.pk, "ended": ended.pk, "current": current.pk, "applicant": applicant.pk,
            "bergen": bergen.pk}


@pytest.mark.django_db(transaction=True)
def test_the_terms_become_the_first_network_and_every_membership_joins_it():
    try:
        ids = _fill(_migrate(BEFORE))
        new = _migrate(AFTER)

        Network = new.get_model("members", "Network")
        network = Network.objects.get()
        # The same row, with the terms the coordinator had set, and its history of changes.
        assert network.pk == ids["terms"]
        assert (network.notice_months, network.agreement_years, network.renewal_reminder_months) == (4, 2, 5)
        assert network.refund_on_resignation is True
        assert (network.name, network.slug) == ("Bærekraftsnettverket", "baerekraftsnettverket")
        assert sorted(network.admitted_kinds) == ["fylkeskommune", "kommune"]
        history = new.get_model("members", "HistoricalNetwork").objects.filter(id=network.pk)
        assert [h.notice_months for h in history] == [6]

        Membership = new.get_model("members", "Membership")
        memberships = {m.pk: m for m in Membership.objects.all()}
        assert set(memberships) == {ids["ended"], ids["current"], ids["applicant"]}
        assert {m.network_id for m in memberships.values()} == {network.pk}
        # Dates the notice was given with stay as they were (R5): changing terms never rewrites them.
        current = memberships[ids["current"]]
        assert (current.status, current.notice_effective_on) == ("notice", datetime.date(2026, 9, 1))
        assert new.get_model("members", "HistoricalMembership").objects.get(id=ids["current"]).network_id == network.pk

        # One current membership per organisation and network: a second in the same network is refused,
        # one in another network is fine.
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(network=network, organisation_id=ids["bergen"], status="applicant")
        # (a new network gets a fresh id: the first one's explicit id left the sequence behind it)
        cluster = Network.objects.create(name="Kommuneklynge", slug="klynge", notice_months=12, agreement_years=3)
        assert cluster.pk > network.pk
        Membership.objects.create(network=cluster, organisation_id=ids["bergen"], status="applicant")
        assert Membership.objects.filter(organisation_id=ids["bergen"]).exclude(status="resigned").count() == 2
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_database_that_never_made_its_terms_row_still_gets_its_network():
    try:
        old = _migrate(BEFORE)
        old.get_model("members", "AgreementTerms").objects.all().delete()
        new = _migrate(AFTER)
        Network = new.get_model("members", "Network")
        network = Network.objects.get()
        assert (network.notice_months, network.agreement_years, network.slug) == (6, 3, "baerekraftsnettverket")
        assert Network.objects.create(name="Partnerskap", slug="partnerskap", agreement_years=2).pk > network.pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
