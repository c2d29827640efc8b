"""Nets OCR giro files as the bank writes them (netsgiro), for tests and the benchmark."""

from __future__ import annotations

import datetime
from decimal import Decimal

import netsgiro


def ocr_giro_file(
    payments,
    *,
    on: datetime.date = datetime.date(2025, 3, 1),
    number: str = "1000081",
    transaction_type=netsgiro.TransactionType.PURCHASE_WITH_TEXT,
) -> bytes:
    """A Nets OCR giro file (80-character records) with one transaction per (kid, amount in øre).

    What a bank sends for KID payments: the test suite and `make bench` feed it to the import.
    """
    transmission = netsgiro.Transmission(
        number=number, data_transmitter=netsgiro.NETS_ID, data_recipient="00008080", date=on
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.OCR_GIRO,
        assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
        number="4000086",
        account="86011117947",
        agreement_id="001008566",
        date=on,
    )
    for index, (kid, amount_ore) in enumerate(payments, start=1):
        assignment.transactions.append(
            netsgiro.Transaction(
                service_code=netsgiro.ServiceCode.OCR_GIRO,
                type=transaction_type,
                number=index,
                date=on,
                amount=Decimal(amount_ore) / 100,
                kid=kid,
                reference=f"{99038562 + index:09d}",
                text=None,
                centre_id="13",
                day_code=on.day,
                partial_settlement_number=1,
                partial_settlement_serial_number="01234",
                sign="0",
                form_number="9636827194",
                bank_date=on - datetime.timedelta(days=1),
                debit_account="99990512341",
                filler="0000000",
            )
        )
    return transmission.to_ocr().encode("iso-8859-1")
