"""An issuer's name, organisation number, address, account and e-mail have no default any more (R13: they
are the issuer's data, not code). Every existing issuer keeps its values; the first issuer's are written
by 0009 (`FIRST_ISSUER`) where it makes one. Proven by tests/billing/test_migration_issuer_defaults.py.
"""

import billing.issuer_models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0012_issuer_billing_admins'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalissuer',
            name='bank_account',
            field=models.CharField(max_length=11, validators=[billing.issuer_models.validate_bank_account], verbose_name='kontonummer'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='email',
            field=models.EmailField(max_length=254, verbose_name='e-post'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='issuer_name',
            field=models.CharField(max_length=200, verbose_name='utsteder'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='issuer_org_number',
            field=models.CharField(max_length=9, validators=[billing.issuer_models.validate_issuer_org_number], verbose_name='organisasjonsnummer'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='postal_code',
            field=models.CharField(max_length=4, verbose_name='postnummer'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='postal_place',
            field=models.CharField(max_length=80, verbose_name='poststed'),
        ),
        migrations.AlterField(
            model_name='historicalissuer',
            name='street_address',
            field=models.CharField(max_length=200, verbose_name='adresse'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='bank_account',
            field=models.CharField(max_length=11, validators=[billing.issuer_models.validate_bank_account], verbose_name='kontonummer'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='email',
            field=models.EmailField(max_length=254, verbose_name='e-post'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='issuer_name',
            field=models.CharField(max_length=200, verbose_name='utsteder'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='issuer_org_number',
            field=models.CharField(max_length=9, validators=[billing.issuer_models.validate_issuer_org_number], verbose_name='organisasjonsnummer'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='postal_code',
            field=models.CharField(max_length=4, verbose_name='postnummer'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='postal_place',
            field=models.CharField(max_length=80, verbose_name='poststed'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='street_address',
            field=models.CharField(max_length=200, verbose_name='adresse'),
        ),
    ]
