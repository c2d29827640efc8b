"""Fault (a): the dues run's worker is killed (SIGKILL) half-way; started again, every member is
invoiced exactly once and the invoice numbers have no gap (R3, R4)."""

import os
import signal
import time

import pytest

from billing.models import DuesRun, Invoice
from billing.services.dues import run_dues as run_dues_now
from billing.tasks import run_dues
from tests.conftest import requires_postgresql, requires_redis
from tests.factories import dues_member

pytestmark = [pytest.mark.fault, pytest.mark.worker, requires_postgresql, requires_redis]

MEMBERS = 150
YEAR = 2025


def test_dues_run_killed_half_way_then_started_again_invoices_everyone_once(celery_worker):
    organisations = {dues_member(population=5_000 + i).organisation_id for i in range(MEMBERS)}
    run_dues.delay(YEAR)

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        issued = Invoice.objects.filter(dues_year=YEAR).count()
        if issued >= 10:
            break
        time.sleep(0.02)
    os.kill(celery_worker.pid, signal.SIGKILL)  # no warm shutdown, no cleanup: as a crash
    celery_worker.wait(timeout=10)
    issued_when_killed = Invoice.objects.filter(dues_year=YEAR).count()
    assert 0 < issued_when_killed < MEMBERS, "the kill must land half-way for this test to mean anything"
    assert DuesRun.objects.get(year=YEAR).status == DuesRun.Status.RUNNING  # it never got to say it stopped

    run_dues_now(year=YEAR, deliver=False)  # the coordinator starts it again

    invoices = Invoice.objects.filter(dues_year=YEAR)
    assert invoices.count() == MEMBERS
    assert set(invoices.values_list("organisation_id", flat=True)) == organisations
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "a gap or a reused number"
    assert DuesRun.objects.get(year=YEAR).status == DuesRun.Status.DONE
