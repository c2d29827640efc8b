"""Migrations network 0007–0008: every existing job (and so its bulk email and their recipients) joins the
first network, pk order, and nothing else about them changes.

The database is put back before 0007, filled as the previous main left it (jobs of every status, one with a
bulk email and its log), a second network is added so «the first» is a choice, and migrated forward.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

NETWORK_BEFORE = ("network", "0006_activities_moved_to_their_app")
AFTER = [("network", "0008_job_network_required")]

JOB_FIELDS = ("pk", "kind", "label", "status", "total", "done", "failed", "message", "started_by_id", "created_at")
BULK_FIELDS = ("pk", "subject", "body", "audience", "selection", "job_id", "created_by_id", "created_at")
RECIPIENT_FIELDS = ("pk", "bulk_email_id", "organisation_id", "person_id", "email", "status", "sent_at", "error")


def _rows(model, fields):
    return sorted(model.objects.values_list(*fields))


@pytest.mark.django_db(transaction=True)
def test_every_job_and_bulk_email_is_kept_and_belongs_to_the_first_network():
    try:
        _migrate_and_check()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate_and_check():
    executor = MigrationExecutor(connection)
    # The network app before 0007, every other app as it is now.
    before = [NETWORK_BEFORE, *(node for node in executor.loader.graph.leaf_nodes() if node[0] != "network")]
    executor.migrate(before)
    executor.loader.build_graph()
    old = executor.loader.project_state(before).apps
    Network = old.get_model("members", "Network")
    User = old.get_model("members", "User")
    Organisation = old.get_model("members", "Organisation")
    Person = old.get_model("members", "Person")
    Job = old.get_model("network", "Job")
    BulkEmail = old.get_model("network", "BulkEmail")
    Recipient = old.get_model("network", "BulkEmailRecipient")

    # An earlier transactional test may have flushed the network the migrations made: one is made again.
    first = Network.objects.order_by("pk").first() or Network.objects.create(name="Første", slug="forste-jobber")
    second = Network.objects.create(name="Klyngen", slug="klyngen-jobber")
    assert first.pk < second.pk

    coordinator = User.objects.create(email="koordinator-jobber@example.no")
    alta = Organisation.objects.create(kind="kommune", number="5601", name="Alta", org_number="944588132")
    kari = Person.objects.create(organisation=alta, first_name="Kari", last_name="Nordmann", email="kari@alta.no")
    ola = Person.objects.create(organisation=alta, first_name="Ola", last_name="Nordmann", email="ola@alta.no")
    sent = Job.objects.create(
        kind="bulk_email", label="E-post: Samling i mars", status="done", total=2, done=2, failed=1,
        message="1 sendt, 1 feilet.", started_by=coordinator, finished_at=timezone.now(),
    )  # fmt: skip
    Job.objects.create(kind="bulk_email", label="E-post: I kø", status="queued", total=5)
    Job.objects.create(kind="bulk_email", label="E-post: Kjører", status="running", total=5, done=3)
    bulk = BulkEmail.objects.create(
        subject="Samling i mars", body="Velkommen!", audience="all", selection="alle", job=sent, created_by=coordinator
    )
    Recipient.objects.create(
        bulk_email=bulk, organisation=alta, person=kari, email="kari@alta.no", status="sent",
        sent_at=timezone.make_aware(datetime.datetime(2025, 3, 1, 10)),
    )  # fmt: skip
    Recipient.objects.create(
        bulk_email=bulk, organisation=alta, person=ola, email="ola@alta.no", status="failed", error="550 ukjent"
    )
    jobs_before = _rows(Job, JOB_FIELDS)
    bulk_before = _rows(BulkEmail, BULK_FIELDS)
    recipients_before = _rows(Recipient, RECIPIENT_FIELDS)
    assert len(jobs_before) == 3 and len(recipients_before) == 2

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    new = executor.loader.project_state(AFTER).apps
    Job = new.get_model("network", "Job")
    BulkEmail = new.get_model("network", "BulkEmail")
    Recipient = new.get_model("network", "BulkEmailRecipient")

    # Every row is there, unchanged …
    assert _rows(Job, JOB_FIELDS) == jobs_before
    assert _rows(BulkEmail, BULK_FIELDS) == bulk_before
    assert _rows(Recipient, RECIPIENT_FIELDS) == recipients_before
    # … and every job, so every bulk email and its log, belongs to the first network, none to the second.
    assert set(Job.objects.values_list("network_id", flat=True)) == {first.pk}
    assert set(BulkEmail.objects.values_list("job__network_id", flat=True)) == {first.pk}
    assert set(Recipient.objects.values_list("bulk_email__job__network_id", flat=True)) == {first.pk}
    # The network is now required.
    assert not Job._meta.get_field("network").null
