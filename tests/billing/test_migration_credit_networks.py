"""Migrations 0014–0015 join every credit entry (and its history) and every OCR import to a network,
keeping every amount: an entry goes with the invoice it came from or was set against, a refund with the
organisation's other entries, an import with the invoices its payments paid, else the first network."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BILLING_BEFORE = ("billing", "0013_issuer_details_have_no_default")
AFTER = [("billing", "0015_network_of_credit_entries_and_ocr_imports_required")]

ISSUER = {
    "issuer_name": "Utsteder",
    "issuer_org_number": "971032146",
    "issuer_street_address": "Gate 9",
    "issuer_postal_code": "0161",
    "issuer_postal_place": "Oslo",
    "issuer_bank_account": "86011117947",
    "issuer_email": "faktura@example.no",
}


def _invoice(Invoice, *, number, organisation, network, issuer, kid, amount_ore, year=2025):
    return Invoice.objects.create(
        number=number,
        organisation=organisation,
        network=network,
        issuer=issuer,
        dues_year=year,
        issue_date=datetime.date(2025, 1, 3),
        due_date=datetime.date(2025, 2, 2),
        kid=kid,
        amount_ore=amount_ore,
        buyer_name=organisation.name,
        **ISSUER,
    )


@pytest.mark.django_db(transaction=True)
def test_credit_entries_and_ocr_imports_join_their_network_and_keep_every_amount():
    try:
        _migrate_and_check()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate_and_check():
    executor = MigrationExecutor(connection)
    # Billing before 0014, the networks as they are now (members keeps its later migrations).
    before = [BILLING_BEFORE, *(node for node in executor.loader.graph.leaf_nodes() if node[0] == "members")]
    executor.migrate(before)
    executor.loader.build_graph()
    old = executor.loader.project_state(before).apps
    Network = old.get_model("members", "Network")
    Organisation = old.get_model("members", "Organisation")
    Issuer = old.get_model("billing", "Issuer")
    Invoice = old.get_model("billing", "Invoice")
    Payment = old.get_model("billing", "Payment")
    OcrImport = old.get_model("billing", "OcrImport")
    Entry = old.get_model("billing", "CreditBalanceEntry")
    HistoricalEntry = old.get_model("billing", "HistoricalCreditBalanceEntry")

    first = Network.objects.order_by("pk").first() or Network.objects.create(name="Første", slug="forste")
    cluster = Network.objects.create(name="Klyngen", slug="klyngen-migrering")
    issuer = Issuer.objects.create(
        kid_prefix="93",
        issuer_name="Utsteder",
        issuer_org_number="971032146",
        street_address="Gate 9",
        postal_code="0161",
        postal_place="Oslo",
        bank_account="86011117947",
        email="faktura@example.no",
    )
    bergen = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    voss = Organisation.objects.create(kind="kommune", number="4621", name="Voss", org_number="964338442")
    in_cluster = _invoice(
        Invoice, number=1, organisation=bergen, network=cluster, issuer=issuer, kid="930011", amount_ore=50_000_00
    )
    next_in_cluster = _invoice(
        Invoice,
        number=2,
        organisation=bergen,
        network=cluster,
        issuer=issuer,
        kid="930029",
        amount_ore=50_000_00,
        year=2026,
    )
    matched_import = OcrImport.objects.create(filename="klynge.ocr", sha256="a" * 64, transaction_count=1)
    unmatched_import = OcrImport.objects.create(filename="ukjent.ocr", sha256="b" * 64, transaction_count=1)
    payment = Payment.objects.create(
        invoice=in_cluster,
        kid="930011",
        amount_ore=60_000_00,
        paid_on=datetime.date(2025, 1, 20),
        source="ocr",
        ocr_import=matched_import,
    )
    Payment.objects.create(
        kid="999", amount_ore=1_00, paid_on=datetime.date(2025, 1, 20), source="ocr", ocr_import=unmatched_import
    )
    overpayment = Entry.objects.create(
        organisation=bergen, kind="overpayment", amount_ore=10_000_00, payment=payment, source_invoice=in_cluster
    )
    set_off = Entry.objects.create(organisation=bergen, kind="set_off", amount_ore=-4_000_00, invoice=next_in_cluster)
    refund = Entry.objects.create(
        organisation=bergen,
        kind="refund",
        amount_ore=-1_000_00,
        refunded_on=datetime.date(2025, 3, 1),
        bank_account="86011117947",
    )
    lone_refund = Entry.objects.create(
        organisation=voss,
        kind="refund",
        amount_ore=-5_00,
        refunded_on=datetime.date(2025, 3, 1),
        bank_account="86011117947",
    )
    HistoricalEntry.objects.create(
        id=overpayment.pk,
        organisation=bergen,
        kind="overpayment",
        amount_ore=10_000_00,
        payment=payment,
        source_invoice=in_cluster,
        created_at=timezone.now(),
        history_date=timezone.now(),
        history_type="+",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewEntry = new.get_model("billing", "CreditBalanceEntry")
    networks = dict(NewEntry.objects.values_list("pk", "network_id"))
    assert networks == {
        overpayment.pk: cluster.pk,
        set_off.pk: cluster.pk,
        refund.pk: cluster.pk,  # with Bergen's other entries
        lone_refund.pk: first.pk,
    }
    amounts = dict(NewEntry.objects.values_list("pk", "amount_ore"))
    assert amounts == {overpayment.pk: 10_000_00, set_off.pk: -4_000_00, refund.pk: -1_000_00, lone_refund.pk: -5_00}
    history = new.get_model("billing", "HistoricalCreditBalanceEntry").objects.get(id=overpayment.pk)
    assert (history.network_id, history.amount_ore) == (cluster.pk, 10_000_00)
    imports = dict(new.get_model("billing", "OcrImport").objects.values_list("filename", "network_id"))
    assert imports == {"klynge.ocr": cluster.pk, "ukjent.ocr": first.pk}
    assert new.get_model("billing", "Payment").objects.count() == 2
    if connection.vendor == "postgresql":  # the ledger is append-only again
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic():
            NewEntry.objects.filter(pk=refund.pk).update(amount_ore=-1)
