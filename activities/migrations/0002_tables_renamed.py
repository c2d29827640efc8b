"""The activities tables get this app's names (network_event → activities_event, …); rows stay.

The content types follow, so permissions given on events and the admin's log keep pointing at them.
"""

from django.db import migrations

MOVED = (
    "activitytargets", "attendance", "attendancereminder", "event", "participantimport", "participantrow",
    "registration", "historicalactivitytargets", "historicalattendance", "historicalevent",
    "historicalparticipantrow", "historicalregistration",
)


def content_types_follow(apps, schema_editor, *, old: str = "network", new: str = "activities"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        # On a fresh database they don't exist yet (post_migrate makes them); a half-made pair keeps the old one.
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def content_types_go_back(apps, schema_editor):
    content_types_follow(apps, schema_editor, old="activities", new="network")


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0001_initial'),
        ('network', '0006_activities_moved_to_their_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='activitytargets',
            table=None,
        ),
        migrations.AlterModelTable(
            name='attendance',
            table=None,
        ),
        migrations.AlterModelTable(
            name='attendancereminder',
            table=None,
        ),
        migrations.AlterModelTable(
            name='event',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalactivitytargets',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalattendance',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalevent',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalparticipantrow',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalregistration',
            table=None,
        ),
        migrations.AlterModelTable(
            name='participantimport',
            table=None,
        ),
        migrations.AlterModelTable(
            name='participantrow',
            table=None,
        ),
        migrations.AlterModelTable(
            name='registration',
            table=None,
        ),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
