"""A five-year history for the page benchmark: dues invoices, payments, credit notes and meetings."""

from __future__ import annotations

import datetime

from billing.models import Invoice
from billing.services.dues import run_dues
from billing.services.invoices import issue_credit_note
from billing.services.payments import register_payment
from governance.models import Body, BodyKind, Meeting


def build_history(*, today: datetime.date, stdout) -> dict:
    years = list(range(2023, today.year + 1))
    for year in years:
        stdout.write(f"  dues {year} …")
        run_dues(year=year, issue_date=datetime.date(year, 1, 20), deliver=False)
    invoices = list(Invoice.objects.filter(type=Invoice.Type.INVOICE).order_by("pk"))
    stdout.write(f"  payments and credit notes on {len(invoices)} invoices …")
    for index, invoice in enumerate(invoices):
        if invoice.dues_year < today.year or index % 3 == 0:
            register_payment(invoice=invoice, amount_ore=invoice.amount_ore, paid_on=invoice.issue_date)
        elif index % 4 == 1:
            issue_credit_note(invoice=invoice, amount_ore=invoice.amount_ore // 2, reason="Benchmark: delvis kreditert",
                              issue_date=invoice.issue_date)
    body, _ = Body.objects.get_or_create(
        kind=BodyKind.STEERING_GROUP, defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"}
    )
    start = datetime.date(today.year - 4, 1, 15)
    Meeting.objects.bulk_create(
        Meeting(body=body, date=start + datetime.timedelta(days=9 * i), starts_at=datetime.time(10, 0),
                place="Kommunenes hus")
        for i in range(200)
    )
    return {"invoices": Invoice.objects.count(), "meetings": Meeting.objects.count()}
