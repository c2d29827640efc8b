"""Register the daily lifecycle tasks in django-celery-beat (Europe/Oslo)."""

import json

from django.db import migrations

TASKS = [
    # (name, task, hour, minute)
    ("Avslutt medlemskap som har trådt ut (daglig)", "members.end_due_memberships", "0", "15"),
    ("Varsel om avtaler som må fornyes (daglig)", "members.send_renewal_reminders", "7", "0"),
]


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, hour, minute in TASKS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Europe/Oslo",
        )
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={"task": task, "crontab": crontab, "interval": None, "enabled": True, "args": json.dumps([])},
        )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[task for _name, task, _h, _m in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_portal_lifecycle"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
