"""Seed the body-kind settings of the agreement (§6, R7, R9), the steering group and the resource
group, the six collaboration areas of the mandate, and the weekly gender-balance check (R10)."""

import json

from django.db import migrations

SETTINGS = [
    # kind, max elected seats, fixed seats, allowed term years, meetings per year min, max
    ("steering_group", 9, 1, [1, 2], 4, 5),
    ("working_group", None, 0, [], None, None),
    ("resource_group", None, 0, [], None, None),
]

BODIES = [
    (
        "steering_group",
        "Styringsgruppen",
        "styringsgruppen",
        "Nettverket ledes av en styringsgruppe bestående av opptil 9 valgte medlemmer og KS. "
        "Medlemmene velges av og blant medlemmene i nettverket for ett eller to år, og gruppen konstituerer seg selv.",
    ),
    (
        "resource_group",
        "Ressursgruppen",
        "ressursgruppen",
        "Enkelte medlemmer utgjør en ressursgruppe som faglig støtte til nettverkskoordinator. "
        "Ved behov kan medlemmer bli frikjøpt til å delta.",
    ),
]

AREAS = [
    (
        "maling-og-evaluering",
        "Utvikling av metoder for kartlegging, indikatorsett og system for måling og evaluering "
        "av det lokale og regionale bærekraftsarbeidet",
    ),
    ("lokale-data-i-plan-og-styring", "Innarbeidelse av lokale data om bærekraft i plan- og styringssystemene"),
    ("offentlige-anskaffelser", "Bærekraftige offentlige anskaffelser"),
    (
        "organisasjon-og-ledelse",
        "Bærekraftig organisasjons- og ledelsesutvikling som fremmer samarbeid på tvers av "
        "samfunnssektorer og forvaltningsnivå",
    ),
    ("innbyggerinvolvering", "Innbyggerinvolvering og mobilisering"),
    ("verdiskaping", "Bærekraftig verdiskaping"),
]


def _first_network(apps, model) -> dict:
    """Nothing here, where the rows have no network yet (0008 gives them the first); the first network when
    called with today's models (tests re-seed a flushed database after members 0007 made the network)."""
    if not any(field.name == "network" for field in model._meta.get_fields()):
        return {}
    return {"network": apps.get_model("members", "Network").objects.order_by("pk").first()}


def seed(apps, schema_editor):
    BodyKindSettings = apps.get_model("governance", "BodyKindSettings")
    Body = apps.get_model("governance", "Body")
    CollaborationArea = apps.get_model("governance", "CollaborationArea")
    network = _first_network(apps, Body)
    for kind, max_elected, fixed, years, meet_min, meet_max in SETTINGS:
        BodyKindSettings.objects.update_or_create(
            **network,
            kind=kind,
            defaults={
                "max_elected_seats": max_elected,
                "fixed_seats": fixed,
                "allowed_term_years": years,
                "meetings_per_year_min": meet_min,
                "meetings_per_year_max": meet_max,
            },
        )
    for kind, name, slug, description in BODIES:
        if not Body.objects.filter(**network, kind=kind).exists():
            Body.objects.create(**network, kind=kind, name=name, slug=slug, description=description, status="active")
    for order, (slug, name) in enumerate(AREAS, start=1):
        CollaborationArea.objects.update_or_create(**network, slug=slug, defaults={"name": name, "order": order})

    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # Mondays 06:00 Oslo time: store the week's gender balance and tell the coordinator about gaps.
    schedule, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="1", day_of_month="*", month_of_year="*", timezone="Europe/Oslo"
    )
    PeriodicTask.objects.get_or_create(
        name="Ukentlig kontroll av kjønnsbalanse",
        defaults={
            "task": "governance.check_gender_balance",
            "crontab": schedule,
            "kwargs": json.dumps({}),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_terms_elections_balance"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
