"""R4 under concurrency: two clicks on "refund" or "set off" never spend a credit balance twice
(PostgreSQL, real threads; the organisation's row is locked while the balance is read)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from billing.models import CreditBalanceEntry
from billing.queries import credit_balance
from billing.services.credit import refund_credit, set_off_credit
from billing.services.dues import issue_dues_invoice
from billing.services.payments import register_payment
from tests.conftest import requires_postgresql
from tests.factories import dues_member

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


def _in_threads(target, count: int) -> tuple[list, list[BaseException]]:
    results, errors = [], []
    barrier = threading.Barrier(count)

    def work(index):
        try:
            barrier.wait()
            results.append(target(index))
        except BaseException as error:  # noqa: BLE001 - surfaced by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.fixture
def member_with_credit():
    membership = dues_member(population=50_000)
    invoice = issue_dues_invoice(membership=membership, year=2025)
    register_payment(invoice=invoice, amount_ore=60_000_00, paid_on=invoice.issue_date, confirmed_surplus_ore=10_000_00)
    return membership


def test_two_refunds_of_the_whole_balance_at_once_pay_back_once(member_with_credit):
    organisation = member_with_credit.organisation
    results, errors = _in_threads(
        lambda _i: refund_credit(
            organisation=organisation,
            amount_ore=10_000_00,
            refunded_on=datetime.date(2025, 3, 1),
            bank_account="86011117947",
        ),
        2,
    )
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert CreditBalanceEntry.objects.filter(kind=CreditBalanceEntry.Kind.REFUND).count() == 1
    assert credit_balance(organisation.pk) == 0


def test_a_refund_and_a_set_off_at_once_never_take_the_balance_below_zero(member_with_credit):
    organisation = member_with_credit.organisation
    next_year = issue_dues_invoice(membership=member_with_credit, year=2026)

    def work(index):
        if index == 0:
            return refund_credit(
                organisation=organisation,
                amount_ore=8_000_00,
                refunded_on=datetime.date(2025, 3, 1),
                bank_account="86011117947",
            )
        return set_off_credit(organisation=organisation, invoice=next_year, amount_ore=8_000_00)

    results, errors = _in_threads(work, 2)
    assert len(results) == 1 and len(errors) == 1
    assert credit_balance(organisation.pk) == 2_000_00
