"""Reminders (purringer) 14 and 28 days past due, then none, never a fee (R4)."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from ..models import DeliveryLog, Invoice, Issuer, Reminder
from ..queries import Status, with_balance
from .delivery import send_reminder_email

logger = logging.getLogger(__name__)


def reminder_level_due(*, due_date: datetime.date, today: datetime.date, settings: Issuer) -> int:
    """0, 1 or 2: which reminder an unpaid invoice is due for today, by its issuer's reminder days."""
    days = (today - due_date).days
    if days >= settings.second_reminder_days:
        return 2
    if days >= settings.first_reminder_days:
        return 1
    return 0


def send_due_reminders(*, today: datetime.date, attach_pdf: bool = True) -> list[Reminder]:
    """Send each unpaid invoice the reminder it is due for, once. Safe to run many times a day.

    Each reminder is its own transaction with the invoice row locked; the reminder row and
    its unique (invoice, level) constraint make a second send impossible. A failed email
    rolls back, so the next run tries again. A level already passed is not sent late. Each
    invoice is reminded by its issuer's reminder days.
    """
    sent = []
    for settings in Issuer.objects.all():
        sent += _send_issuers_reminders(settings, today=today, attach_pdf=attach_pdf)
    return sent


def _send_issuers_reminders(settings: Issuer, *, today: datetime.date, attach_pdf: bool) -> list[Reminder]:
    earliest_due = today - datetime.timedelta(days=settings.first_reminder_days)
    candidates = with_balance(
        Invoice.objects.filter(issuer=settings, type=Invoice.Type.INVOICE, due_date__lte=earliest_due), today=today
    ).filter(status=Status.OVERDUE)
    sent = []
    for invoice in candidates:
        level = reminder_level_due(due_date=invoice.due_date, today=today, settings=settings)
        if not level:
            continue
        try:
            with transaction.atomic():
                locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
                if Reminder.objects.filter(invoice=locked, level__gte=level).exists():
                    continue
                fresh = with_balance(Invoice.objects.filter(pk=locked.pk), today=today).get()
                if fresh.status != Status.OVERDUE:
                    continue
                recipient = send_reminder_email(
                    invoice=fresh, level=level, outstanding_ore=fresh.outstanding_ore, attach_pdf=attach_pdf
                )
                reminder = Reminder.objects.create(invoice=locked, level=level, sent_on=today, recipient=recipient)
                DeliveryLog.objects.create(
                    invoice=locked, kind=DeliveryLog.Kind.REMINDER, recipient=recipient, succeeded=True
                )
                sent.append(reminder)
        except Exception as error:  # noqa: BLE001 - logged; tomorrow's run tries again
            logger.warning("Reminder %s for invoice %s failed: %s", level, invoice.number, error)
            DeliveryLog.objects.create(
                invoice=invoice,
                kind=DeliveryLog.Kind.REMINDER,
                recipient=invoice.buyer_email,
                succeeded=False,
                error=f"{type(error).__name__}: {error}",
            )
    return sent


# --- Celery task: a thin, idempotent wrapper around send_due_reminders (docs/architecture.md) ---


@shared_task(name="billing.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Daily: reminders 14 and 28 days past due, each exactly once (R4)."""
    return len(send_due_reminders(today=timezone.localdate()))
