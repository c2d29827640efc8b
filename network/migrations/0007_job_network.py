"""A long job (and so its bulk email, whose network is its job's) belongs to a network (issue 22).

Every existing job joins the first network (pk order): until now there was one, and every job was
its coordinator's. A database without a network has no jobs, so nothing is needed there. Nothing
else changes: labels, counts, statuses, recipients and their log are kept. 0008 then makes the
network required. Proven by tests/network/test_migration_job_network.py.
"""

import django.db.models.deletion
from django.db import migrations, models


def jobs_join_the_first_network(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    Job = apps.get_model("network", "Job")
    first_id = Network.objects.order_by("pk").values_list("pk", flat=True).first()
    if first_id is None:
        if Job.objects.exists():
            raise RuntimeError("Jobs exist but no network does: add a network before migrating.")
        return
    Job.objects.filter(network__isnull=True).update(network_id=first_id)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0006_activities_moved_to_their_app"),
        ("members", "0014_contact_role_network_and_kind_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="jobs",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RunPython(jobs_join_the_first_network, migrations.RunPython.noop),
    ]
