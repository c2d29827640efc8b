"""Registrations racing for the last place, and a double-submitted form, on real PostgreSQL threads."""

import threading

import pytest
from django.db import connection

from activities import services
from activities.models import Registration
from tests.conftest import requires_postgresql
from tests.factories import BaerekraftsfredagFactory

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


def _race(target, n):
    barrier = threading.Barrier(n)
    errors = []

    def run(i):
        try:
            barrier.wait()
            target(i)
        except Exception as error:  # noqa: BLE001 - collected and inspected below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_eight_people_racing_for_three_places_give_three_confirmed_and_five_waiting():
    event = BaerekraftsfredagFactory(capacity=3)
    errors = _race(
        lambda i: services.register_publicly(event=event, name=f"P{i}", email=f"p{i}@example.no", notify=False), 8
    )
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 3 and statuses.count("waiting") == 5


def test_a_form_submitted_four_times_at_once_gives_one_registration():
    event = BaerekraftsfredagFactory()
    errors = _race(
        lambda i: services.register_publicly(event=event, name="Kari", email="kari@example.no", notify=False), 4
    )
    assert Registration.objects.filter(event=event).count() == 1
    assert len(errors) == 3 and all(isinstance(e, services.AlreadyRegistered) for e in errors)


def test_two_cancellations_at_once_promote_two_different_people():
    event = BaerekraftsfredagFactory(capacity=2)
    placed = [services.register_publicly(event=event, name=f"P{i}", email=f"p{i}@example.no", notify=False).registration for i in range(2)]
    for i in range(2, 5):
        services.register_publicly(event=event, name=f"P{i}", email=f"p{i}@example.no", notify=False)
    errors = _race(lambda i: services.cancel_registration(registration=placed[i]), 2)
    assert errors == []
    confirmed = set(event.registrations.filter(status="confirmed").values_list("email", flat=True))
    assert confirmed == {"p2@example.no", "p3@example.no"}


def test_two_phones_checking_in_the_same_person_at_once_record_one_attendance():
    from activities.models import Attendance
    from tests.factories import RegistrationFactory

    event = BaerekraftsfredagFactory()
    registration = RegistrationFactory(event=event)
    errors = _race(lambda i: services.check_in(registration=registration, by=None), 3)
    assert errors == []
    assert Attendance.objects.filter(event=event).count() == 1
