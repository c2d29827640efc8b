"""Fault (d): the database drops connections (a restart). Requests recover; nothing is half-written."""

import pytest
from django.db import OperationalError, connection, transaction
from django.db.models.signals import post_save

from members.models import ContactRole, Organisation, Person
from members.services import add_contact
from tests.conftest import requires_postgresql
from tests.factories import MembershipFactory, scoped

from .conftest import terminate_backend

pytestmark = [pytest.mark.fault, requires_postgresql]


def test_settings_check_connection_health_before_reusing_one():
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_next_request_recovers_after_the_database_killed_the_connection(web_process):
    # The network's front page (scoped) reads the database, its member list; the site's root only redirects.
    MembershipFactory(organisation__name="Bærum")
    assert web_process.get(scoped("/")) == 200
    first_pid = web_process.backend_pid()
    assert web_process.get(scoped("/")) == 200 and web_process.backend_pid() == first_pid  # persistent, as in production

    terminate_backend(first_pid)

    assert web_process.get(scoped("/")) == 200
    assert web_process.get("/healthz") in (200, 503)  # 503 only for the broker in this environment
    assert web_process.backend_pid() != first_pid


def test_without_health_checks_one_request_would_fail_then_recover(web_process, persistent_connections):
    """Why CONN_HEALTH_CHECKS is on: without it the first request after a restart is a 500."""
    persistent_connections["CONN_HEALTH_CHECKS"] = False
    MembershipFactory()
    assert web_process.get(scoped("/")) == 200
    terminate_backend(web_process.backend_pid())
    assert web_process.get(scoped("/")) == 500
    assert web_process.get(scoped("/")) == 200


@pytest.mark.django_db(transaction=True)
def test_connection_killed_mid_transaction_leaves_nothing_half_written():
    """add_contact writes the person, then the contact role; the connection dies in between."""
    organisation = MembershipFactory().organisation
    before = (Person.objects.count(), ContactRole.objects.count(), Person.history.count())

    def die(sender, instance, created, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            terminate_backend(cursor.fetchone()[0])

    post_save.connect(die, sender=Person, dispatch_uid="kill-mid-transaction")
    try:
        with pytest.raises(OperationalError):
            add_contact(organisation=organisation, person_data={"first_name": "Kari", "last_name": "Nordmann"})
    finally:
        post_save.disconnect(sender=Person, dispatch_uid="kill-mid-transaction")
    connection.close()  # what request_finished does with a connection that errored

    assert (Person.objects.count(), ContactRole.objects.count(), Person.history.count()) == before

    # Once the database is back, the same action succeeds exactly once.
    role = add_contact(organisation=organisation, person_data={"first_name": "Kari", "last_name": "Nordmann"})
    assert Person.objects.filter(pk=role.person_id).count() == 1
    assert ContactRole.objects.count() == before[1] + 1
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert transaction.get_autocommit()
