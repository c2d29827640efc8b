"""Billing per network (migrations 0008–0010): the settings row becomes issuer 1 with its history, and
every schedule, run, invoice and credit note joins network 1 and issuer 1, unchanged.

The database is put back at billing 0007 (the previous main's layout), filled as it left it, then
migrated forward and read through today's state.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.conftest import requires_postgresql
from tests.factories import first_network

# Billing as the previous main left it, next to members with its networks (members 0007–0008).
BEFORE = [("billing", "0007_credit_balance"), ("members", "0008_networks_constraints")]
AFTER = [("billing", "0010_issuers_networks_required"), ("members", "0008_networks_constraints")]

ISSUER = {
    "issuer_name": "KS",
    "issuer_org_number": "971032146",
    "issuer_street_address": "Haakon VIIs gate 9",
    "issuer_postal_code": "0161",
    "issuer_postal_place": "Oslo",
    "issuer_bank_account": "86011117947",
    "issuer_email": "faktura@ks.no",
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill(old) -> dict:
    Settings = old.get_model("billing", "BillingSettings")
    Settings.objects.all().delete()
    # As migration 0002 left it: the row written with an explicit id, the id sequence behind it.
    settings = Settings.objects.create(
        pk=1, issuer_name="KS Fakturering", due_days=21, first_reminder_days=10, second_reminder_days=20
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('billing_billingsettings', 'id'), 1, false)")
    old.get_model("billing", "HistoricalBillingSettings").objects.create(
        id=1, issuer_name="KS", due_days=30, history_date=timezone.now() - datetime.timedelta(days=40), history_type="+"
    )
    Counter = old.get_model("billing", "NumberCounter")
    Counter.objects.all().delete()
    Counter.objects.create(key="documents", last_number=41)

    Network = old.get_model("members", "Network")
    network = Network.objects.order_by("pk").first() or Network.objects.create(
        name="Bærekraftsnettverket", slug="baerekraftsnettverket", notice_months=6, agreement_years=3
    )
    Schedule = old.get_model("billing", "DuesSchedule")
    Schedule.objects.all().delete()
    schedule = Schedule.objects.create(valid_from=datetime.date(2023, 1, 1), name="Samarbeidsavtalen §7 (2023)")
    old.get_model("billing", "DuesTier").objects.create(
        schedule=schedule, kind="kommune", amount_ore=250_000_00, label="Kommune under 20 000 innbyggere"
    )
    organisation = old.get_model("members", "Organisation").objects.create(
        kind="kommune", number="4601", name="Bergen", org_number="964338531"
    )
    membership = old.get_model("members", "Membership").objects.create(
        network=network, organisation=organisation, status="active", joined_on=datetime.date(2022, 6, 3)
    )
    Invoice = old.get_model("billing", "Invoice")
    invoice = Invoice.objects.create(
        number=40, organisation=organisation, membership=membership, dues_year=2025,
        issue_date=datetime.date(2025, 1, 3), due_date=datetime.date(2025, 2, 2), kid="000000406",
        amount_ore=250_000_00, buyer_name="Bergen", buyer_reference="REF-1", **ISSUER,
    )  # fmt: skip
    old.get_model("billing", "InvoiceLine").objects.create(
        invoice=invoice, description="Kontingent 2025", unit_price_ore=250_000_00, amount_ore=250_000_00
    )
    note = Invoice.objects.create(
        number=41, type="credit_note", organisation=organisation, membership=membership, dues_year=2025,
        credited_invoice=invoice, reason="Rabatt", issue_date=datetime.date(2025, 1, 10), amount_ore=50_000_00,
        buyer_name="Bergen", **ISSUER,
    )  # fmt: skip
    old.get_model("billing", "HistoricalInvoice").objects.create(
        id=invoice.pk, number=40, organisation_id=organisation.pk, issue_date=invoice.issue_date,
        amount_ore=250_000_00, buyer_name="Bergen", created_at=timezone.now(), history_date=timezone.now(),
        history_type="+", **ISSUER,
    )  # fmt: skip
    payment = old.get_model("billing", "Payment").objects.create(
        invoice=invoice, kid="000000406", amount_ore=200_000_00, paid_on=datetime.date(2025, 1, 20), source="ocr"
    )
    run = old.get_model("billing", "DuesRun").objects.create(year=2025, status="done", total=1, done=1, issued=1)
    old.get_model("billing", "DuesRunItem").objects.create(
        run=run, membership=membership, outcome="issued", invoice=invoice, handled_at=timezone.now()
    )
    return {"settings": settings.pk, "network": network.pk, "schedule": schedule.pk, "invoice": invoice.pk,
            "note": note.pk, "payment": payment.pk, "run": run.pk, "organisation": organisation.pk}  # fmt: skip


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_settings_become_issuer_1_and_every_billing_row_joins_network_1_unchanged():
    try:
        ids = _fill(_migrate(BEFORE))
        new = _migrate(AFTER)

        Issuer = new.get_model("billing", "Issuer")
        issuer = Issuer.objects.get()
        # The same row with the coordinator's settings and terms, and its history of changes.
        assert issuer.pk == ids["settings"]
        assert (issuer.issuer_name, issuer.due_days, issuer.first_reminder_days) == ("KS Fakturering", 21, 10)
        assert issuer.kid_prefix == ""
        assert [h.due_days for h in new.get_model("billing", "HistoricalIssuer").objects.filter(id=issuer.pk)] == [30]
        network_id = new.get_model("members", "Network").objects.order_by("pk").values_list("pk", flat=True)[0]
        assert network_id == ids["network"]
        assert new.get_model("billing", "NetworkBilling").objects.get(network_id=network_id).issuer_id == issuer.pk

        assert new.get_model("billing", "DuesSchedule").objects.get(pk=ids["schedule"]).network_id == network_id
        run = new.get_model("billing", "DuesRun").objects.get(pk=ids["run"])
        assert (run.network_id, run.year, run.issued) == (network_id, 2025, 1)

        Invoice = new.get_model("billing", "Invoice")
        invoice, note = Invoice.objects.get(pk=ids["invoice"]), Invoice.objects.get(pk=ids["note"])
        for document in (invoice, note):
            assert (document.network_id, document.issuer_id) == (network_id, issuer.pk)
            # The issuer snapshot is exactly as issued, not the issuer's new name.
            assert {name: getattr(document, name) for name in ISSUER} == ISSUER
        assert (invoice.number, invoice.kid, invoice.amount_ore, invoice.buyer_reference) == (
            40, "000000406", 250_000_00, "REF-1",
        )  # fmt: skip
        assert (note.number, note.amount_ore, note.credited_invoice_id) == (41, 50_000_00, invoice.pk)
        assert new.get_model("billing", "InvoiceLine").objects.get(invoice=invoice).amount_ore == 250_000_00
        assert new.get_model("billing", "Payment").objects.get(pk=ids["payment"]).amount_ore == 200_000_00
        history = new.get_model("billing", "HistoricalInvoice").objects.get(id=invoice.pk)
        assert (history.network_id, history.issuer_id) == (network_id, issuer.pk)
        # The issued rows are still guarded by the database after the migration wrote the two references.
        with pytest.raises(Exception, match="never changes"), transaction.atomic():
            Invoice.objects.filter(pk=invoice.pk).update(amount_ore=1)

        # Issuer 1's numbering continues where the one sequence was.
        assert new.get_model("billing", "NumberCounter").objects.get(issuer=issuer).last_number == 41
        # A second issuer gets a fresh id (the first one's explicit id left the sequence behind it).
        assert Issuer.objects.create(issuer_name="Viken", kid_prefix="2").pk > issuer.pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_migrating_back_keeps_the_one_keyed_sequence():
    try:
        _fill(_migrate(BEFORE))
        new = _migrate(AFTER)
        assert new.get_model("billing", "NumberCounter").objects.get().last_number == 41
        old = _migrate(BEFORE)
        counter = old.get_model("billing", "NumberCounter").objects.get()
        assert (counter.key, counter.last_number) == ("documents", 41)
        assert old.get_model("billing", "BillingSettings").objects.get().issuer_name == "KS Fakturering"
        with pytest.raises(IntegrityError), transaction.atomic():
            old.get_model("billing", "DuesRun").objects.create(year=2025)  # one run a year again
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_seed_after_a_flush_makes_network_1s_schedule_issuer_and_counter_in_todays_layout():
    """What tests/e2e SEEDING_MIGRATIONS runs after a flush, with today's models: twice is once."""
    import importlib

    from django.apps import apps

    from billing.models import DuesSchedule, DuesTier, Issuer, NetworkBilling, NumberCounter

    for model in (NetworkBilling, NumberCounter, DuesTier, DuesSchedule, Issuer):
        model.objects.all().delete()
    seed = importlib.import_module("billing.migrations.0009_issuers_networks_nullable").seed
    seed(apps, None)
    seed(apps, None)
    network = first_network()
    issuer = Issuer.objects.get()
    assert Issuer.objects.for_network(network) == issuer
    assert NumberCounter.objects.get().issuer == issuer
    schedule = DuesSchedule.objects.get()
    assert (schedule.network, schedule.tiers.count()) == (network, 4)
