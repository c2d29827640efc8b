"""The agreement's one row of terms becomes the first network (issue 22, R13); every membership joins it.

The table members_agreementterms and its history are renamed, not copied: the row keeps its id
and its terms, and every change the coordinator made to them stays in the history. The network's
name is data set here once (a migration may hold it); from now on it is edited in the app.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import connections, migrations, models

# The network this installation ran before networks were data: seeds 000 and 001.
FIRST_NETWORK = {
    "name": "Bærekraftsnettverket",
    "short_name": "Bærekraftsnettverket",
    "slug": "baerekraftsnettverket",
    "admitted_kinds": ["kommune", "fylkeskommune"],
    "has_dues": True,
    "sender_email": "post@baerekraftsnettverket.no",
    "tagline": "kommuner og fylkeskommuner i samarbeid med KS om FNs bærekraftsmål.",
    "tagline_en": "municipalities and county municipalities working with KS on the UN Sustainable Development Goals.",
    "public_intro": (
        "Et lærings- og samarbeidsnettverk for norske kommuner og fylkeskommuner som vil få fart på "
        "bærekraftig samfunnsomstilling og nå FNs bærekraftsmål innen 2030."
    ),
    "public_intro_en": (
        "A learning and collaboration network for Norwegian municipalities and county municipalities that want "
        "to speed up the sustainable transformation of society and reach the UN Sustainable Development Goals by 2030."
    ),
}


def create_first_network(apps, schema_editor):
    """Network 1 from the terms row (made with the agreement's defaults if it was never made); memberships join it."""
    Network = apps.get_model("members", "Network")
    Membership = apps.get_model("members", "Membership")
    network = Network.objects.order_by("pk").first()
    if network is None:
        network = Network(notice_months=6, agreement_years=3, renewal_reminder_months=3, refund_on_resignation=False)
    for field, value in FIRST_NETWORK.items():
        setattr(network, field, value)
    network.save()
    Membership.objects.filter(network__isnull=True).update(network=network)
    apps.get_model("members", "HistoricalMembership").objects.filter(network__isnull=True).update(network=network)
    # The terms row was made with an explicit id (1), which left the id sequence behind it: move the
    # sequence past it, or the second network would collide with the first.
    connection = connections[network._state.db or "default"]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Network]):
            cursor.execute(sql)


def forget_networks(apps, schema_editor):
    apps.get_model("members", "Membership").objects.update(network=None)


class Migration(migrations.Migration):
    dependencies = [("members", "0006_contact_data_validated")]

    operations = [
        migrations.RenameModel("AgreementTerms", "Network"),
        migrations.RenameModel("HistoricalAgreementTerms", "HistoricalNetwork"),
        *[
            operation
            for model in ("network", "historicalnetwork")
            for operation in (
                migrations.AddField(model, "name", models.CharField(default="", max_length=200, verbose_name="navn")),
                migrations.AddField(
                    model, "short_name", models.CharField(blank=True, default="", max_length=60, verbose_name="kortnavn")
                ),
                migrations.AddField(
                    model, "slug", models.SlugField(default="", max_length=60, verbose_name="nettadresse")
                ),
                migrations.AddField(
                    model, "sender_email", models.EmailField(blank=True, default="", max_length=254, verbose_name="avsenderadresse")
                ),
                migrations.AddField(
                    model, "public_intro", models.TextField(blank=True, default="", verbose_name="tekst på den offentlige siden")
                ),
                migrations.AddField(
                    model,
                    "public_intro_en",
                    models.TextField(blank=True, default="", verbose_name="tekst på den offentlige siden, engelsk"),
                ),
                migrations.AddField(
                    model, "tagline", models.CharField(blank=True, default="", max_length=200, verbose_name="kort beskrivelse")
                ),
                migrations.AddField(
                    model,
                    "tagline_en",
                    models.CharField(blank=True, default="", max_length=200, verbose_name="kort beskrivelse på engelsk"),
                ),
                migrations.AddField(
                    model, "admitted_kinds", models.JSONField(blank=True, default=list, verbose_name="hvem kan være part")
                ),
                migrations.AddField(
                    model, "agreement_starts_on", models.DateField(blank=True, null=True, verbose_name="avtalen gjelder fra")
                ),
                migrations.AddField(
                    model, "agreement_ends_on", models.DateField(blank=True, null=True, verbose_name="avtalen gjelder til")
                ),
                migrations.AddField(model, "renewable", models.BooleanField(default=True, verbose_name="kan fornyes")),
                migrations.AddField(
                    model, "has_dues", models.BooleanField(default=True, verbose_name="partene betaler kontingent")
                ),
                migrations.AlterField(
                    model,
                    "agreement_years",
                    models.PositiveSmallIntegerField(blank=True, default=3, null=True, verbose_name="avtalens varighet (år)"),
                ),
            )
        ],
        migrations.AddField(
            "network",
            "parent",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="members.network",
                verbose_name="del av",
            ),
        ),
        migrations.AddField(
            "historicalnetwork",
            "parent",
            models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="members.network",
                verbose_name="del av",
            ),
        ),
        migrations.AddField(
            "membership",
            "network",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.AddField(
            "historicalmembership",
            "network",
            models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RunPython(create_first_network, forget_networks),
    ]
