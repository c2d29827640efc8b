"""Migration 0006 adds the credit ledger and keeps every invoice, line and payment as it was."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("billing", "0006_dues_run_holds")]
AFTER = [("billing", "0007_credit_balance")]


@pytest.mark.django_db(transaction=True)
def test_migrating_to_the_credit_ledger_keeps_every_invoice_and_payment():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old = executor.loader.project_state(BEFORE).apps
    Organisation = old.get_model("members", "Organisation")
    Invoice = old.get_model("billing", "Invoice")
    InvoiceLine = old.get_model("billing", "InvoiceLine")
    Payment = old.get_model("billing", "Payment")
    organisation = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    issuer = {
        "issuer_name": "KS",
        "issuer_org_number": "971032146",
        "issuer_street_address": "Haakon VIIs gate 9",
        "issuer_postal_code": "0161",
        "issuer_postal_place": "Oslo",
        "issuer_bank_account": "86011117947",
        "issuer_email": "faktura@ks.no",
    }
    invoice = Invoice.objects.create(
        number=9001,
        organisation=organisation,
        dues_year=2025,
        issue_date=datetime.date(2025, 1, 3),
        due_date=datetime.date(2025, 2, 2),
        kid="90011",
        amount_ore=75_000_00,
        buyer_name="Bergen",
        buyer_street_address="Postboks 7700",
        buyer_postal_code="5020",
        buyer_postal_place="Bergen",
        **issuer,
    )
    InvoiceLine.objects.create(
        invoice=invoice, description="Kontingent 2025", unit_price_ore=75_000_00, amount_ore=75_000_00
    )
    Payment.objects.create(
        invoice=invoice, kid="90011", amount_ore=80_000_00, paid_on=datetime.date(2025, 1, 20), source="ocr"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    kept = new.get_model("billing", "Invoice").objects.get(number=9001)
    assert (kept.amount_ore, kept.buyer_postal_code, kept.organisation.name) == (75_000_00, "5020", "Bergen")
    assert new.get_model("billing", "InvoiceLine").objects.filter(invoice=kept).count() == 1
    assert new.get_model("billing", "Payment").objects.get(invoice=kept).amount_ore == 80_000_00
    # The ledger starts empty: an old overpayment waits for review, it is not guessed into credit.
    assert new.get_model("billing", "CreditBalanceEntry").objects.count() == 0

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
