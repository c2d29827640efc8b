"""The 2023 dues schedule (R3), the issuer row, the number counter and the beat schedules."""

import datetime
import json

from django.db import migrations

NOK = 100  # øre


# The schedule of the agreement's §7: (kind, population from, population to, NOK, label).
TIERS_2023 = [
    ("kommune", None, 19999, 25000, "Kommune under 20 000 innbyggere"),
    ("kommune", 20000, 80000, 50000, "Kommune 20 000–80 000 innbyggere"),
    ("kommune", 80001, None, 75000, "Kommune over 80 000 innbyggere"),
    ("fylkeskommune", None, None, 75000, "Fylkeskommune"),
]


def seed_schedule_2023(apps, **lookup):
    """The 2023 schedule and its tiers, once; `lookup`: the network, in the layout of billing 0010 on."""
    DuesSchedule = apps.get_model("billing", "DuesSchedule")
    DuesTier = apps.get_model("billing", "DuesTier")
    schedule, created = DuesSchedule.objects.get_or_create(
        valid_from=datetime.date(2023, 1, 1), **lookup, defaults={"name": "Samarbeidsavtalen §7 (2023)"}
    )
    if created:
        for kind, low, high, nok, label in TIERS_2023:
            DuesTier.objects.create(
                schedule=schedule, kind=kind, population_min=low, population_max=high, amount_ore=nok * NOK, label=label
            )


def seed_beat(apps):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    january, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_month="3", month_of_year="1", day_of_week="*", timezone="Europe/Oslo"
    )
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Europe/Oslo"
    )
    PeriodicTask.objects.get_or_create(
        name="Kontingent: årlig fakturering (3. januar)",
        defaults={"task": "billing.run_dues", "crontab": january, "args": json.dumps([]), "enabled": True},
    )
    PeriodicTask.objects.get_or_create(
        name="Faktura: daglige purringer",
        defaults={"task": "billing.send_reminders", "crontab": daily, "args": json.dumps([]), "enabled": True},
    )


def forwards(apps, schema_editor):
    """In this migration's layout only; after a flush, billing 0009's `seed` makes these rows in today's."""
    seed_schedule_2023(apps)
    apps.get_model("billing", "BillingSettings").objects.get_or_create(pk=1)
    apps.get_model("billing", "NumberCounter").objects.get_or_create(key="documents")
    seed_beat(apps)


def backwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=["billing.run_dues", "billing.send_reminders"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
