"""Celery tasks: thin, idempotent wrappers around the billing services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from members.models import User

logger = logging.getLogger(__name__)


def _user(user_id: int | None) -> User | None:
    return User.objects.filter(pk=user_id).first() if user_id else None


@shared_task(name="billing.run_dues", acks_late=True)
def run_dues(year: int | None = None, user_id: int | None = None) -> int:
    """The annual dues run (R3). Without `year`: the current year (the January beat schedule)."""
    from .services.dues import held_members
    from .services.dues import run_dues as run

    year = year or timezone.localdate().year
    result = run(year=year, by=_user(user_id))
    # The beat's run (3 January) holds what the page would: say so where the operators look.
    logger.info(
        "Dues %s: %s issued, %s held, %s skipped of %s.", year, result.issued, result.held, result.skipped, result.total
    )
    for item in held_members(result):
        logger.warning(
            "Dues %s held: %s (%s%s)",
            year,
            item.membership.organisation.name,
            ", ".join(item.reasons),
            f": {item.detail}" if item.detail else "",
        )
    return result.issued


@shared_task(name="billing.invoice_joining_member", acks_late=True)
def invoice_joining_member(membership_id: int, year: int) -> int | None:
    from .services.dues import invoice_joining_member as issue

    invoice = issue(membership_id=membership_id, year=year)
    return invoice.pk if invoice else None


@shared_task(
    bind=True,
    name="billing.send_invoice",
    acks_late=True,
    max_retries=5,
    default_retry_delay=300,
)
def send_invoice(self, invoice_id: int, force: bool = False, user_id: int | None = None) -> bool:
    from .services.delivery import DeliveryFailed, deliver_invoice

    try:
        return deliver_invoice(invoice_id=invoice_id, force=force, by=_user(user_id))
    except DeliveryFailed as error:
        if self.request.is_eager:
            return False  # recorded on the invoice; the coordinator can resend
        # Back off: 5, 10, 20, 40, 60 minutes, so a mail server that is down is not hammered.
        raise self.retry(exc=error, countdown=min(3600, 300 * 2**self.request.retries)) from error


@shared_task(name="billing.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Daily: reminders 14 and 28 days past due, each exactly once (R4)."""
    from .services.reminders import send_due_reminders

    return len(send_due_reminders(today=timezone.localdate()))
