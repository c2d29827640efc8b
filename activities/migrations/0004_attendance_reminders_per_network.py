"""The autumn reminder is sent once a year in each network an organisation is a member of (R6, R13).

Every reminder already sent joins the network of the gathering it invited to (its event's), so
its year stays taken in that network and nothing is sent twice; the one-a-year rule becomes one a
year per organisation and network.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def join_events_network(apps, schema_editor):
    AttendanceReminder = apps.get_model("activities", "AttendanceReminder")
    Event = apps.get_model("activities", "Event")
    AttendanceReminder.objects.filter(network__isnull=True).update(
        network=Subquery(Event.objects.filter(pk=OuterRef("event_id")).values("network_id")[:1])
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no table is altered with checks pending


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_events_and_targets_per_network"),
        ("members", "0008_networks_constraints"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendancereminder",
            name="network",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RunPython(join_events_network, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="attendancereminder",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="members.network",
                verbose_name="nettverk",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="attendancereminder",
            name="network_one_attendance_reminder_a_year",
        ),
        migrations.AddConstraint(
            model_name="attendancereminder",
            constraint=models.UniqueConstraint(
                fields=("organisation", "network", "year"), name="activities_one_attendance_reminder_per_network_a_year"
            ),
        ),
    ]
