"""R4 under concurrency: a duplicated send task or reminder run sends each email once (PostgreSQL, real threads)."""

import threading

import pytest
from django.core import mail
from django.db import connection

from billing.models import DeliveryLog, Reminder
from billing.services.delivery import deliver_invoice
from billing.services.dues import issue_dues_invoice
from billing.services.reminders import send_due_reminders
from tests.conftest import requires_postgresql
from tests.factories import dues_member

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Celery's eager mode keeps a process-global 'inside a task' flag that threads can leave set."""
    from celery._state import _set_task_join_will_block, task_join_will_block

    before = task_join_will_block()
    yield
    _set_task_join_will_block(before)


def _together(target, count: int = 3) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def work():
        try:
            barrier.wait()
            target()
        except BaseException as error:  # noqa: BLE001 - surfaced by the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def invoice(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return issue_dues_invoice(membership=dues_member(), year=2025)


def test_three_workers_delivering_the_same_invoice_send_one_email(invoice):
    assert _together(lambda: deliver_invoice(invoice_id=invoice.pk)) == []
    assert len(mail.outbox) == 1
    assert DeliveryLog.objects.filter(invoice=invoice).count() == 1


def test_three_reminder_runs_at_once_send_the_reminder_once(invoice):
    import datetime

    today = invoice.due_date + datetime.timedelta(days=14)
    assert _together(lambda: send_due_reminders(today=today)) == []
    assert Reminder.objects.filter(invoice=invoice).count() == 1
    assert len(mail.outbox) == 1
