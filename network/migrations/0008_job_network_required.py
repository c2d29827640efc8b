"""The network of a job is required (0007 gave every existing job the first network)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0007_job_network"),
        ("members", "0014_contact_role_network_and_kind_required"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="jobs",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
    ]
