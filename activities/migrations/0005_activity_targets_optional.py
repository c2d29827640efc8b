"""Activity targets become optional (issue 22, R13): a network whose agreement sets none has none.

The three counts had model defaults, the first network's mandate («Aktiviteter»: two physical gatherings,
ten digital member meetings, ten Bærekraftsfredager), which every network asked for got. Now an empty
count means no target. Every existing row keeps its figures; the first network gets its mandate's
figures as data where its row was never made (the row was made on first use).
"""

from django.db import migrations, models

FIRST_NETWORKS_MANDATE = {"physical_gatherings_per_year": 2, "member_meetings_per_year": 10, "baerekraftsfredager_per_year": 10}


def first_networks_targets(apps, schema_editor):
    network = apps.get_model("members", "Network").objects.order_by("pk").first()
    if network is not None:
        apps.get_model("activities", "ActivityTargets").objects.get_or_create(
            network=network, defaults=FIRST_NETWORKS_MANDATE
        )


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0004_attendance_reminders_per_network'),
    ]

    operations = [
        migrations.AlterField(
            model_name='activitytargets',
            name='baerekraftsfredager_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='bærekraftsfredager per år'),
        ),
        migrations.AlterField(
            model_name='activitytargets',
            name='member_meetings_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='digitale medlemsmøter per år'),
        ),
        migrations.AlterField(
            model_name='activitytargets',
            name='physical_gatherings_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='fysiske nettverkssamlinger per år'),
        ),
        migrations.AlterField(
            model_name='historicalactivitytargets',
            name='baerekraftsfredager_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='bærekraftsfredager per år'),
        ),
        migrations.AlterField(
            model_name='historicalactivitytargets',
            name='member_meetings_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='digitale medlemsmøter per år'),
        ),
        migrations.AlterField(
            model_name='historicalactivitytargets',
            name='physical_gatherings_per_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt: ikke noe mål.', null=True, verbose_name='fysiske nettverkssamlinger per år'),
        ),
        migrations.RunPython(first_networks_targets, migrations.RunPython.noop),
    ]
