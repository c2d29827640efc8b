"""The change fingerprint that keys cached pages: it moves on every write to the tables it covers."""

import pytest

from billing.models import Invoice, Payment
from billing.services.dues import issue_dues_invoice
from billing.services.payments import register_payment
from core.fingerprint import data_version
from members.models import Membership, Person
from tests.factories import PersonFactory, dues_member

pytestmark = pytest.mark.django_db


def test_the_fingerprint_stays_the_same_while_nothing_changes():
    dues_member()
    assert data_version(Membership, Invoice, Payment) == data_version(Membership, Invoice, Payment)


def test_the_fingerprint_moves_on_insert_update_and_delete_of_an_audited_model():
    membership = dues_member()
    before = data_version(Membership)
    membership.signatory_name = "Ordfører Endret"
    membership.save()
    after_update = data_version(Membership)
    person = PersonFactory(organisation=membership.organisation)
    before_delete = data_version(Person)
    person.delete()
    assert before != after_update
    assert data_version(Person) != before_delete


def test_the_fingerprint_moves_on_every_new_invoice_and_payment():
    membership = dues_member()
    empty = data_version(Invoice, Payment)
    invoice = issue_dues_invoice(membership=membership, year=2025)
    issued = data_version(Invoice, Payment)
    register_payment(invoice=invoice, amount_ore=100, paid_on=invoice.issue_date)
    assert len({empty, issued, data_version(Invoice, Payment)}) == 3


def test_a_model_without_history_that_can_change_cannot_be_fingerprinted():
    from members.models import Invitation

    with pytest.raises(ValueError, match="no history"):
        data_version(Invitation)


def test_the_fingerprint_moves_when_an_invoice_is_delivered():
    invoice = issue_dues_invoice(membership=dues_member(), year=2025)
    before = data_version(Invoice)
    invoice.delivery_error = "SMTP 550"
    invoice.save(update_fields=["delivery_error"])
    assert data_version(Invoice) != before
