"""R4: issued invoices are immutable snapshots; corrections are credit notes in the same sequence."""

import pytest
from django.core.exceptions import ValidationError

from billing.models import Invoice, InvoiceLine, Issuer
from billing.services.invoices import issue_credit_note
from billing.services.numbering import is_valid_kid, kid_for
from tests.conftest import requires_postgresql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("number", "kid"), [(1, "000000018"), (42, "000000422"), (12345678, "123456782")])
def test_kid_is_the_number_with_a_mod10_luhn_check_digit(number, kid):
    assert kid_for(number) == kid
    assert is_valid_kid(kid)
    assert not is_valid_kid(kid[:-1] + str((int(kid[-1]) + 1) % 10))


def test_issued_invoice_cannot_be_changed_or_deleted(invoice):
    invoice.amount_ore = 1
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).delete()
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).update(amount_ore=1)
    line = invoice.lines.get()
    with pytest.raises(ValidationError):
        line.delete()
    invoice.refresh_from_db()
    assert invoice.amount_ore == 50_000_00


def test_invoice_keeps_its_snapshot_when_the_member_and_issuer_change(invoice):
    organisation = invoice.organisation
    organisation.name = "Nytt navn kommune"
    organisation.invoice_reference = "NY-REF"
    organisation.save()
    settings = Issuer.objects.default()
    settings.issuer_name = "Noen andre"
    settings.save()
    invoice.refresh_from_db()
    assert invoice.buyer_name != "Nytt navn kommune"
    assert invoice.buyer_reference != "NY-REF"
    assert invoice.issuer_name == "KS"


def test_credit_note_takes_the_next_number_and_references_the_original(invoice):
    note = issue_credit_note(invoice=invoice, amount_ore=10_000_00, reason="Delvis fritak")
    assert note.number == invoice.number + 1
    assert note.credited_invoice == invoice
    assert note.type == Invoice.Type.CREDIT_NOTE
    assert note.kid == ""
    rest = issue_credit_note(invoice=invoice, reason="Resten")
    assert rest.amount_ore == 40_000_00
    assert rest.number == invoice.number + 2


def test_credit_note_cannot_exceed_what_is_left_to_credit(invoice):
    issue_credit_note(invoice=invoice, reason="Full kreditering")
    with pytest.raises(ValidationError):
        issue_credit_note(invoice=invoice, amount_ore=1, reason="For mye")


def test_failed_credit_note_gives_its_number_back(invoice):
    with pytest.raises(ValidationError):
        issue_credit_note(invoice=invoice, amount_ore=10, reason="")
    note = issue_credit_note(invoice=invoice, amount_ore=10, reason="Riktig")
    assert note.number == invoice.number + 1


def test_issued_lines_cannot_be_changed(invoice):
    line = InvoiceLine.objects.get(invoice=invoice)
    line.description = "Endret"
    with pytest.raises(ValidationError):
        line.save()


@requires_postgresql
def test_the_database_refuses_to_change_or_delete_an_issued_invoice_even_by_raw_sql(invoice):
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE billing_invoice SET amount_ore = 1 WHERE id = %s", [invoice.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM billing_invoice WHERE id = %s", [invoice.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE billing_invoiceline SET amount_ore = 1 WHERE invoice_id = %s", [invoice.pk])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE billing_invoice SET delivery_error = 'x' WHERE id = %s", [invoice.pk])
    invoice.refresh_from_db()
    assert invoice.amount_ore == 50_000_00 and invoice.delivery_error == "x"
