"""R4: reminders 14 and 28 days past due, each exactly once, then none; no fees."""

import datetime

import pytest
from django.core import mail

from billing.models import DeliveryLog, Reminder
from billing.services.payments import register_payment
from billing.services.reminders import send_due_reminders

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_reminders_at_14_and_28_days_past_due_exactly_once_then_none(invoice):
    due = invoice.due_date
    assert send_due_reminders(today=due + 13 * DAY) == []
    first = send_due_reminders(today=due + 14 * DAY)
    assert [r.level for r in first] == [1]
    assert send_due_reminders(today=due + 14 * DAY) == []
    assert send_due_reminders(today=due + 20 * DAY) == []
    assert send_due_reminders(today=due + 27 * DAY) == []
    second = send_due_reminders(today=due + 28 * DAY)
    assert [r.level for r in second] == [2]
    for days in (28, 29, 60, 365):
        assert send_due_reminders(today=due + days * DAY) == []
    assert Reminder.objects.filter(invoice=invoice).count() == 2
    assert len(mail.outbox) == 2
    assert "Purring 1" in mail.outbox[0].subject and "Purring 2" in mail.outbox[1].subject
    assert "gebyr" in mail.outbox[0].body
    assert [a[0] for a in mail.outbox[0].attachments] == [f"faktura-{invoice.number}.pdf"]  # never a 2nd EHF
    assert DeliveryLog.objects.filter(invoice=invoice, kind="reminder", succeeded=True).count() == 2


def test_paid_invoice_gets_no_reminder(invoice):
    register_payment(invoice=invoice, amount_ore=invoice.amount_ore, paid_on=invoice.due_date)
    assert send_due_reminders(today=invoice.due_date + 14 * DAY) == []
    assert mail.outbox == []


def test_partly_paid_invoice_is_reminded_of_the_rest(invoice):
    register_payment(invoice=invoice, amount_ore=20_000_00, paid_on=invoice.due_date)
    send_due_reminders(today=invoice.due_date + 14 * DAY)
    assert "30\u00a0000,00" in mail.outbox[0].body


def test_failed_reminder_email_is_retried_on_the_next_run(invoice, failing_smtp, settings):
    assert send_due_reminders(today=invoice.due_date + 14 * DAY) == []
    assert not Reminder.objects.exists()
    assert DeliveryLog.objects.filter(invoice=invoice, succeeded=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(send_due_reminders(today=invoice.due_date + 15 * DAY)) == 1


def test_send_reminders_command_sends_what_is_due_today(invoice):
    from io import StringIO
    from unittest import mock

    from django.core.management import call_command

    out = StringIO()
    with mock.patch("django.utils.timezone.localdate", return_value=invoice.due_date + 14 * DAY):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)
    assert "1 purringer sendt" in out.getvalue() and "0 purringer sendt" in out.getvalue()
    assert Reminder.objects.get(invoice=invoice).level == 1
