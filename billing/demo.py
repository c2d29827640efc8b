"""Demo invoices for `manage.py seed_demo`: two past years mostly paid, this year a mix.

Through the services, like everything else: dues runs, payments, one partial credit note,
reminders for the overdue ones. Invoices are not emailed and no PDFs rendered, so seeding stays
fast; each document is recorded as delivered on its issue date, as the delivery task records it
(a successful delivery log and `sent_at`). Reminders go to the seed's mail folder, without PDF.
Each year is seeded once, so a second seed changes nothing. Next year's dues run is left for
finance to review and start.
"""

from __future__ import annotations

import datetime
import zoneinfo

from members.networks import default_network

from .models import FIRST_DUES_YEAR, DeliveryLog, DuesRun, Invoice
from .services.dues import run_dues
from .services.dues_plan import network_issuer
from .services.invoices import issue_credit_note
from .services.payments import register_payment
from .services.reminders import send_due_reminders

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def seed(*, today: datetime.date, context, out) -> None:
    rng = context.rng
    by = context.billing_admin
    # The demo's finance login handles the invoices of the network's issuer (R12), and of no other issuer.
    network_issuer(default_network()).billing_admins.add(by)
    years = [y for y in (today.year - 2, today.year - 1, today.year) if y >= FIRST_DUES_YEAR]
    for year in years:
        if DuesRun.objects.filter(year=year).exists():
            out.write(f"Demo dues for {year} exist already: leaving them as they are.")
            continue
        issue_date = min(datetime.date(year, 1, 3), today)
        run = run_dues(year=year, by=context.coordinator, issue_date=issue_date, deliver=False)
        invoices = list(Invoice.objects.filter(dues_year=year, type=Invoice.Type.INVOICE).order_by("number"))
        current = year == today.year
        for index, invoice in enumerate(invoices):
            if invoice.due_date >= today:
                continue  # not due yet: nothing paid so far
            roll = rng.random()
            paid_on = min(invoice.due_date - datetime.timedelta(days=rng.randint(0, 20)), today)
            if index == 0 and not current:
                issue_credit_note(
                    invoice=invoice,
                    amount_ore=invoice.amount_ore // 2,
                    reason="Innmeldt midt i året: halv kontingent etter vedtak i styringsgruppen.",
                    by=context.coordinator,
                    issue_date=invoice.issue_date + datetime.timedelta(days=10),
                )
                register_payment(invoice=invoice, amount_ore=invoice.amount_ore // 2, paid_on=paid_on, by=by)
            elif index == 1 and not current:
                # Paid 10 % too much, confirmed: the surplus is the member's credit balance (R4), for finance
                # to refund or set against the member's next invoice.
                surplus = invoice.amount_ore // 10
                register_payment(
                    invoice=invoice,
                    amount_ore=invoice.amount_ore + surplus,
                    paid_on=paid_on,
                    reference="Nettbank",
                    by=by,
                    confirmed_surplus_ore=surplus,
                )
            elif roll < (0.75 if current else 0.92):
                register_payment(
                    invoice=invoice, amount_ore=invoice.amount_ore, paid_on=paid_on, reference="Nettbank", by=by
                )
            elif roll < (0.85 if current else 0.96):
                register_payment(
                    invoice=invoice,
                    amount_ore=invoice.amount_ore // 2,
                    paid_on=paid_on,
                    note="Delbetaling, resten etter budsjettvedtak.",
                    by=by,
                )
            # else: unpaid, overdue
        delivered = _record_delivered(Invoice.objects.filter(dues_year=year, sent_at__isnull=True))
        out.write(f"Demo dues {year}: {run.issued} invoices, {delivered} documents delivered.")
    reminders = send_due_reminders(today=today, attach_pdf=False)
    if reminders:
        out.write(f"Demo reminders: {len(reminders)}.")


def _record_delivered(invoices) -> int:
    """Record each document as delivered by email at 08:00 on its issue date, without sending it."""
    count = 0
    for invoice in invoices.order_by("number"):
        sent_at = datetime.datetime.combine(invoice.issue_date, datetime.time(8, 0), tzinfo=OSLO)
        log = DeliveryLog.objects.create(
            invoice=invoice, kind=DeliveryLog.Kind.INVOICE, recipient=invoice.buyer_email, succeeded=True
        )
        DeliveryLog.objects.filter(pk=log.pk).update(attempted_at=sent_at)
        invoice.sent_at = sent_at
        invoice.delivery_error = ""
        invoice.save(update_fields=["sent_at", "delivery_error"])
        count += 1
    return count
