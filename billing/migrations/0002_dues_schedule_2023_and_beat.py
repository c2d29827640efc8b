"""The 2023 dues schedule (R3), the issuer row, the number counter and the beat schedules."""

import datetime
import json

from django.db import migrations

NOK = 100  # øre


def forwards(apps, schema_editor):
    DuesSchedule = apps.get_model("billing", "DuesSchedule")
    DuesTier = apps.get_model("billing", "DuesTier")
    BillingSettings = apps.get_model("billing", "BillingSettings")
    NumberCounter = apps.get_model("billing", "NumberCounter")
    schedule, created = DuesSchedule.objects.get_or_create(
        valid_from=datetime.date(2023, 1, 1), defaults={"name": "Samarbeidsavtalen §7 (2023)"}
    )
    if created:
        for kind, low, high, nok, label in [
            ("kommune", None, 19999, 25000, "Kommune under 20 000 innbyggere"),
            ("kommune", 20000, 80000, 50000, "Kommune 20 000–80 000 innbyggere"),
            ("kommune", 80001, None, 75000, "Kommune over 80 000 innbyggere"),
            ("fylkeskommune", None, None, 75000, "Fylkeskommune"),
        ]:
            DuesTier.objects.create(
                schedule=schedule, kind=kind, population_min=low, population_max=high, amount_ore=nok * NOK, label=label
            )
    BillingSettings.objects.get_or_create(pk=1)
    NumberCounter.objects.get_or_create(key="documents")

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


def backwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=["billing.run_dues", "billing.send_reminders"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
