"""Parties of more kinds, organisations that end and their successors (issue 22).

New kinds have no kommune-/fylkesnummer (blank); existing rows keep theirs and no row changes.
Organisation.ended_on, Succession (with history), Membership.end_reason and carried_over_from.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0008_networks_constraints'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSuccession',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('source', models.CharField(blank=True, max_length=200, verbose_name='kilde')),
                ('linked_at', models.DateTimeField(blank=True, editable=False, verbose_name='koblet')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical etterfølger',
                'verbose_name_plural': 'historical etterfølgere',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Succession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(blank=True, max_length=200, verbose_name='kilde')),
                ('linked_at', models.DateTimeField(auto_now_add=True, verbose_name='koblet')),
            ],
            options={
                'verbose_name': 'etterfølger',
                'verbose_name_plural': 'etterfølgere',
                'ordering': ['predecessor__name', 'successor__name'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_kind_number_unique',
        ),
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_number_length_matches_kind',
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='carried_over_from',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Medlemskapet til organisasjonen denne tok over etter.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.membership', verbose_name='overført fra'),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='end_reason',
            field=models.CharField(blank=True, choices=[('organisation_ended', 'Organisasjonen er avviklet'), ('carried_over', 'Overført til etterfølgeren')], max_length=20, verbose_name='grunn til at medlemskapet ble avsluttet'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='ended_on',
            field=models.DateField(blank=True, help_text='Siste dag organisasjonen fantes, for eksempel før en sammenslåing.', null=True, verbose_name='avviklet'),
        ),
        migrations.AddField(
            model_name='membership',
            name='carried_over_from',
            field=models.ForeignKey(blank=True, help_text='Medlemskapet til organisasjonen denne tok over etter.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='carried_over_to', to='members.membership', verbose_name='overført fra'),
        ),
        migrations.AddField(
            model_name='membership',
            name='end_reason',
            field=models.CharField(blank=True, choices=[('organisation_ended', 'Organisasjonen er avviklet'), ('carried_over', 'Overført til etterfølgeren')], max_length=20, verbose_name='grunn til at medlemskapet ble avsluttet'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='ended_on',
            field=models.DateField(blank=True, help_text='Siste dag organisasjonen fantes, for eksempel før en sammenslåing.', null=True, verbose_name='avviklet'),
        ),
        migrations.AlterField(
            model_name='historicalorganisation',
            name='kind',
            field=models.CharField(choices=[('kommune', 'Kommune'), ('fylkeskommune', 'Fylkeskommune'), ('council', 'Interkommunalt politisk råd'), ('state_body', 'Statlig organ'), ('interest_org', 'Interesseorganisasjon for kommunesektoren'), ('research', 'Forsknings- og kompetanseaktør')], max_length=16, verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='historicalorganisation',
            name='number',
            field=models.CharField(blank=True, help_text='Kommunenummer (4 sifre) eller fylkesnummer (2 sifre). Tomt for andre typer parter.', max_length=4, verbose_name='kommune-/fylkesnummer'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='kind',
            field=models.CharField(choices=[('kommune', 'Kommune'), ('fylkeskommune', 'Fylkeskommune'), ('council', 'Interkommunalt politisk råd'), ('state_body', 'Statlig organ'), ('interest_org', 'Interesseorganisasjon for kommunesektoren'), ('research', 'Forsknings- og kompetanseaktør')], max_length=16, verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='number',
            field=models.CharField(blank=True, help_text='Kommunenummer (4 sifre) eller fylkesnummer (2 sifre). Tomt for andre typer parter.', max_length=4, verbose_name='kommune-/fylkesnummer'),
        ),
        migrations.AddField(
            model_name='historicalsuccession',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalsuccession',
            name='linked_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='koblet av'),
        ),
        migrations.AddField(
            model_name='historicalsuccession',
            name='predecessor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.organisation', verbose_name='tidligere organisasjon'),
        ),
        migrations.AddField(
            model_name='historicalsuccession',
            name='successor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.organisation', verbose_name='etterfølger'),
        ),
        migrations.AddField(
            model_name='succession',
            name='linked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='koblet av'),
        ),
        migrations.AddField(
            model_name='succession',
            name='predecessor',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='successions_as_predecessor', to='members.organisation', verbose_name='tidligere organisasjon'),
        ),
        migrations.AddField(
            model_name='succession',
            name='successor',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='successions_as_successor', to='members.organisation', verbose_name='etterfølger'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='successors',
            field=models.ManyToManyField(blank=True, related_name='predecessors', through='members.Succession', through_fields=('predecessor', 'successor'), to='members.organisation', verbose_name='etterfølgere'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(condition=models.Q(('number', ''), _negated=True), fields=('kind', 'number'), name='organisation_kind_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'kommune'), ('number__length', 4)), models.Q(('kind', 'fylkeskommune'), ('number__length', 2)), models.Q(models.Q(('kind__in', ['kommune', 'fylkeskommune']), _negated=True), ('number', '')), _connector='OR'), name='organisation_number_length_matches_kind'),
        ),
        migrations.AddConstraint(
            model_name='succession',
            constraint=models.UniqueConstraint(fields=('predecessor', 'successor'), name='succession_once_per_pair'),
        ),
        migrations.AddConstraint(
            model_name='succession',
            constraint=models.CheckConstraint(condition=models.Q(('predecessor', models.F('successor')), _negated=True), name='succession_not_own_successor'),
        ),
    ]
