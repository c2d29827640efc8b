"""Email delivery of invoices and credit notes, with PDF and EHF attached (R4)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.emails import sender
from members.models import User
from members.networks import using_network

from ..documents.ehf import EhfNotPossible, render_ehf
from ..documents.pdf import render_pdf
from ..models import DeliveryLog, Invoice

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """Sending failed; the invoice stays issued and shows as not delivered, and can be resent."""


def schedule_delivery(*, invoice: Invoice) -> None:
    """Send the invoice by email once the issuing transaction has committed."""
    send_invoice.delay_on_commit(invoice.pk)


def document_filename(invoice: Invoice, extension: str) -> str:
    prefix = "kreditnota" if invoice.is_credit_note else "faktura"
    return f"{prefix}-{invoice.number}.{extension}"


def deliver_invoice(*, invoice_id: int, force: bool = False, by: User | None = None) -> bool:
    """Email the invoice once: the row lock and `sent_at` make a duplicate task a no-op.

    `force` resends an invoice already sent (the coordinator's "send again"). Returns True
    when sent; raises DeliveryFailed (after logging it) so the task can retry.
    """
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.sent_at and not force:
            return False
        recipient = invoice.buyer_email
        error = ""
        if not recipient:
            error = _("Mangler e-postadresse for faktura og hovedkontakt.")
        else:
            try:
                # An invoice issued as PDF only (no valid EHF possible, chosen before the run) gets no EHF.
                message = _build_message(invoice, recipient, attach_ehf=not invoice.pdf_only)
                message.send(fail_silently=False)
            except Exception as exc:  # noqa: BLE001 - any SMTP/render failure is recorded, then retried
                logger.warning("Sending invoice %s failed: %s", invoice.number, exc)
                error = f"{type(exc).__name__}: {exc}"
        DeliveryLog.objects.create(
            invoice=invoice, kind=DeliveryLog.Kind.INVOICE, recipient=recipient, succeeded=not error, error=error, by=by
        )
        if error:
            invoice.delivery_error = error
            invoice.save(update_fields=["delivery_error"])
        else:
            invoice.sent_at = timezone.now()
            invoice.delivery_error = ""
            invoice.save(update_fields=["sent_at", "delivery_error"])
    if error:
        raise DeliveryFailed(error)
    return True


def _build_message(
    invoice: Invoice,
    recipient: str,
    *,
    template: str = "invoice",
    extra: dict | None = None,
    attach_pdf: bool = True,
    attach_ehf: bool = True,
):
    # In the invoice's language, and speaking for its network: any address in the mail is that network's.
    with override(invoice.language), using_network(invoice.network):
        context = {"invoice": invoice, "network": invoice.network, **(extra or {})}
        subject = render_to_string(f"billing/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"billing/email/{template}.txt", context)
        html = render_to_string(f"billing/email/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=sender(invoice.network),
            to=[recipient],
            reply_to=[invoice.issuer_email],
        )
        message.attach_alternative(html, "text/html")
        if attach_pdf:
            message.attach(document_filename(invoice, "pdf"), render_pdf(invoice), "application/pdf")
        if attach_ehf:
            try:
                message.attach(document_filename(invoice, "xml"), render_ehf(invoice), "application/xml")
            except EhfNotPossible as error:
                # Flagged on the invoice page; the PDF still goes out. The dues run never gets here:
                # it holds such members or issues them as PDF only.
                logger.warning("No EHF for invoice %s: %s", invoice.number, error)
    return message


def send_reminder_email(*, invoice: Invoice, level: int, outstanding_ore: int, attach_pdf: bool = True) -> str:
    """Send one reminder; returns the recipient. Raises on failure (the caller rolls back).

    A copy of the invoice PDF goes with it, never the EHF: a second e-invoice could be booked twice.
    """
    recipient = invoice.buyer_email
    if not recipient:
        raise DeliveryFailed(_("Mangler e-postadresse for faktura og hovedkontakt."))
    message = _build_message(
        invoice,
        recipient,
        template="reminder",
        extra={"level": level, "outstanding_ore": outstanding_ore},
        attach_pdf=attach_pdf,
        attach_ehf=False,
    )
    message.send(fail_silently=False)
    return recipient


# --- Celery task: a thin, idempotent wrapper around deliver_invoice (docs/architecture.md) ---


@shared_task(
    bind=True,
    name="billing.send_invoice",
    acks_late=True,
    max_retries=5,
    default_retry_delay=300,
)
def send_invoice(self, invoice_id: int, force: bool = False, user_id: int | None = None) -> bool:
    by = User.objects.filter(pk=user_id).first() if user_id else None
    try:
        return deliver_invoice(invoice_id=invoice_id, force=force, by=by)
    except DeliveryFailed as error:
        if self.request.is_eager:
            return False  # recorded on the invoice; the coordinator can resend
        # Back off: 5, 10, 20, 40, 60 minutes, so a mail server that is down is not hammered.
        raise self.retry(exc=error, countdown=min(3600, 300 * 2**self.request.retries)) from error
