"""EHF: PEPPOL BIS Billing 3.0 UBL 2.1 Invoice and CreditNote XML (R4).

Dues are outside the scope of VAT: tax category O, no VAT numbers. The buyer reference is the
member's invoice reference ("Deres ref."); endpoints are the 9-digit org numbers, scheme 0192.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree
from stdnum.no import orgnr

from ..models import Invoice

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "creditnote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CURRENCY = "NOK"


class EhfNotPossible(Exception):
    """The buyer lacks what a valid EHF needs; the coordinator must fix it before the file is sent."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def ehf_problems_for(*, buyer_reference: str, buyer_org_number: str, issuer_org_number: str) -> list[str]:
    """Why a valid EHF cannot be made from these snapshot values (empty when it can).

    The dues run asks this before issuing, with the values the invoice would copy, so it never
    issues an invoice whose EHF then cannot be made.
    """
    problems = []
    if not buyer_reference:
        problems.append(_("Kunden mangler fakturareferanse (Deres ref.)."))
    if not orgnr.is_valid(buyer_org_number or ""):
        problems.append(_("Kunden mangler gyldig organisasjonsnummer."))
    if not orgnr.is_valid(issuer_org_number or ""):
        problems.append(_("Utsteder mangler gyldig organisasjonsnummer."))
    return problems


def ehf_problems(invoice: Invoice) -> list[str]:
    """Why a valid EHF cannot be made for `invoice` (empty when it can)."""
    return ehf_problems_for(
        buyer_reference=invoice.buyer_reference,
        buyer_org_number=invoice.buyer_org_number,
        issuer_org_number=invoice.issuer_org_number,
    )


def _cbc(parent, tag: str, text, **attrs):
    element = etree.SubElement(parent, f"{{{NS['cbc']}}}{tag}", **attrs)
    element.text = str(text)
    return element


def _cac(parent, name: str):
    return etree.SubElement(parent, f"{{{NS['cac']}}}{name}")


def _amount(ore: int) -> str:
    return f"{Decimal(ore) / 100:.2f}"


def _party(parent, *, name, org_number, street, postal_code, place, in_foretaksregisteret: bool = False):
    party = _cac(parent, "Party")
    _cbc(party, "EndpointID", org_number, schemeID="0192")
    identification = _cac(party, "PartyIdentification")
    _cbc(identification, "ID", org_number, schemeID="0192")
    _cbc(_cac(party, "PartyName"), "Name", name)
    address = _cac(party, "PostalAddress")
    if street:
        _cbc(address, "StreetName", street)
    if place:
        _cbc(address, "CityName", place)
    if postal_code:
        _cbc(address, "PostalZone", postal_code)
    _cbc(_cac(address, "Country"), "IdentificationCode", "NO")
    if in_foretaksregisteret:
        # Norwegian rule NO-R-002: a seller registered there says so here, with tax scheme TAX.
        tax_scheme = _cac(party, "PartyTaxScheme")
        _cbc(tax_scheme, "CompanyID", "Foretaksregisteret")
        _cbc(_cac(tax_scheme, "TaxScheme"), "ID", "TAX")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", name)
    _cbc(legal, "CompanyID", org_number, schemeID="0192")
    return party


def _tax_category(parent, name: str):
    category = _cac(parent, name)
    _cbc(category, "ID", "O")
    if name == "TaxCategory":
        _cbc(category, "TaxExemptionReason", "Not subject to VAT")
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")
    return category


def render_ehf(invoice: Invoice) -> bytes:
    """The invoice or credit note as UBL 2.1 XML; raises EhfNotPossible when it would be invalid."""
    problems = ehf_problems(invoice)
    if problems:
        raise EhfNotPossible(problems)
    credit = invoice.is_credit_note
    root_name = "CreditNote" if credit else "Invoice"
    root_ns = NS["creditnote"] if credit else NS["invoice"]
    root = etree.Element(f"{{{root_ns}}}{root_name}", nsmap={None: root_ns, "cac": NS["cac"], "cbc": NS["cbc"]})
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", invoice.number)
    _cbc(root, "IssueDate", invoice.issue_date.isoformat())
    if credit:
        _cbc(root, "CreditNoteTypeCode", "381")
    else:
        _cbc(root, "DueDate", invoice.due_date.isoformat())
        _cbc(root, "InvoiceTypeCode", "380")
    if invoice.reason:
        _cbc(root, "Note", invoice.reason)
    _cbc(root, "DocumentCurrencyCode", CURRENCY)
    _cbc(root, "BuyerReference", invoice.buyer_reference)
    if invoice.dues_year:
        period = _cac(root, "InvoicePeriod")
        _cbc(period, "StartDate", f"{invoice.dues_year}-01-01")
        _cbc(period, "EndDate", f"{invoice.dues_year}-12-31")
    if credit:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", invoice.credited_invoice.number)
        _cbc(reference, "IssueDate", invoice.credited_invoice.issue_date.isoformat())
    supplier = _cac(root, "AccountingSupplierParty")
    _party(
        supplier,
        name=invoice.issuer_name,
        org_number=invoice.issuer_org_number,
        street=invoice.issuer_street_address,
        postal_code=invoice.issuer_postal_code,
        place=invoice.issuer_postal_place,
        in_foretaksregisteret=invoice.issuer_in_foretaksregisteret,
    )
    customer = _cac(root, "AccountingCustomerParty")
    _party(
        customer,
        name=invoice.buyer_name,
        org_number=invoice.buyer_org_number,
        street=invoice.buyer_street_address,
        postal_code=invoice.buyer_postal_code,
        place=invoice.buyer_postal_place,
    )
    if not credit:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", "30", name="Credit transfer")
        _cbc(means, "PaymentID", invoice.kid)
        _cbc(_cac(means, "PayeeFinancialAccount"), "ID", invoice.issuer_bank_account)
        terms = _cac(root, "PaymentTerms")
        _cbc(terms, "Note", f"{(invoice.due_date - invoice.issue_date).days} dager / days")
    total = _amount(invoice.amount_ore)
    tax_total = _cac(root, "TaxTotal")
    _cbc(tax_total, "TaxAmount", "0.00", currencyID=CURRENCY)
    subtotal = _cac(tax_total, "TaxSubtotal")
    _cbc(subtotal, "TaxableAmount", total, currencyID=CURRENCY)
    _cbc(subtotal, "TaxAmount", "0.00", currencyID=CURRENCY)
    _tax_category(subtotal, "TaxCategory")
    monetary = _cac(root, "LegalMonetaryTotal")
    _cbc(monetary, "LineExtensionAmount", total, currencyID=CURRENCY)
    _cbc(monetary, "TaxExclusiveAmount", total, currencyID=CURRENCY)
    _cbc(monetary, "TaxInclusiveAmount", total, currencyID=CURRENCY)
    _cbc(monetary, "PayableAmount", total, currencyID=CURRENCY)
    for line in invoice.lines.all():
        element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        _cbc(element, "ID", line.position)
        _cbc(element, "CreditedQuantity" if credit else "InvoicedQuantity", line.quantity, unitCode="C62")
        _cbc(element, "LineExtensionAmount", _amount(line.amount_ore), currencyID=CURRENCY)
        item = _cac(element, "Item")
        _cbc(item, "Name", line.description[:100])
        _tax_category(item, "ClassifiedTaxCategory")
        price = _cac(element, "Price")
        _cbc(price, "PriceAmount", _amount(line.unit_price_ore), currencyID=CURRENCY)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
