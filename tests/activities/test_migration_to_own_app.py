"""Activities moved from the network app to their own (issue 21): a database from before keeps every row.

The database is put back where the previous main left it (network.0005, tables network_event, …),
filled through that state's models, then migrated to the new layout (activities.0002) and read
through the new state's models. Content types follow the models, so a permission given on events
before the move still names the same rows afterwards.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("network", "0005_merge_20261123_1159")]
AFTER = [("activities", "0002_tables_renamed")]
TABLES = (
    "activitytargets", "event", "registration", "attendance", "participantimport", "participantrow",
    "attendancereminder", "historicalevent", "historicalregistration", "historicalattendance",
    "historicalparticipantrow", "historicalactivitytargets",
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill_the_old_layout(old) -> dict:
    """One of every activities row, with its history, as the previous main stored them."""
    ContentType = old.get_model("contenttypes", "ContentType")
    # Before the move no activities content type existed (the test database made them from today's models).
    ContentType.objects.filter(app_label="activities").delete()
    Organisation = old.get_model("members", "Organisation")
    Person = old.get_model("members", "Person")
    Event = old.get_model("network", "Event")
    start = timezone.make_aware(datetime.datetime(2026, 10, 14, 9, 0))
    organisation = Organisation.objects.create(kind="kommune", number="4601", name="Bergen", org_number="964338531")
    person = Person.objects.create(organisation=organisation, first_name="Kari", last_name="Nordmann", email="kari@bergen.kommune.no")
    event = Event.objects.create(
        kind="gathering", title="Høstsamling", starts_at=start, ends_at=start + datetime.timedelta(hours=7),
        place="Bergen", capacity=80, audience="members",
    )
    registration = old.get_model("network", "Registration").objects.create(
        event=event, person=person, organisation=organisation, name="Kari Nordmann",
        email="kari@bergen.kommune.no", status="confirmed",
    )
    attendance = old.get_model("network", "Attendance").objects.create(
        event=event, person=person, registration=registration, organisation=organisation,
        name="Kari Nordmann", email="kari@bergen.kommune.no", source="checkin",
    )
    participant_import = old.get_model("network", "ParticipantImport").objects.create(
        event=event, file_name="deltakere.csv", row_count=2, matched_count=1
    )
    row = old.get_model("network", "ParticipantRow").objects.create(
        participant_import=participant_import, event=event, line_number=3, name="Ola Ukjent",
        email="ola@example.no", reason="Ingen treff", status="pending",
    )
    reminder = old.get_model("network", "AttendanceReminder").objects.create(
        organisation=organisation, year=2026, event=event, recipients="kari@bergen.kommune.no"
    )
    targets = old.get_model("network", "ActivityTargets").objects.create(
        physical_gatherings_per_year=3, member_meetings_per_year=9, baerekraftsfredager_per_year=8
    )
    old.get_model("network", "HistoricalEvent").objects.create(
        id=event.pk, kind="gathering", title="Høstsamling (utkast)", starts_at=start,
        ends_at=start + datetime.timedelta(hours=7), audience="members", created_at=event.created_at,
        history_date=timezone.now(), history_type="+",
    )
    event_type, _created = ContentType.objects.get_or_create(app_label="network", model="event")
    permission, _created = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=event_type, codename="change_event", defaults={"name": "Can change event"}
    )
    old.get_model("auth", "Group").objects.create(name="Arrangører").permissions.add(permission)
    return {
        "event": event.pk, "registration": registration.pk, "attendance": attendance.pk,
        "import": participant_import.pk, "row": row.pk, "reminder": reminder.pk, "targets": targets.pk,
        "organisation": organisation.pk, "person": person.pk, "event_type": event_type.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_activities_row():
    try:
        ids = _fill_the_old_layout(_migrate(BEFORE))
        new = _migrate(AFTER)

        event = new.get_model("activities", "Event").objects.get(pk=ids["event"])
        assert (event.title, event.kind, event.capacity, event.place) == ("Høstsamling", "gathering", 80, "Bergen")
        registration = new.get_model("activities", "Registration").objects.get(pk=ids["registration"])
        assert (registration.event_id, registration.person_id, registration.email) == (
            ids["event"], ids["person"], "kari@bergen.kommune.no"
        )
        attendance = new.get_model("activities", "Attendance").objects.get(pk=ids["attendance"])
        assert (attendance.registration_id, attendance.organisation_id, attendance.source) == (
            ids["registration"], ids["organisation"], "checkin"
        )
        participant_import = new.get_model("activities", "ParticipantImport").objects.get(pk=ids["import"])
        assert (participant_import.file_name, participant_import.row_count) == ("deltakere.csv", 2)
        row = new.get_model("activities", "ParticipantRow").objects.get(pk=ids["row"])
        assert (row.participant_import_id, row.email, row.status) == (ids["import"], "ola@example.no", "pending")
        reminder = new.get_model("activities", "AttendanceReminder").objects.get(pk=ids["reminder"])
        assert (reminder.organisation_id, reminder.year, reminder.event_id) == (ids["organisation"], 2026, ids["event"])
        targets = new.get_model("activities", "ActivityTargets").objects.get(pk=ids["targets"])
        assert targets.physical_gatherings_per_year == 3
        history = new.get_model("activities", "HistoricalEvent").objects.get(id=ids["event"])
        assert history.title == "Høstsamling (utkast)"

        # The tables carry the new app's name; none is left behind under the old one.
        tables = set(connection.introspection.table_names())
        assert {f"activities_{name}" for name in TABLES} <= tables
        assert not {f"network_{name}" for name in TABLES} & tables
        assert {"network_job", "network_bulkemail", "network_bulkemailrecipient"} <= tables

        # The content type (and so the permission given on it) moved with the model.
        event_type = new.get_model("contenttypes", "ContentType").objects.get(pk=ids["event_type"])
        assert (event_type.app_label, event_type.model) == ("activities", "event")
        group = new.get_model("auth", "Group").objects.get(name="Arrangører")
        assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
            ("activities", "change_event")
        ]

        # New rows get fresh ids after the rename (the identity sequence came along).
        Event = new.get_model("activities", "Event")
        later = Event.objects.create(
            kind="member_meeting", title="Medlemsmøte", starts_at=event.starts_at + datetime.timedelta(days=7),
            ends_at=event.ends_at + datetime.timedelta(days=7), audience="members",
        )
        assert later.pk > ids["event"]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_and_keeps_the_rows():
    try:
        ids = _fill_the_old_layout(_migrate(BEFORE))
        _migrate(AFTER)
        back = _migrate(BEFORE)
        assert back.get_model("network", "Event").objects.get(pk=ids["event"]).title == "Høstsamling"
        assert back.get_model("network", "Attendance").objects.get(pk=ids["attendance"]).event_id == ids["event"]
        assert back.get_model("contenttypes", "ContentType").objects.get(pk=ids["event_type"]).app_label == "network"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
