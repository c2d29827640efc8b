"""Bodies, settings, areas, events and activity targets join the first network (governance 0008,
activities 0003): a database from the previous main keeps every row, each in network 1.

The database is put back where the previous main left it (governance 0007, activities 0002: no
network on any of these rows), filled through that state's models, migrated forward and read
through the new state. A second, later network is there too, so "the first" is looked up, not
taken to be any network.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("governance", "0007_published_minutes_triggers"), ("activities", "0002_tables_renamed"),
    ("members", "0008_networks_constraints"),
]
AFTER = [("governance", "0008_bodies_belong_to_networks"), ("activities", "0003_events_and_targets_per_network")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill(old) -> dict:
    Network = old.get_model("members", "Network")
    first = Network.objects.order_by("pk").first() or Network.objects.create(
        name="Bærekraftsnettverket", slug="baerekraftsnettverket", notice_months=6, agreement_years=3
    )
    later = Network.objects.create(name="Kommuneklynge", slug="klynge-migrering", notice_months=12, agreement_years=3)

    BodyKindSettings = old.get_model("governance", "BodyKindSettings")
    settings, _ = BodyKindSettings.objects.update_or_create(
        kind="steering_group",
        defaults={"max_elected_seats": 7, "fixed_seats": 2, "allowed_term_years": [2],
                  "meetings_per_year_min": 3, "meetings_per_year_max": 6},
    )
    Area = old.get_model("governance", "CollaborationArea")
    area = Area.objects.create(name="Klimatilpasning (migrering)", slug="klimatilpasning-migrering", order=7)
    Body = old.get_model("governance", "Body")
    steering, _ = Body.objects.get_or_create(
        kind="steering_group", defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"}
    )
    group = Body.objects.create(kind="working_group", name="Klimagruppen", slug="klimagruppen-migrering")
    group.collaboration_areas.add(area)
    old.get_model("governance", "HistoricalBody").objects.create(
        id=group.pk, kind="working_group", name="Klimagruppa", slug="klimagruppen-migrering", status="planned",
        history_date=timezone.now() - datetime.timedelta(days=3), history_type="+",
    )

    Organisation = old.get_model("members", "Organisation")
    bergen = Organisation.objects.create(kind="kommune", number="4699", name="Bergen (migrering)",
                                         org_number="999888777")
    person = old.get_model("members", "Person").objects.create(
        organisation=bergen, first_name="Kari", last_name="Nordmann", email="kari@bergen.example"
    )
    term = old.get_model("governance", "Term").objects.create(
        body=steering, person=person, organisation=bergen, role="member", obtained="elected",
        starts_on=datetime.date(2026, 3, 20), ends_on=datetime.date(2028, 3, 19),
    )
    meeting = old.get_model("governance", "Meeting").objects.create(
        body=steering, date=datetime.date(2026, 5, 7), starts_at=datetime.time(10, 0), place="Oslo"
    )
    old.get_model("governance", "CaseNumberSeries").objects.create(body=steering, year=2026, last_number=1)
    case = old.get_model("governance", "Case").objects.create(
        body=steering, meeting=meeting, year=2026, number=1, title="Budsjett 2027", status="on_agenda"
    )

    Event = old.get_model("activities", "Event")
    start = timezone.make_aware(datetime.datetime(2026, 10, 14, 9, 0))
    event = Event.objects.create(kind="gathering", title="Høstsamling", starts_at=start,
                                 ends_at=start + datetime.timedelta(hours=6), audience="members")
    old.get_model("activities", "HistoricalEvent").objects.create(
        id=event.pk, kind="gathering", title="Høstsamling (utkast)", starts_at=start,
        ends_at=start + datetime.timedelta(hours=6), audience="members", created_at=start,
        history_date=timezone.now() - datetime.timedelta(days=2), history_type="+",
    )
    registration = old.get_model("activities", "Registration").objects.create(
        event=event, name="Kari Nordmann", email="kari@bergen.example", status="confirmed"
    )
    Targets = old.get_model("activities", "ActivityTargets")
    Targets.objects.all().delete()
    targets = Targets.objects.create(
        pk=1, physical_gatherings_per_year=3, member_meetings_per_year=8, baerekraftsfredager_per_year=9
    )
    return {"first": first.pk, "later": later.pk, "settings": settings.pk, "area": area.pk, "steering": steering.pk,
            "group": group.pk, "term": term.pk, "meeting": meeting.pk, "case": case.pk, "event": event.pk,
            "registration": registration.pk, "targets": targets.pk}


@pytest.mark.django_db(transaction=True)
def test_every_governance_and_activities_row_joins_the_first_network():
    try:
        ids = _fill(_migrate(BEFORE))
        new = _migrate(AFTER)
        first = ids["first"]

        def get(model, **lookup):
            app = "activities" if model in {"Event", "HistoricalEvent", "Registration", "ActivityTargets"} else "governance"
            return new.get_model(app, model).objects.get(**lookup)

        for app, model in [("governance", "BodyKindSettings"), ("governance", "Body"),
                           ("governance", "CollaborationArea"), ("governance", "HistoricalBody"),
                           ("activities", "Event"), ("activities", "HistoricalEvent"),
                           ("activities", "ActivityTargets")]:
            rows = new.get_model(app, model).objects.all()
            assert rows.exists(), model
            assert set(rows.values_list("network_id", flat=True)) == {first}, model

        settings = get("BodyKindSettings", pk=ids["settings"])
        assert (settings.kind, settings.max_elected_seats, settings.fixed_seats) == ("steering_group", 7, 2)
        assert (settings.meetings_per_year_min, settings.meetings_per_year_max) == (3, 6)
        group = get("Body", pk=ids["group"])
        assert (group.network_id, group.name) == (first, "Klimagruppen")
        assert list(group.collaboration_areas.values_list("pk", flat=True)) == [ids["area"]]
        assert get("HistoricalBody", id=ids["group"]).name == "Klimagruppa"
        # Seats, meetings and case numbers follow their body.
        assert get("Term", pk=ids["term"]).body_id == ids["steering"]
        assert get("Meeting", pk=ids["meeting"]).body.network_id == first
        case = get("Case", pk=ids["case"])
        assert (case.body_id, case.meeting_id, case.year, case.number) == (ids["steering"], ids["meeting"], 2026, 1)
        assert get("CaseNumberSeries", body_id=ids["steering"], year=2026).last_number == 1

        event = get("Event", pk=ids["event"])
        assert (event.network_id, event.title) == (first, "Høstsamling")
        assert get("HistoricalEvent", id=ids["event"]).title == "Høstsamling (utkast)"
        assert get("Registration", pk=ids["registration"]).event_id == ids["event"]
        targets = get("ActivityTargets", pk=ids["targets"])
        assert (targets.network_id, targets.member_meetings_per_year, targets.baerekraftsfredager_per_year) == (
            first, 8, 9,
        )

        # One steering group and one settings row per kind in each network; the later network has its own.
        Body = new.get_model("governance", "Body")
        with pytest.raises(IntegrityError), transaction.atomic():
            Body.objects.create(network_id=first, kind="steering_group", name="Ny", slug="ny-styringsgruppe")
        Body.objects.create(network_id=ids["later"], kind="steering_group", name="Klyngestyret", slug="klyngestyret")
        Settings = new.get_model("governance", "BodyKindSettings")
        with pytest.raises(IntegrityError), transaction.atomic():
            Settings.objects.create(network_id=first, kind="steering_group")
        Settings.objects.create(network_id=ids["later"], kind="steering_group", max_elected_seats=12)
        Area = new.get_model("governance", "CollaborationArea")
        with pytest.raises(IntegrityError), transaction.atomic():
            Area.objects.create(network_id=first, name="Annet navn", slug="klimatilpasning-migrering")
        Area.objects.create(network_id=ids["later"], name="Klimatilpasning (migrering)", slug="klimatilpasning-migrering")
        Targets = new.get_model("activities", "ActivityTargets")
        with pytest.raises(IntegrityError), transaction.atomic():
            Targets.objects.create(network_id=first)
        Targets.objects.create(network_id=ids["later"], member_meetings_per_year=12)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
