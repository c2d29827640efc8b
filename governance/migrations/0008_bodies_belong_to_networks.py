"""Bodies, their kind settings and the collaboration areas belong to a network (R13, issue 22).

Every row that exists joins the first network (the one the agreement's terms became, members 0007):
the settings become that network's, the steering and resource groups its own, the six areas its
mandate's. One steering group and one resource group per network; the settings and the areas are
unique within their network. Meetings, cases and their number series follow their body.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

import governance.models.bodies

MEMBERS_0007 = importlib.import_module("members.migrations.0007_agreement_terms_become_networks")
ROWS = ("BodyKindSettings", "Body", "HistoricalBody", "CollaborationArea")


def join_first_network(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    if not Network.objects.exists():  # members 0007 made it; a database emptied since (tests flush) gets it again
        MEMBERS_0007.create_first_network(apps, schema_editor)
    first = Network.objects.order_by("pk").first()
    for model in ROWS:
        apps.get_model("governance", model).objects.filter(network__isnull=True).update(network=first)
    if schema_editor.connection.vendor == "postgresql":
        # Check the rows written here now: PostgreSQL alters no table with checks still pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _network(**extra):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT, to="members.network", verbose_name="nettverk", **extra
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_published_minutes_triggers"),
        ("members", "0008_networks_constraints"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="body", name="governance_one_body_of_singleton_kind"),
        migrations.AddField("body", "network", _network(null=True, related_name="bodies")),
        migrations.AddField("bodykindsettings", "network", _network(null=True, related_name="body_kind_settings")),
        migrations.AddField("collaborationarea", "network", _network(null=True, related_name="collaboration_areas")),
        migrations.AddField(
            model_name="historicalbody",
            name="network",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="members.network", verbose_name="nettverk",
            ),
        ),
        migrations.RunPython(join_first_network, migrations.RunPython.noop),
        migrations.AlterField(
            "body", "network",
            _network(default=governance.models.bodies.default_network_id, related_name="bodies"),
        ),
        migrations.AlterField("bodykindsettings", "network", _network(related_name="body_kind_settings")),
        migrations.AlterField(
            "collaborationarea", "network",
            _network(default=governance.models.bodies.default_network_id, related_name="collaboration_areas"),
        ),
        migrations.AlterField(
            model_name="historicalbody",
            name="network",
            field=models.ForeignKey(
                blank=True, db_constraint=False, default=governance.models.bodies.default_network_id, null=True,
                on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AlterModelOptions(
            name="bodykindsettings",
            options={
                "ordering": ["network", "kind"],
                "verbose_name": "innstillinger for organtype",
                "verbose_name_plural": "innstillinger for organtyper",
            },
        ),
        migrations.AlterField(
            model_name="bodykindsettings",
            name="fixed_seats",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Plasser en avtalepart har uten valg.", verbose_name="faste plasser"
            ),
        ),
        migrations.AlterField(
            model_name="bodykindsettings",
            name="kind",
            field=models.CharField(
                choices=[
                    ("steering_group", "Styringsgruppe"),
                    ("working_group", "Arbeidsgruppe"),
                    ("resource_group", "Ressursgruppe"),
                ],
                max_length=20,
                verbose_name="type organ",
            ),
        ),
        migrations.AlterField("collaborationarea", "name", models.CharField(max_length=200, verbose_name="navn")),
        migrations.AlterField("collaborationarea", "slug", models.SlugField(verbose_name="kortnavn")),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind__in", ["steering_group", "resource_group"])),
                fields=("network", "kind"),
                name="governance_one_body_of_singleton_kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="bodykindsettings",
            constraint=models.UniqueConstraint(fields=("network", "kind"), name="governance_body_kind_settings_per_network"),
        ),
        migrations.AddConstraint(
            model_name="collaborationarea",
            constraint=models.UniqueConstraint(fields=("network", "name"), name="governance_area_name_per_network"),
        ),
        migrations.AddConstraint(
            model_name="collaborationarea",
            constraint=models.UniqueConstraint(fields=("network", "slug"), name="governance_area_slug_per_network"),
        ),
    ]
