"""The annual dues run as a real Celery task on a real worker (Redis), reporting progress as it goes."""

import time

import pytest

from billing.models import DuesRun, Invoice
from billing.tasks import run_dues
from tests.conftest import requires_postgresql, requires_redis
from tests.factories import dues_member

pytestmark = [pytest.mark.worker, requires_postgresql, requires_redis]


def test_dues_run_task_on_a_real_worker_issues_every_invoice_and_reports_done(celery_worker):
    members = [dues_member(population=10_000 * (i + 1)) for i in range(3)]
    run_dues.delay(2025)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        run = DuesRun.objects.filter(year=2025).first()
        if run and run.status == DuesRun.Status.DONE:
            break
        time.sleep(0.5)
    else:
        pytest.fail("the dues run did not finish on the worker within 90 s")
    assert (run.done, run.total, run.issued) == (3, 3, 3)
    assert Invoice.objects.filter(dues_year=2025).count() == len(members)
