"""R4: the invoice PDF and the EHF (PEPPOL BIS Billing 3.0, UBL 2.1) carry what the buyer needs."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree
from pypdf import PdfReader

from billing.documents.ehf import EhfNotPossible, render_ehf
from billing.documents.pdf import render_pdf
from billing.services.dues import issue_dues_invoice
from billing.services.invoices import issue_credit_note
from members.models import Language
from tests.factories import dues_member

pytestmark = pytest.mark.django_db

UBL = Path(settings.BASE_DIR).parent / "shared" / "ubl21" / "maindoc"
if not UBL.exists():
    UBL = Path("/work/shared/ubl21/maindoc")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def invoice_schema():
    return etree.XMLSchema(etree.parse(str(UBL / "UBL-Invoice-2.1.xsd")))


@pytest.fixture(scope="module")
def credit_note_schema():
    return etree.XMLSchema(etree.parse(str(UBL / "UBL-CreditNote-2.1.xsd")))


def test_invoice_pdf_shows_number_kid_amount_due_date_reference_and_population_basis(invoice):
    text = _pdf_text(render_pdf(invoice))
    assert str(invoice.number) in text
    assert invoice.kid in text
    assert "50 000,00" in text.replace("\u00a0", " ")
    assert invoice.due_date.strftime("%d.%m.%Y") in text
    assert "Deres ref." in text and invoice.buyer_reference in text
    assert "50 000" in text.replace("\u00a0", " ")  # population basis
    assert invoice.population_date.strftime("%d.%m.%Y") in text
    assert "Kommune 20 000–80 000 innbyggere" in text.replace("\u00a0", " ")


def test_pdf_renders_norwegian_letters_correctly():
    membership = dues_member(name="Ås og Bærum Øvre kommune")
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert "Ås og Bærum Øvre kommune" in _pdf_text(render_pdf(invoice))


def test_pdf_says_foretaksregisteret_when_the_issuer_is_registered_there(invoice):
    from billing.models import Issuer

    settings_row = Issuer.objects.default()
    settings_row.issuer_in_foretaksregisteret = True
    settings_row.save()
    registered = issue_dues_invoice(membership=dues_member(), year=2025)
    assert "Foretaksregisteret" in _pdf_text(render_pdf(registered))
    assert "Foretaksregisteret" not in _pdf_text(render_pdf(invoice))


def test_credit_note_pdf_names_the_original_invoice(invoice):
    note = issue_credit_note(invoice=invoice, amount_ore=10_000_00, reason="Delvis fritak")
    text = _pdf_text(render_pdf(note))
    assert "Kreditnota" in text and str(invoice.number) in text and "10 000,00" in text.replace("\u00a0", " ")


def test_ehf_invoice_validates_against_the_ubl_21_xsd(invoice, invoice_schema):
    document = etree.fromstring(render_ehf(invoice))
    invoice_schema.assertValid(document)
    ns = {
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    }
    assert document.findtext("cbc:CustomizationID", namespaces=ns).endswith("poacc:billing:3.0")
    assert document.findtext("cbc:ProfileID", namespaces=ns) == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    assert document.findtext("cbc:BuyerReference", namespaces=ns) == invoice.buyer_reference
    assert document.findtext("cac:PaymentMeans/cbc:PaymentID", namespaces=ns) == invoice.kid
    account = document.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", namespaces=ns)
    assert account == invoice.issuer_bank_account
    seller = document.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", namespaces=ns)
    buyer = document.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", namespaces=ns)
    assert (seller.get("schemeID"), seller.text) == ("0192", invoice.issuer_org_number)
    assert (buyer.get("schemeID"), buyer.text) == ("0192", invoice.buyer_org_number)
    assert document.findtext("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID", namespaces=ns) == "O"
    assert document.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=ns) == "50000.00"


def test_ehf_credit_note_validates_and_references_the_invoice(invoice, credit_note_schema):
    note = issue_credit_note(invoice=invoice, reason="Full kreditering")
    document = etree.fromstring(render_ehf(note))
    credit_note_schema.assertValid(document)
    ns = {
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    }
    assert document.findtext("cbc:CreditNoteTypeCode", namespaces=ns) == "381"
    ref = document.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=ns)
    assert ref == str(invoice.number)


def test_member_without_invoice_reference_or_org_number_gets_no_invalid_ehf():
    invoice = issue_dues_invoice(membership=dues_member(invoice_reference="", org_number=""), year=2025)
    with pytest.raises(EhfNotPossible) as error:
        render_ehf(invoice)
    assert len(error.value.problems) == 2


def test_english_speaking_member_gets_english_pdf_labels_where_translated():
    membership = dues_member(preferred_language=Language.EN)
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert invoice.language == "en"
    assert invoice.kid in _pdf_text(render_pdf(invoice))


def test_ehf_of_an_issuer_in_foretaksregisteret_says_so_and_still_validates(invoice_schema):
    from billing.models import Issuer

    row = Issuer.objects.default()
    row.issuer_in_foretaksregisteret = True
    row.save()
    invoice = issue_dues_invoice(membership=dues_member(), year=2025)
    xml = render_ehf(invoice)
    invoice_schema.assertValid(etree.fromstring(xml))
    assert b"<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>" in xml


def test_the_buyer_block_of_pdf_and_ehf_carries_the_postal_address_as_it_was_at_issue():
    membership = dues_member(
        population=5_000, street_address="Postboks 7700", postal_code="5020", postal_place="Bergen"
    )
    invoice = issue_dues_invoice(membership=membership, year=2025)
    organisation = membership.organisation
    organisation.street_address, organisation.postal_code, organisation.postal_place = "Nygata 1", "0001", "Oslo"
    organisation.save()
    text = _pdf_text(render_pdf(invoice))
    assert "Postboks 7700" in text and "5020 Bergen" in text
    assert "Nygata 1" not in text
    document = etree.fromstring(render_ehf(invoice))
    ns = {
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    }
    address = document.find("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress", ns)
    assert address.findtext("cbc:StreetName", namespaces=ns) == "Postboks 7700"
    assert address.findtext("cbc:PostalZone", namespaces=ns) == "5020"
    assert address.findtext("cbc:CityName", namespaces=ns) == "Bergen"
