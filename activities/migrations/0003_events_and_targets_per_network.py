"""Events and the activity targets belong to a network (R13, issue 22).

Every event (and its history) joins the first network, the one the agreement's terms became
(members 0007); the targets row (`pk=1`, the only one `current()` ever read) becomes that
network's targets, its history with it. Each network has at most one targets row.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

import activities.models

MEMBERS_0007 = importlib.import_module("members.migrations.0007_agreement_terms_become_networks")


def join_first_network(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    if not Network.objects.exists():  # as in governance 0008: made again after a flush, as members 0007 makes it
        MEMBERS_0007.create_first_network(apps, schema_editor)
    _fill(apps, Network.objects.order_by("pk").first())
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no table is altered with checks pending


def _fill(apps, network):
    for model in ("Event", "HistoricalEvent", "HistoricalActivityTargets"):
        apps.get_model("activities", model).objects.filter(network__isnull=True).update(network=network)
    ActivityTargets = apps.get_model("activities", "ActivityTargets")
    targets = ActivityTargets.objects.filter(pk=1).first() or ActivityTargets.objects.order_by("pk").first()
    if targets is not None:
        targets.network = network
        targets.save(update_fields=["network"])
        # The admin allowed only one row and the code read only pk=1: any other was never in use.
        ActivityTargets.objects.filter(network__isnull=True).delete()


def _historical_network(**extra):
    return models.ForeignKey(
        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+", to="members.network", verbose_name="nettverk", **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_tables_renamed"),
        ("members", "0008_networks_constraints"),
    ]

    operations = [
        migrations.AddField(
            model_name="activitytargets",
            name="network",
            field=models.OneToOneField(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="activity_targets",
                to="members.network", verbose_name="nettverk",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="network",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="events",
                to="members.network", verbose_name="nettverk",
            ),
        ),
        migrations.AddField("historicalactivitytargets", "network", _historical_network()),
        migrations.AddField("historicalevent", "network", _historical_network()),
        migrations.RunPython(join_first_network, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activitytargets",
            name="network",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="activity_targets",
                to="members.network", verbose_name="nettverk",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="network",
            field=models.ForeignKey(
                default=activities.models.default_network_id, on_delete=django.db.models.deletion.PROTECT,
                related_name="events", to="members.network", verbose_name="nettverk",
            ),
        ),
        migrations.AlterField(
            "historicalevent", "network", _historical_network(default=activities.models.default_network_id)
        ),
    ]
