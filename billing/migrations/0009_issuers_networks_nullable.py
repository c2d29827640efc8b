"""Billing per network (issue 22, R13): the issuer row joins network 1 and every billing row follows.

Adds, nullable, the network of dues schedules, dues runs and invoices, the issuer of invoices, the
issuer of the number counter, and which issuer invoices a network (NetworkBilling). The data step
attaches what exists to the first network and the first issuer: every invoice and credit note keeps
its number, amount and issuer snapshot exactly; only the two new references are written (the
immutability trigger of 0004 is paused for that one statement). The counter of the one sequence
becomes issuer 1's, so its numbering continues unchanged. 0010 then makes the references required.
"""

import importlib

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.core.management.color import no_style
from django.db import connections, migrations, models

SEED_0002 = importlib.import_module("billing.migrations.0002_dues_schedule_2023_and_beat")
MEMBERS_0007 = importlib.import_module("members.migrations.0007_agreement_terms_become_networks")


# The first issuer, as the settings row of 0001/0002 was made (their field defaults). The model has no
# defaults since 0012: an issuer's details are its data, written here and in the coordinator's settings.
FIRST_ISSUER = {
    "issuer_name": "KS",
    "issuer_org_number": "971032146",
    "street_address": "Haakon VIIs gate 9",
    "postal_code": "0161",
    "postal_place": "Oslo",
    "bank_account": "86011117947",
    "email": "faktura@ks.no",
}


def _first_network_and_issuer(apps):
    """Network 1 (members 0007 made it) and the issuer that invoices it: the first issuer, made with
    `FIRST_ISSUER` if none was ever made. The issuer row was written with an explicit id (0002): the id
    sequence is moved past it, or a second issuer would collide with the first."""
    Network = apps.get_model("members", "Network")
    if not Network.objects.exists():
        # Members 0007 makes network 1; a database emptied since (tests flush theirs) gets it here.
        MEMBERS_0007.create_first_network(apps, None)
    network = Network.objects.order_by("pk").first()
    Issuer = apps.get_model("billing", "Issuer")
    issuer = Issuer.objects.order_by("pk").first() or Issuer.objects.create(**FIRST_ISSUER)
    connection = connections[issuer._state.db or "default"]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Issuer]):
            cursor.execute(sql)
    apps.get_model("billing", "NetworkBilling").objects.get_or_create(network=network, defaults={"issuer": issuer})
    return network, issuer


def attach_to_first_network(apps, schema_editor):
    """Every schedule, run and invoice joins network 1; invoices and the counter join its issuer."""
    network, issuer = _first_network_and_issuer(apps)
    for model in ("DuesSchedule", "HistoricalDuesSchedule", "DuesRun"):
        apps.get_model("billing", model).objects.filter(network__isnull=True).update(network=network)
    apps.get_model("billing", "HistoricalInvoice").objects.filter(network__isnull=True).update(
        network=network, issuer=issuer
    )
    invoices = apps.get_model("billing", "Invoice").objects.filter(network__isnull=True)
    if invoices.exists():
        connection = connections[invoices.db]
        postgresql = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            if postgresql:
                # Checked at once, so the trigger can be switched back on in this transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE billing_invoice DISABLE TRIGGER billing_invoice_immutable")
            invoices.update(network=network, issuer=issuer)
            if postgresql:
                cursor.execute("ALTER TABLE billing_invoice ENABLE TRIGGER billing_invoice_immutable")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    NumberCounter = apps.get_model("billing", "NumberCounter")
    if not NumberCounter.objects.filter(issuer=issuer).exists():
        NumberCounter.objects.filter(key="documents").update(issuer=issuer)


def counters_back_to_keys(apps, schema_editor):
    """Back to the one keyed sequence: the first issuer's counter is "documents" again."""
    for position, counter in enumerate(apps.get_model("billing", "NumberCounter").objects.order_by("issuer_id")):
        counter.key = f"issuer-{counter.issuer_id}" if position else "documents"
        counter.save(update_fields=["key"])


def seed(apps, schema_editor):
    """After a flush (tests/e2e SEEDING_MIGRATIONS), in today's layout: what 0002 and this migration
    leave, i.e. network 1's 2023 schedule, its issuer and counter, and the beat schedules."""
    network, issuer = _first_network_and_issuer(apps)
    SEED_0002.seed_schedule_2023(apps, network=network)
    apps.get_model("billing", "NumberCounter").objects.get_or_create(issuer=issuer)
    SEED_0002.seed_beat(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0008_billing_settings_become_issuer'),
        ('members', '0008_networks_constraints'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalNetworkBilling',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical fakturering for nettverk',
                'verbose_name_plural': 'historical fakturering for nettverk',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='NetworkBilling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'fakturering for nettverk',
                'verbose_name_plural': 'fakturering for nettverk',
                'ordering': ['network__name'],
            },
        ),
        migrations.AlterModelOptions(
            name='duesrun',
            options={'ordering': ['-year', 'network'], 'verbose_name': 'kontingentkjøring', 'verbose_name_plural': 'kontingentkjøringer'},
        ),
        migrations.AlterModelOptions(
            name='duesschedule',
            options={'ordering': ['network', '-valid_from'], 'verbose_name': 'kontingentsats', 'verbose_name_plural': 'kontingentsatser'},
        ),
        migrations.AlterModelOptions(
            name='historicalissuer',
            options={'get_latest_by': ('history_date', 'history_id'), 'ordering': ('-history_date', '-history_id'), 'verbose_name': 'historical utsteder', 'verbose_name_plural': 'historical utstedere'},
        ),
        migrations.AlterModelOptions(
            name='issuer',
            options={'ordering': ['pk'], 'verbose_name': 'utsteder', 'verbose_name_plural': 'utstedere'},
        ),
        migrations.AddField(
            model_name='duesrun',
            name='network',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='dues_runs', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='duesschedule',
            name='network',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='dues_schedules', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalduesschedule',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalinvoice',
            name='issuer',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddField(
            model_name='historicalinvoice',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalissuer',
            name='kid_prefix',
            field=models.CharField(blank=True, default='', help_text='Sifre foran fakturanummeret i KID. Hver utsteder har sitt eget; én kan ha tomt.', max_length=4, validators=[django.core.validators.RegexValidator('^[0-9]*$', 'KID-prefikset kan bare ha sifre.')], verbose_name='KID-prefiks'),
        ),
        migrations.AddField(
            model_name='invoice',
            name='issuer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddField(
            model_name='invoice',
            name='network',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='issuer',
            name='kid_prefix',
            field=models.CharField(blank=True, default='', help_text='Sifre foran fakturanummeret i KID. Hver utsteder har sitt eget; én kan ha tomt.', max_length=4, validators=[django.core.validators.RegexValidator('^[0-9]*$', 'KID-prefikset kan bare ha sifre.')], verbose_name='KID-prefiks'),
        ),
        migrations.AddField(
            model_name='numbercounter',
            name='issuer',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='number_counter', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddConstraint(
            model_name='issuer',
            constraint=models.UniqueConstraint(fields=('kid_prefix',), name='issuer_kid_prefix_unique', violation_error_message='En annen utsteder har allerede dette KID-prefikset.'),
        ),
        migrations.AddConstraint(
            model_name='issuer',
            constraint=models.CheckConstraint(condition=models.Q(('kid_prefix__regex', '^[0-9]*$')), name='issuer_kid_prefix_digits'),
        ),
        migrations.AddField(
            model_name='historicalnetworkbilling',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalnetworkbilling',
            name='issuer',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Hvem som fakturerer nettverkets kontingent.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddField(
            model_name='historicalnetworkbilling',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='networkbilling',
            name='issuer',
            field=models.ForeignKey(blank=True, help_text='Hvem som fakturerer nettverkets kontingent.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='networks', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddField(
            model_name='networkbilling',
            name='network',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='billing', to='members.network', verbose_name='nettverk'),
        ),
        migrations.RunPython(attach_to_first_network, migrations.RunPython.noop),
    ]
