"""R4 under concurrency: two workers issuing at once get gap-free, unique numbers (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from billing.models import Invoice
from billing.services.dues import run_dues
from billing.services.invoices import issue_credit_note
from tests.conftest import requires_postgresql
from tests.factories import dues_member

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Celery's eager mode keeps a process-global 'inside a task' flag that threads can leave set;
    these tests issue without delivery, and restore the flag in any case for the tests after them."""
    from celery._state import _set_task_join_will_block, task_join_will_block

    before = task_join_will_block()
    yield
    _set_task_join_will_block(before)


def _in_threads(target, count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def work(index):
        try:
            barrier.wait()
            target(index)
        except BaseException as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_two_concurrent_dues_runs_issue_each_invoice_once_with_gap_free_unique_numbers(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    members = [dues_member(population=10_000 + i * 10_000) for i in range(12)]
    errors = _in_threads(lambda _i: run_dues(year=2025, deliver=False), 2)
    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + len(members)))
    assert Invoice.objects.values("organisation").distinct().count() == len(members)
    assert len(set(Invoice.objects.values_list("kid", flat=True))) == len(members)


def test_credit_notes_issued_concurrently_with_invoices_share_the_gap_free_sequence(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    members = [dues_member() for _ in range(6)]
    run_dues(year=2025, deliver=False)
    invoices = list(Invoice.objects.order_by("number"))
    more = [dues_member() for _ in range(6)]

    def work(index):
        if index == 0:
            for invoice in invoices:
                issue_credit_note(invoice=invoice, amount_ore=100_00, reason="Rabatt")
        else:
            run_dues(year=2025, deliver=False)

    assert _in_threads(work, 2) == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    expected = len(members) * 2 + len(more)
    assert numbers == list(range(numbers[0], numbers[0] + expected))
    assert Invoice.objects.filter(type=Invoice.Type.CREDIT_NOTE).count() == len(invoices)
