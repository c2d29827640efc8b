"""R4: invoices are emailed with PDF and EHF attached, once; a failing SMTP leaves them resendable."""

import pytest
from django.core import mail

from billing.models import DeliveryLog, Invoice
from billing.services.delivery import DeliveryFailed, deliver_invoice
from billing.services.dues import issue_dues_invoice, run_dues
from tests.factories import ContactRoleFactory, dues_member

pytestmark = pytest.mark.django_db


def test_invoice_email_goes_to_invoice_address_with_pdf_and_ehf_attached(invoice):
    assert deliver_invoice(invoice_id=invoice.pk) is True
    (message,) = mail.outbox
    assert message.to == [invoice.organisation.invoice_email]
    assert str(invoice.number) in message.subject
    assert invoice.kid in message.body
    assert message.alternatives[0][1] == "text/html"
    names = [a[0] for a in message.attachments]
    assert names == [f"faktura-{invoice.number}.pdf", f"faktura-{invoice.number}.xml"]
    invoice.refresh_from_db()
    assert invoice.sent_at is not None
    assert DeliveryLog.objects.get(invoice=invoice).succeeded


def test_without_invoice_email_the_primary_contact_gets_the_invoice():
    membership = dues_member(invoice_email="")
    role = ContactRoleFactory(organisation=membership.organisation, is_primary=True)
    invoice = issue_dues_invoice(membership=membership, year=2025)
    deliver_invoice(invoice_id=invoice.pk)
    assert mail.outbox[0].to == [role.person.email]


def test_an_invoice_is_sent_only_once_unless_resent_on_purpose(invoice):
    deliver_invoice(invoice_id=invoice.pk)
    assert deliver_invoice(invoice_id=invoice.pk) is False
    assert len(mail.outbox) == 1
    deliver_invoice(invoice_id=invoice.pk, force=True)
    assert len(mail.outbox) == 2
    assert DeliveryLog.objects.filter(invoice=invoice, succeeded=True).count() == 2


def test_failing_smtp_leaves_the_invoice_issued_not_delivered_and_resendable(invoice, failing_smtp, settings):
    with pytest.raises(DeliveryFailed):
        deliver_invoice(invoice_id=invoice.pk)
    invoice.refresh_from_db()
    assert invoice.sent_at is None
    assert "SMTPServerDisconnected" in invoice.delivery_error
    assert Invoice.objects.filter(pk=invoice.pk).exists()
    log = DeliveryLog.objects.get(invoice=invoice)
    assert not log.succeeded and "Connection unexpectedly closed" in log.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_invoice(invoice_id=invoice.pk) is True
    invoice.refresh_from_db()
    assert invoice.sent_at is not None and invoice.delivery_error == ""
    assert DeliveryLog.objects.filter(invoice=invoice).count() == 2


def test_dues_run_enqueues_delivery_after_commit(django_capture_on_commit_callbacks):
    dues_member()
    with django_capture_on_commit_callbacks(execute=True):
        run_dues(year=2025)
    assert len(mail.outbox) == 1
    assert Invoice.objects.get().sent_at is not None


def test_joining_member_is_invoiced_for_the_current_year_on_activation(django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    from members.services import activate_membership
    from tests.factories import OrganisationFactory, PopulationFigureFactory, dues_schedule_2023

    dues_schedule_2023()
    today = timezone.localdate()
    organisation = OrganisationFactory()
    PopulationFigureFactory(organisation=organisation, population=30_000, reference_date=datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        activate_membership(organisation=organisation, joined_on=today, political_decision_on=today)
    invoice = Invoice.objects.get(organisation=organisation)
    assert (invoice.dues_year, invoice.amount_ore) == (today.year, 50_000_00)
    assert len(mail.outbox) == 1


def test_member_without_invoice_reference_gets_the_pdf_but_no_invalid_ehf():
    invoice = issue_dues_invoice(membership=dues_member(invoice_reference=""), year=2025)
    deliver_invoice(invoice_id=invoice.pk)
    assert [a[0] for a in mail.outbox[0].attachments] == [f"faktura-{invoice.number}.pdf"]
