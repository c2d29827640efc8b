"""R4: payments by hand and from Nets OCR giro files, matched by KID and never guessed; invoice states."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from billing.models import Invoice, OcrImport, Payment
from billing.queries import Status, dues_summary, organisations_with_paid_dues, with_balance
from billing.services.invoices import issue_credit_note
from billing.services.payments import OcrFileInvalid, import_ocr, match_payment, register_payment
from tests.factories import ocr_file

pytestmark = pytest.mark.django_db


def _status(invoice, today=datetime.date(2025, 1, 10)):
    return with_balance(Invoice.objects.filter(pk=invoice.pk), today=today).get().status


def test_states_follow_payments_due_date_and_credit(invoice):
    assert _status(invoice, today=invoice.due_date) == Status.ISSUED
    assert _status(invoice, today=invoice.due_date + datetime.timedelta(days=1)) == Status.OVERDUE
    register_payment(invoice=invoice, amount_ore=20_000_00, paid_on=invoice.issue_date)
    assert _status(invoice, today=invoice.due_date) == Status.PARTLY_PAID
    register_payment(invoice=invoice, amount_ore=30_000_00, paid_on=invoice.issue_date)
    assert _status(invoice, today=invoice.due_date + datetime.timedelta(days=90)) == Status.PAID


def test_fully_credited_invoice_is_credited(invoice):
    issue_credit_note(invoice=invoice, reason="Feil medlem")
    assert _status(invoice, today=invoice.due_date + datetime.timedelta(days=90)) == Status.CREDITED


def test_partly_credited_invoice_is_paid_when_the_rest_is_paid(invoice):
    issue_credit_note(invoice=invoice, amount_ore=10_000_00, reason="Rabatt")
    register_payment(invoice=invoice, amount_ore=40_000_00, paid_on=invoice.issue_date)
    assert _status(invoice) == Status.PAID
    assert invoice.organisation_id in organisations_with_paid_dues(2025)


def test_manual_payment_must_be_positive(invoice):
    with pytest.raises(ValidationError):
        register_payment(invoice=invoice, amount_ore=0, paid_on=invoice.issue_date)
    assert not Payment.objects.exists()


def test_ocr_import_matches_by_kid_and_lists_unmatched_partial_and_over_payments(
    invoice, django_capture_on_commit_callbacks
):
    from billing.services.dues import issue_dues_invoice
    from tests.factories import dues_member

    second = issue_dues_invoice(membership=dues_member(population=5_000), year=2025)
    third = issue_dues_invoice(membership=dues_member(population=5_000), year=2025)
    data = ocr_file([(invoice.kid, 50_000_00), (second.kid, 10_000_00), (third.kid, 30_000_00), ("000099996", 123_00)])
    result = import_ocr(data=data, filename="ocr.txt")
    assert result.transaction_count == 4
    assert Payment.objects.get(invoice=invoice).amount_ore == 50_000_00
    unmatched = Payment.objects.get(invoice__isnull=True)
    assert (unmatched.kid, unmatched.amount_ore) == ("000099996", 123_00)
    from billing.queries import payments_for_review

    review = payments_for_review()
    assert [p.pk for p in review["unmatched"]] == [unmatched.pk]
    assert [i.pk for i in review["partly_paid"]] == [second.pk]
    assert [i.pk for i in review["overpaid"]] == [third.pk]
    summary = dues_summary(2025)
    assert summary["paid_count"] == 2 and summary["invoice_count"] == 3
    # Paid counts what covers the dues; the overpaid 5 000 kr waits apart, for review.
    assert summary["paid_ore"] == 85_000_00
    assert summary["surplus_ore"] == 5_000_00
    assert organisations_with_paid_dues(2025) == {invoice.organisation_id, third.organisation_id}
    match_payment(payment=unmatched, invoice=second)
    assert Payment.objects.filter(invoice=second).count() == 2


def test_ocr_file_with_a_bad_line_is_rejected_whole_with_the_line_number(invoice):
    lines = ocr_file([(invoice.kid, 50_000_00), (invoice.kid, 1_00)]).decode("iso-8859-1").splitlines()
    lines[5] = lines[5][:40]  # the second transaction's first record, cut short
    with pytest.raises(OcrFileInvalid, match="Linje 6"):
        import_ocr(data="\n".join(lines).encode("iso-8859-1"), filename="bad.txt")
    assert not Payment.objects.exists()
    assert not OcrImport.objects.exists()


def test_ocr_file_with_broken_structure_is_rejected_whole(invoice):
    lines = ocr_file([(invoice.kid, 50_000_00)]).decode("iso-8859-1").splitlines()
    del lines[-1]  # no end-of-transmission record
    with pytest.raises(OcrFileInvalid):
        import_ocr(data="\n".join(lines).encode("iso-8859-1"), filename="bad.txt")
    assert not Payment.objects.exists()


def test_the_same_ocr_file_is_never_imported_twice(invoice):
    data = ocr_file([(invoice.kid, 50_000_00)])
    import_ocr(data=data, filename="ocr.txt")
    with pytest.raises(OcrFileInvalid):
        import_ocr(data=data, filename="ocr-again.txt")
    assert Payment.objects.count() == 1


def test_import_ocr_command(invoice, tmp_path):
    path = tmp_path / "ocr.txt"
    path.write_bytes(ocr_file([(invoice.kid, 50_000_00)]))
    call_command("import_ocr", str(path))
    assert Payment.objects.get().invoice == invoice


def test_import_ocr_command_rejects_a_bad_file_naming_the_line(invoice, tmp_path):
    from django.core.management.base import CommandError

    lines = ocr_file([(invoice.kid, 50_000_00)]).decode("iso-8859-1").splitlines()
    lines[3] = "X" * 80
    path = tmp_path / "bad.txt"
    path.write_text("\n".join(lines), encoding="iso-8859-1")
    with pytest.raises(CommandError, match="Linje 4"):
        call_command("import_ocr", str(path))
    assert not Payment.objects.exists()


def test_ocr_file_with_a_reversal_is_rejected_whole_never_guessed(invoice):
    import netsgiro

    data = ocr_file([(invoice.kid, 50_000_00)], transaction_type=netsgiro.TransactionType.REVERSING_WITH_TEXT)
    with pytest.raises(OcrFileInvalid, match="tilbakeføring"):
        import_ocr(data=data, filename="reversal.txt")
    assert not Payment.objects.exists()


def test_an_ocr_import_in_several_batches_keeps_every_payment_with_its_history(invoice, billing_admin, monkeypatch):
    from billing.services import payments

    monkeypatch.setattr(payments, "OCR_BATCH_SIZE", 2)
    records = [
        (invoice.kid, 100_00),
        ("000099996", 200_00),
        (invoice.kid, 300_00),
        ("000099970", 400_00),
        ("000099988", 500_00),
    ]
    result = import_ocr(data=ocr_file(records), filename="ocr.txt", by=billing_admin)
    stored = list(Payment.objects.filter(ocr_import=result).order_by("amount_ore"))
    assert [p.amount_ore for p in stored] == [100_00, 200_00, 300_00, 400_00, 500_00]
    assert [p.invoice_id for p in stored] == [invoice.pk, None, invoice.pk, None, None]
    assert all(p.created_by == billing_admin and p.created_at for p in stored)
    history = Payment.history.filter(id__in=[p.pk for p in stored])
    assert sorted(h.id for h in history) == sorted(p.pk for p in stored)
    assert {(h.history_type, h.history_user_id) for h in history} == {("+", billing_admin.pk)}
