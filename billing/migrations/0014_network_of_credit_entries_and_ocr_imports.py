"""Credit balances and OCR imports belong to a network (issue 22, every page shows its own network's data).

A credit entry joins the network of the invoice it came from or was set against; a refund (no invoice)
joins the network of the organisation's other entries, else the first network. An OCR import joins the
network of the invoices its payments were matched to, else the first network (today's data is all the
first network's). Nothing else changes: amounts, kinds and dates are kept; the append-only trigger is
lifted for this one update and put back (PostgreSQL). 0015 then makes the network required.
Proven by tests/billing/test_migration_credit_networks.py.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


TRIGGER = "billing_creditbalanceentry_append_only"


def _network_of_entry(entry, invoice_networks, organisation_networks, first_id):
    return (
        invoice_networks.get(entry.source_invoice_id)
        or invoice_networks.get(entry.invoice_id)
        or organisation_networks.get(entry.organisation_id)
        or first_id
    )


def join_networks(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    Invoice = apps.get_model("billing", "Invoice")
    Payment = apps.get_model("billing", "Payment")
    OcrImport = apps.get_model("billing", "OcrImport")
    Entry = apps.get_model("billing", "CreditBalanceEntry")
    HistoricalEntry = apps.get_model("billing", "HistoricalCreditBalanceEntry")
    first = Network.objects.order_by("pk").first()
    first_id = first.pk if first else None
    invoice_networks = dict(Invoice.objects.values_list("pk", "network_id"))

    entries = list(Entry.objects.order_by("pk"))
    organisation_networks = {}
    for entry in entries:
        network_id = invoice_networks.get(entry.source_invoice_id) or invoice_networks.get(entry.invoice_id)
        if network_id:
            organisation_networks.setdefault(entry.organisation_id, network_id)
    postgresql = schema_editor.connection.vendor == "postgresql"
    if entries and postgresql:
        schema_editor.execute(f"ALTER TABLE billing_creditbalanceentry DISABLE TRIGGER {TRIGGER}")
    for entry in entries:
        network_id = _network_of_entry(entry, invoice_networks, organisation_networks, first_id)
        Entry.objects.filter(pk=entry.pk).update(network_id=network_id)
    for row in HistoricalEntry.objects.filter(network__isnull=True):
        network_id = _network_of_entry(row, invoice_networks, organisation_networks, first_id)
        HistoricalEntry.objects.filter(pk=row.pk).update(network_id=network_id)
    if entries and postgresql:
        # The new column's foreign key is checked at commit; check it now, so the table may be altered again.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE billing_creditbalanceentry ENABLE TRIGGER {TRIGGER}")

    for ocr_import in OcrImport.objects.filter(network__isnull=True):
        matched = (
            Payment.objects.filter(ocr_import=ocr_import, invoice__isnull=False)
            .order_by("pk")
            .values_list("invoice__network_id", flat=True)
            .first()
        )
        OcrImport.objects.filter(pk=ocr_import.pk).update(network_id=matched or first_id)


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0013_issuer_details_have_no_default"),
        ("members", "0011_help_texts_name_no_party"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="creditbalanceentry",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="credit_entries",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AddField(
            model_name="historicalcreditbalanceentry",
            name="network",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AddField(
            model_name="ocrimport",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ocr_imports",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AddIndex(
            model_name="creditbalanceentry",
            index=models.Index(fields=["network", "organisation"], name="billing_cre_network_cab883_idx"),
        ),
        migrations.RunPython(join_networks, migrations.RunPython.noop),
    ]
