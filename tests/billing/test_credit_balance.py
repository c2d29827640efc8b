"""R4: an overpayment asks first, never makes an invoice's outstanding negative, and becomes the
member's credit balance, which is refunded (date, account) or set against an open invoice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from billing.models import CreditBalanceEntry, Invoice, Payment
from billing.queries import Status, credit_balance, dues_summary, payments_for_review, with_balance
from billing.services.credit import move_surplus_to_credit, refund_credit, set_off_credit
from billing.services.dues import issue_dues_invoice
from billing.services.invoices import issue_credit_note
from billing.services.payments import OverpaymentNotConfirmed, import_ocr, register_payment
from tests.conftest import requires_postgresql
from tests.factories import dues_member, ocr_file

pytestmark = pytest.mark.django_db

ACCOUNT = "86011117947"  # a valid kontonummer (MOD11)


def _fresh(invoice: Invoice) -> Invoice:
    return with_balance(Invoice.objects.filter(pk=invoice.pk)).get()


def _overpay(invoice, amount_ore=60_000_00, **kwargs):
    surplus = amount_ore - _fresh(invoice).outstanding_ore
    return register_payment(
        invoice=invoice, amount_ore=amount_ore, paid_on=invoice.issue_date, confirmed_surplus_ore=surplus, **kwargs
    )


# --- overpayment ------------------------------------------------------------------------------------


def test_a_payment_above_the_outstanding_amount_is_not_stored_without_confirmation(invoice):
    with pytest.raises(OverpaymentNotConfirmed) as raised:
        register_payment(invoice=invoice, amount_ore=60_000_00, paid_on=invoice.issue_date)
    assert (raised.value.outstanding_ore, raised.value.surplus_ore) == (50_000_00, 10_000_00)
    assert "10\u00a0000,00" in raised.value.messages[0]
    assert not Payment.objects.exists() and not CreditBalanceEntry.objects.exists()


def test_a_confirmation_of_another_surplus_than_the_one_measured_asks_again(invoice):
    with pytest.raises(OverpaymentNotConfirmed):
        register_payment(
            invoice=invoice, amount_ore=90_000_00, paid_on=invoice.issue_date, confirmed_surplus_ore=10_000_00
        )
    assert not Payment.objects.exists()


def test_a_confirmed_overpayment_leaves_the_invoice_paid_with_nothing_outstanding_and_the_rest_as_credit(invoice):
    payment = _overpay(invoice)
    fresh = _fresh(invoice)
    assert fresh.status == Status.PAID
    assert (fresh.paid_ore, fresh.outstanding_ore, fresh.surplus_ore) == (50_000_00, 0, 0)
    assert payment.amount_ore == 60_000_00  # the money received, as received
    entry = CreditBalanceEntry.objects.get()
    assert (entry.kind, entry.amount_ore, entry.payment, entry.source_invoice) == (
        CreditBalanceEntry.Kind.OVERPAYMENT,
        10_000_00,
        payment,
        invoice,
    )
    assert credit_balance(invoice.organisation_id) == 10_000_00


def test_the_dues_figures_never_go_negative_after_a_huge_confirmed_overpayment(invoice):
    _overpay(invoice, amount_ore=100_000_000_00)
    summary = dues_summary(2025)
    assert summary["paid_ore"] == 50_000_00
    assert summary["outstanding_ore"] == 0
    assert summary["surplus_ore"] == 0  # moved to the credit balance


def test_an_ocr_overpayment_waits_for_review_and_becomes_credit_when_moved(invoice):
    import_ocr(data=ocr_file([(invoice.kid, 55_000_00)]), filename="ocr.txt")
    fresh = _fresh(invoice)
    assert (fresh.status, fresh.outstanding_ore, fresh.surplus_ore) == (Status.PAID, 0, 5_000_00)
    assert [i.pk for i in payments_for_review()["overpaid"]] == [invoice.pk]
    entry = move_surplus_to_credit(invoice=invoice)
    assert entry.amount_ore == 5_000_00 and entry.payment.source == Payment.Source.OCR
    assert _fresh(invoice).surplus_ore == 0
    assert payments_for_review()["overpaid"] == []
    with pytest.raises(ValidationError, match="ikke overbetalt"):
        move_surplus_to_credit(invoice=invoice)
    assert credit_balance(invoice.organisation_id) == 5_000_00


def test_a_credit_note_after_full_payment_leaves_a_surplus_that_can_become_credit(invoice):
    register_payment(invoice=invoice, amount_ore=50_000_00, paid_on=invoice.issue_date)
    issue_credit_note(invoice=invoice, amount_ore=20_000_00, reason="Innmeldt midt i året")
    assert _fresh(invoice).surplus_ore == 20_000_00
    move_surplus_to_credit(invoice=invoice)
    assert credit_balance(invoice.organisation_id) == 20_000_00


# --- refund -----------------------------------------------------------------------------------------


def test_a_refund_is_recorded_with_date_and_account_and_empties_the_balance(invoice, billing_admin):
    _overpay(invoice)
    refund_credit(
        organisation=invoice.organisation,
        amount_ore=10_000_00,
        refunded_on=datetime.date(2025, 3, 1),
        bank_account="8601.11.17947",
        by=billing_admin,
    )
    refund = CreditBalanceEntry.objects.get(kind=CreditBalanceEntry.Kind.REFUND)
    assert (refund.amount_ore, refund.refunded_on, refund.bank_account, refund.created_by) == (
        -10_000_00,
        datetime.date(2025, 3, 1),
        ACCOUNT,
        billing_admin,
    )
    assert credit_balance(invoice.organisation_id) == 0
    assert refund.history.count() == 1


@pytest.mark.parametrize(
    ("amount_ore", "account", "field"),
    [(10_000_01, ACCOUNT, "amount_ore"), (0, ACCOUNT, "amount_ore"), (1_00, "12345678901", "bank_account")],
)
def test_a_refund_beyond_the_balance_or_to_an_invalid_account_is_refused(invoice, amount_ore, account, field):
    _overpay(invoice)
    with pytest.raises(ValidationError) as raised:
        refund_credit(
            organisation=invoice.organisation,
            amount_ore=amount_ore,
            refunded_on=datetime.date(2025, 3, 1),
            bank_account=account,
        )
    assert field in raised.value.error_dict
    assert credit_balance(invoice.organisation_id) == 10_000_00


def test_a_member_without_credit_gets_no_refund(invoice):
    with pytest.raises(ValidationError, match="ingen kreditsaldo"):
        refund_credit(
            organisation=invoice.organisation,
            amount_ore=1_00,
            refunded_on=datetime.date(2025, 3, 1),
            bank_account=ACCOUNT,
        )


# --- set-off ----------------------------------------------------------------------------------------


def test_the_credit_set_against_next_years_invoice_reduces_what_is_outstanding_without_changing_it(invoice):
    _overpay(invoice)
    next_year = issue_dues_invoice(membership=invoice.membership, year=2026)
    before = Invoice.objects.filter(pk=next_year.pk).values().get()
    entry = set_off_credit(organisation=invoice.organisation, invoice=next_year)
    assert (entry.kind, entry.amount_ore, entry.invoice) == (CreditBalanceEntry.Kind.SET_OFF, -10_000_00, next_year)
    fresh = _fresh(next_year)
    assert (fresh.paid_ore, fresh.outstanding_ore, fresh.set_off_ore) == (10_000_00, 40_000_00, 10_000_00)
    assert fresh.status != Status.PAID
    assert credit_balance(invoice.organisation_id) == 0
    assert Invoice.objects.filter(pk=next_year.pk).values().get() == before  # the issued invoice is untouched


def test_a_set_off_is_never_more_than_the_balance_nor_than_what_is_outstanding(invoice):
    _overpay(invoice, amount_ore=100_000_00)  # 50 000 kr credit
    small = issue_dues_invoice(membership=dues_member(population=5_000), year=2025)  # another member's
    with pytest.raises(ValidationError) as raised:
        set_off_credit(organisation=invoice.organisation, invoice=small)
    assert "invoice" in raised.value.error_dict
    next_year = issue_dues_invoice(membership=invoice.membership, year=2026)  # 50 000 kr
    register_payment(invoice=next_year, amount_ore=45_000_00, paid_on=next_year.issue_date)
    with pytest.raises(ValidationError) as raised:
        set_off_credit(organisation=invoice.organisation, invoice=next_year, amount_ore=5_000_01)
    assert "amount_ore" in raised.value.error_dict
    set_off_credit(organisation=invoice.organisation, invoice=next_year)  # the 5 000 kr outstanding
    fresh = _fresh(next_year)
    assert (fresh.status, fresh.outstanding_ore) == (Status.PAID, 0)
    assert credit_balance(invoice.organisation_id) == 45_000_00


# --- the ledger itself ------------------------------------------------------------------------------


def test_entries_are_never_changed_or_deleted(invoice):
    _overpay(invoice)
    entry = CreditBalanceEntry.objects.get()
    entry.amount_ore = 1
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        CreditBalanceEntry.objects.all().delete()
    with pytest.raises(ValidationError):
        CreditBalanceEntry.objects.update(amount_ore=1)


@requires_postgresql
def test_the_database_refuses_to_change_an_entry_even_by_raw_sql(invoice):
    _overpay(invoice)
    with (
        pytest.raises(Exception, match="never changed or deleted"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE billing_creditbalanceentry SET amount_ore = 1")


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "refund", "amount_ore": 5_00, "refunded_on": datetime.date(2025, 3, 1), "bank_account": ACCOUNT},
        {"kind": "refund", "amount_ore": -5_00, "bank_account": ACCOUNT},  # no date
        {"kind": "refund", "amount_ore": -5_00, "refunded_on": datetime.date(2025, 3, 1)},  # no account
        {"kind": "set_off", "amount_ore": -5_00},  # against no invoice
        {"kind": "overpayment", "amount_ore": -5_00},
    ],
)
def test_the_database_refuses_an_entry_of_the_wrong_sign_or_without_its_references(invoice, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditBalanceEntry(organisation=invoice.organisation, **fields).save()


# --- the pages ----------------------------------------------------------------------------------------


@pytest.fixture
def billing_client(client, billing_admin):
    client.force_login(billing_admin)
    return client


def test_the_payment_form_asks_to_confirm_an_overpayment_and_stores_it_once_confirmed(billing_client, invoice):
    url = reverse("billing:invoice_register_payment", args=[invoice.pk])
    response = billing_client.post(url, {"amount": "60 000,00", "paid_on": "2025-02-01"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "10\u00a0000,00 kr mer enn utestående" in content
    assert "kreditsaldo for medlemmet" in content
    assert 'type="checkbox" name="confirm_overpayment"' in content
    assert 'name="confirmed_surplus_ore" value="1000000"' in content
    assert not Payment.objects.exists()
    response = billing_client.post(
        url,
        {
            "amount": "60 000,00",
            "paid_on": "2025-02-01",
            "confirm_overpayment": "on",
            "confirmed_surplus_ore": "1000000",
        },
    )
    assert response.status_code == 302
    assert credit_balance(invoice.organisation_id) == 10_000_00
    assert _fresh(invoice).outstanding_ore == 0


def test_finance_refunds_and_sets_off_from_the_members_credit_page(billing_client, invoice):
    _overpay(invoice, amount_ore=70_000_00)  # 20 000 kr credit
    next_year = issue_dues_invoice(membership=invoice.membership, year=2026)
    page = billing_client.get(reverse("billing:credit_balance_detail", args=[invoice.organisation_id]))
    assert page.status_code == 200
    assert "20\u00a0000,00" in page.content.decode()
    assert str(next_year.number) in page.content.decode()
    response = billing_client.post(
        reverse("billing:credit_refund", args=[invoice.organisation_id]),
        {"amount": "5 000", "refunded_on": "2025-03-01", "bank_account": "1234.56.78900"},
    )
    assert response.status_code == 400 and "bank_account" in response.context["refund_form"].errors
    response = billing_client.post(
        reverse("billing:credit_refund", args=[invoice.organisation_id]),
        {"amount": "5 000", "refunded_on": "2025-03-01", "bank_account": "8601.11.17947"},
    )
    assert response.status_code == 302
    response = billing_client.post(
        reverse("billing:credit_set_off", args=[invoice.organisation_id]), {"invoice": next_year.pk, "amount": ""}
    )
    assert response.status_code == 302
    assert credit_balance(invoice.organisation_id) == 0
    assert _fresh(next_year).outstanding_ore == 35_000_00
    history = billing_client.get(reverse("billing:credit_balance_detail", args=[invoice.organisation_id])).content
    assert "Tilbakebetalt 01.03.2025 til konto 8601.11.17947" in history.decode()


def test_a_refund_above_the_balance_is_refused_on_the_page_with_a_field_error(billing_client, invoice):
    _overpay(invoice)
    response = billing_client.post(
        reverse("billing:credit_refund", args=[invoice.organisation_id]),
        {"amount": "10 000,01", "refunded_on": "2025-03-01", "bank_account": ACCOUNT},
    )
    assert response.status_code == 400
    assert "10\u00a0000,00" in response.context["refund_form"].errors["amount"][0]
    assert credit_balance(invoice.organisation_id) == 10_000_00


def test_the_review_page_moves_an_ocr_surplus_to_credit(billing_client, invoice):
    import_ocr(data=ocr_file([(invoice.kid, 52_500_00)]), filename="ocr.txt")
    review = billing_client.get(reverse("billing:payments_review")).content.decode()
    assert reverse("billing:invoice_surplus_to_credit", args=[invoice.pk]) in review
    response = billing_client.post(reverse("billing:invoice_surplus_to_credit", args=[invoice.pk]))
    assert response.status_code == 302
    assert credit_balance(invoice.organisation_id) == 2_500_00
    listing = billing_client.get(reverse("billing:credit_balance_list")).content.decode()
    assert invoice.organisation.name in listing and "2\u00a0500,00" in listing


def test_the_member_contact_reads_the_credit_balance_and_what_each_invoice_is_for_in_the_portal(client, invoice):
    from tests.members.conftest import make_contact

    _overpay(invoice)
    user, _role = make_contact(membership=invoice.membership)
    client.force_login(user)
    content = client.get(reverse("members:organisation_home", args=[invoice.organisation_id])).content.decode()
    assert "kreditsaldo på 10\u00a0000,00 kr" in content
    assert "Kontingent 2025" in content
    assert "Faktura 2025" not in content


def test_a_credit_note_in_the_portal_says_which_invoice_it_credits(invoice):
    note = issue_credit_note(invoice=invoice, amount_ore=1_00, reason="Avrunding")
    assert Invoice.objects.get(pk=note.pk).subject == f"Kreditnota for faktura {invoice.number}"
    assert Invoice.objects.get(pk=invoice.pk).subject == "Kontingent 2025"


def test_the_invoice_list_shows_an_overpaid_invoice_as_paid_with_its_surplus_never_a_negative_outstanding(
    billing_client, invoice
):
    import_ocr(data=ocr_file([(invoice.kid, 55_000_00)]), filename="ocr.txt")
    content = billing_client.get(reverse("billing:invoice_list") + "?year=2025").content.decode()
    assert "overbetalt 5\u00a0000,00 kr" in content
    assert "-5\u00a0000,00" not in content
