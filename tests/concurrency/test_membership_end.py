"""Two daily runs at once (a retried task, a manual command) end a membership once (R5)."""

import datetime
import threading

import pytest
from django.db import connection

from members import signals
from members.models import Membership
from members.services import end_membership, give_notice
from tests.conftest import requires_postgresql
from tests.factories import MembershipFactory

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


def _in_threads(target, n=2):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_simultaneous_runs_end_a_membership_once():
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
    )
    heard = []
    receiver = lambda sender, **kwargs: heard.append(kwargs["ended_on"])  # noqa: E731
    signals.membership_ended.connect(receiver)
    try:
        results, errors = _in_threads(
            lambda: end_membership(membership=Membership.objects.get(pk=membership.pk), today=datetime.date(2026, 3, 1))
        )
    finally:
        signals.membership_ended.disconnect(receiver)
    assert errors == []
    assert sorted(results) == [False, True]
    assert heard == [datetime.date(2026, 2, 28)]
    assert membership.history.count() == 2


def test_two_simultaneous_notices_are_recorded_once():
    membership = MembershipFactory()
    results, errors = _in_threads(
        lambda: give_notice(
            membership=membership, given_on=datetime.date(2025, 3, 15), signed_by_name="A", signed_by_title="B"
        )
    )
    assert len(results) == 1 and len(errors) == 1
    membership.refresh_from_db()
    assert membership.notice_effective_on == datetime.date(2025, 9, 15)
