"""Billing per network (issue 22), step two: the references 0009 filled become required; numbers are
unique per issuer, dues runs per (network, year), schedules per (network, date), a dues invoice per
(member, network, year); the counter is known by its issuer, no longer by a key."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SEED_0009 = importlib.import_module("billing.migrations.0009_issuers_networks_nullable")


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0009_issuers_networks_nullable'),
        ('members', '0008_networks_constraints'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='invoice',
            name='invoice_one_dues_invoice_per_member_and_year',
        ),
        # Back: the key column returns empty, is filled, then required again.
        migrations.AlterField(model_name="numbercounter", name="key", field=models.CharField(max_length=32, null=True)),
        migrations.RunPython(migrations.RunPython.noop, SEED_0009.counters_back_to_keys),
        migrations.RemoveField(
            model_name='numbercounter',
            name='key',
        ),
        migrations.AlterField(
            model_name='duesrun',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dues_runs', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AlterField(
            model_name='duesrun',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='duesschedule',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dues_schedules', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AlterField(
            model_name='duesschedule',
            name='valid_from',
            field=models.DateField(verbose_name='gjelder fra'),
        ),
        migrations.AlterField(
            model_name='historicalduesschedule',
            name='valid_from',
            field=models.DateField(verbose_name='gjelder fra'),
        ),
        migrations.AlterField(
            model_name='historicalinvoice',
            name='number',
            field=models.PositiveBigIntegerField(verbose_name='nummer'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='issuer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='number',
            field=models.PositiveBigIntegerField(verbose_name='nummer'),
        ),
        migrations.AlterField(
            model_name='numbercounter',
            name='issuer',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='number_counter', to='billing.issuer', verbose_name='utsteder'),
        ),
        migrations.AddConstraint(
            model_name='duesrun',
            constraint=models.UniqueConstraint(fields=('network', 'year'), name='dues_run_one_per_network_and_year'),
        ),
        migrations.AddConstraint(
            model_name='duesschedule',
            constraint=models.UniqueConstraint(fields=('network', 'valid_from'), name='dues_schedule_one_per_network_and_date'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.UniqueConstraint(fields=('issuer', 'number'), name='invoice_number_unique_per_issuer'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.UniqueConstraint(condition=models.Q(('purpose', 'dues'), ('type', 'invoice')), fields=('organisation', 'network', 'dues_year'), name='invoice_one_dues_invoice_per_member_network_and_year'),
        ),
    ]
