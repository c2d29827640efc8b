"""Open meetings and the holder of the fixed seats are data (R13, issue 22).

`Body.meetings_public` (with history): a body whose meetings are open (kommuneloven; the partnership of
seed 004) shows its published agendas and approved minutes to anyone. Every existing body stays closed.
`BodyKindSettings.fixed_seat_holder`: who holds the fixed seats («fast plass for …»); the first
network's steering group gets the party its agreement names (`FIXED_SEAT_HOLDER`), which the texts
read instead of naming it. The fixed-seat role of a term keeps its stored value ("ks"); only its label
names no party. Proven by tests/governance/test_migration_open_meetings.py.
"""

import django.db.models.deletion
from django.db import migrations, models

# The party that holds the first network's fixed steering-group seat (agreement §6: "9 valgte medlemmer og KS").
FIXED_SEAT_HOLDER = "KS"


def name_the_fixed_seat_holder(apps, schema_editor):
    first = apps.get_model("members", "Network").objects.order_by("pk").first()
    if first is None:
        return
    apps.get_model("governance", "BodyKindSettings").objects.filter(
        network=first, kind="steering_group", fixed_seats__gt=0, fixed_seat_holder=""
    ).update(fixed_seat_holder=FIXED_SEAT_HOLDER)


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0008_bodies_belong_to_networks'),
        ('members', '0009_parties_and_successors'),
    ]

    operations = [
        migrations.AddField(
            model_name='body',
            name='meetings_public',
            field=models.BooleanField(default=False, help_text='Møtene er åpne (kommuneloven): publiserte sakslister og godkjente protokoller kan leses av alle, uten innlogging. Fortrolige saker vises aldri.', verbose_name='åpne møter'),
        ),
        migrations.AddField(
            model_name='bodykindsettings',
            name='fixed_seat_holder',
            field=models.CharField(blank=True, help_text='Avtaleparten som oppnevner de faste plassene, slik den skal stå i teksten «fast plass for …».', max_length=120, verbose_name='hvem har de faste plassene'),
        ),
        migrations.AddField(
            model_name='historicalbody',
            name='meetings_public',
            field=models.BooleanField(default=False, help_text='Møtene er åpne (kommuneloven): publiserte sakslister og godkjente protokoller kan leses av alle, uten innlogging. Fortrolige saker vises aldri.', verbose_name='åpne møter'),
        ),
        migrations.AlterField(
            model_name='historicalterm',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Tom for en fast plass, som ikke representerer et medlem.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.organisation', verbose_name='representerer'),
        ),
        migrations.AlterField(
            model_name='historicalterm',
            name='role',
            field=models.CharField(choices=[('leader', 'Leder'), ('deputy', 'Nestleder'), ('member', 'Medlem'), ('ks', 'Fast plass (oppnevnt)')], default='member', max_length=10, verbose_name='rolle'),
        ),
        migrations.AlterField(
            model_name='term',
            name='organisation',
            field=models.ForeignKey(blank=True, help_text='Tom for en fast plass, som ikke representerer et medlem.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='terms', to='members.organisation', verbose_name='representerer'),
        ),
        migrations.AlterField(
            model_name='term',
            name='role',
            field=models.CharField(choices=[('leader', 'Leder'), ('deputy', 'Nestleder'), ('member', 'Medlem'), ('ks', 'Fast plass (oppnevnt)')], default='member', max_length=10, verbose_name='rolle'),
        ),
        migrations.RunPython(name_the_fixed_seat_holder, migrations.RunPython.noop),
    ]
