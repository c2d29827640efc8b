"""Attendance reminders per network (activities 0004): every reminder already sent keeps its row and joins
the network of the gathering it invited to, so its year stays taken there and nothing is sent twice."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import NetworkFactory, OrganisationFactory

BEFORE = [("activities", "0003_events_and_targets_per_network")]
AFTER = [("activities", "0004_attendance_reminders_per_network")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_reminder_sent_joins_its_gatherings_network_and_keeps_its_year():
    # The networks and the organisation with today's models (members is migrated further than activities 0003).
    first, second = NetworkFactory(slug="migrering-en"), NetworkFactory(slug="migrering-to")
    bergen = OrganisationFactory(name="Bergen")
    try:
        old = _migrate(BEFORE)
        start = timezone.make_aware(datetime.datetime(2026, 10, 14, 9, 0))
        Event = old.get_model("activities", "Event")
        gatherings = [
            Event.objects.create(
                network_id=network.pk, kind="gathering", title=f"Høstsamling {network.slug}", starts_at=start,
                ends_at=start + datetime.timedelta(hours=7), audience="members",
            )
            for network in (first, second)
        ]
        Reminder = old.get_model("activities", "AttendanceReminder")
        sent_2025 = Reminder.objects.create(organisation_id=bergen.pk, year=2025, event=gatherings[0], recipients="a@bergen.no")
        sent_2026 = Reminder.objects.create(organisation_id=bergen.pk, year=2026, event=gatherings[1], recipients="b@bergen.no")

        new = _migrate(AFTER)
        Reminder = new.get_model("activities", "AttendanceReminder")
        assert list(Reminder.objects.order_by("pk").values_list("pk", "organisation_id", "year", "network_id", "recipients")) == [
            (sent_2025.pk, bergen.pk, 2025, first.pk, "a@bergen.no"),
            (sent_2026.pk, bergen.pk, 2026, second.pk, "b@bergen.no"),
        ]
        # 2026 is taken in the second network; the first may still remind Bergen that year, once.
        Reminder.objects.create(organisation_id=bergen.pk, network_id=first.pk, year=2026, event_id=gatherings[0].pk)
        with pytest.raises(IntegrityError), transaction.atomic():
            Reminder.objects.create(organisation_id=bergen.pk, network_id=second.pk, year=2026, event_id=gatherings[1].pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
