"""Person help texts name no party (R13): «for eksempel KS» became a description of a party that is not a member."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0010_network_coordinators'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalperson',
            name='affiliation',
            field=models.CharField(blank=True, help_text='For personer uten medlemsorganisasjon: avtaleparten de kommer fra.', max_length=120, verbose_name='tilknytning'),
        ),
        migrations.AlterField(
            model_name='historicalperson',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Tom for personer utenfor medlemsorganisasjonene, for eksempel fra en avtalepart som ikke er medlem.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.organisation', verbose_name='organisasjon'),
        ),
        migrations.AlterField(
            model_name='person',
            name='affiliation',
            field=models.CharField(blank=True, help_text='For personer uten medlemsorganisasjon: avtaleparten de kommer fra.', max_length=120, verbose_name='tilknytning'),
        ),
        migrations.AlterField(
            model_name='person',
            name='organisation',
            field=models.ForeignKey(blank=True, help_text='Tom for personer utenfor medlemsorganisasjonene, for eksempel fra en avtalepart som ikke er medlem.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='people', to='members.organisation', verbose_name='organisasjon'),
        ),
    ]
