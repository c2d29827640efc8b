"""A body's slug is unique within its network, and a gender-balance check belongs to a network (issue 22).

The slug is a body's address under its network (`/<network>/styring/grupper/<slug>/`): two networks may
each have «styringsgruppen» or «ressursgruppen». Every existing slug was unique across all networks,
so it stays unique within its own.

The stored checks of gender balance (R10) are per network: each network's steering group and its key
functions are checked and reported to its own coordinators, and two networks' «Styringsgruppen» are two
histories. An existing check joins its body's network; the key functions' checks (no body) the first
network, the only one that had any.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

MEMBERS_0007 = importlib.import_module("members.migrations.0007_agreement_terms_become_networks")


def join_networks(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    GenderBalanceCheck = apps.get_model("governance", "GenderBalanceCheck")
    Body = apps.get_model("governance", "Body")
    if not GenderBalanceCheck.objects.exists():
        return
    if not Network.objects.exists():  # members 0007 made it; a database emptied since gets it again
        MEMBERS_0007.create_first_network(apps, schema_editor)
    first = Network.objects.order_by("pk").first()
    for network_id in Body.objects.values_list("network_id", flat=True).distinct():
        GenderBalanceCheck.objects.filter(network__isnull=True, body__network_id=network_id).update(
            network_id=network_id
        )
    GenderBalanceCheck.objects.filter(network__isnull=True).update(network=first)
    if schema_editor.connection.vendor == "postgresql":
        # Check the rows written here now: PostgreSQL alters no table with checks still pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0010_action_plans"),
        ("members", "0010_network_coordinators"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="slug",
            field=models.SlugField(help_text="Brukes i adressen; unik i nettverket.", verbose_name="kortnavn"),
        ),
        migrations.AlterField(
            model_name="historicalbody",
            name="slug",
            field=models.SlugField(help_text="Brukes i adressen; unik i nettverket.", verbose_name="kortnavn"),
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(fields=("network", "slug"), name="governance_body_slug_per_network"),
        ),
        migrations.AddField(
            model_name="genderbalancecheck",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="gender_balance_checks",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RunPython(join_networks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="genderbalancecheck",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="gender_balance_checks",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="genderbalancecheck", name="governance_one_gender_check_per_scope_and_day"
        ),
        migrations.AddConstraint(
            model_name="genderbalancecheck",
            constraint=models.UniqueConstraint(
                fields=("network", "checked_on", "scope"), name="governance_one_gender_check_per_scope_and_day"
            ),
        ),
    ]
