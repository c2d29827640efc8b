"""The network of a credit entry and of an OCR import is required (0014 filled it for every row)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0014_network_of_credit_entries_and_ocr_imports"),
        ("members", "0011_help_texts_name_no_party"),
    ]

    operations = [
        migrations.AlterField(
            model_name="creditbalanceentry",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="credit_entries",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AlterField(
            model_name="ocrimport",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ocr_imports",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
    ]
