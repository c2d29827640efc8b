"""Two starts of one year's dues run at once (PostgreSQL, real threads): progress counts each member
once and never passes 100 %, and every member is invoiced once (R3).

Before: each start reset `done` to 0 and both added 1 per member they handled, so two passes over the
same members ended at 200 %. Now each member has one row per run, and progress counts those rows.
"""

import threading

import pytest
from django.db import connection

from billing.models import DuesRun, DuesRunItem, Invoice
from billing.services.dues import run_dues
from tests.conftest import requires_postgresql
from tests.factories import dues_member

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]

MEMBERS = 40
YEAR = 2025


@pytest.fixture(autouse=True)
def _celery_join_flag():
    from celery._state import _set_task_join_will_block, task_join_will_block

    before = task_join_will_block()
    yield
    _set_task_join_will_block(before)


def test_two_runs_of_one_year_at_once_count_each_member_once_and_never_pass_100_percent():
    members = [dues_member(population=5_000 + i) for i in range(MEMBERS)]
    errors: list[BaseException] = []
    seen: list[tuple[int, int]] = []
    barrier = threading.Barrier(2)
    running = threading.Event()
    running.set()

    def start():
        try:
            barrier.wait()
            run_dues(year=YEAR, deliver=False)
        except BaseException as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def watch():
        try:
            while running.is_set():
                row = DuesRun.objects.filter(year=YEAR).values_list("done", "total").first()
                if row:
                    seen.append(row)
        finally:
            connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()
    starts = [threading.Thread(target=start) for _ in range(2)]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join(timeout=180)
    running.clear()
    watcher.join(timeout=10)

    assert errors == []
    assert seen, "the watcher must have read the progress while the runs worked"
    assert all(done <= total for done, total in seen if total), f"progress over 100 %: {max(seen)}"
    run = DuesRun.objects.get(year=YEAR)
    assert (run.done, run.total, run.status) == (MEMBERS, MEMBERS, DuesRun.Status.DONE)
    assert run.percent == 100
    items = DuesRunItem.objects.filter(run=run)
    assert items.count() == MEMBERS
    assert sorted(items.values_list("membership_id", flat=True)) == sorted(m.pk for m in members)
    assert Invoice.objects.filter(dues_year=YEAR).count() == MEMBERS
    assert items.filter(outcome=DuesRunItem.Outcome.ISSUED).count() + run.skipped == MEMBERS
