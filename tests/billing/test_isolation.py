"""Billing shows and changes only the page's network's data (R12, R13).

Two networks, each with its own issuer, coordinator and billing administrator, and in each: dues
invoices, an overpayment moved to the member's credit balance, an OCR import with an overpaid invoice
and an unmatched payment, a dues run. One organisation is a member of both. Network A's pages list
none of B's rows; every detail and action address of A answers 404 for B's objects (for A's staff,
nothing changed); A's staff are refused on B's pages; the admin shows each person their networks' rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.models import CreditBalanceEntry, DeliveryLog, DuesRun, Invoice, Issuer, OcrImport, Payment
from billing.services.dues import issue_dues_invoice
from billing.services.payments import import_ocr, register_payment
from members.models import Network, Organisation
from members.networks import using_network
from tests.factories import (
    ContactRoleFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    dues_member,
    first_network,
    make_billing_admin,
    make_coordinator,
    network_issuer,
    ocr_file,
)

pytestmark = pytest.mark.django_db

YEAR = 2025


@dataclass
class Side:
    """One network's billing: its staff and objects, named with the network's tag."""

    tag: str
    network: Network
    issuer: Issuer
    coordinator: object
    billing_admin: object
    invoice: Invoice  # a dues invoice, unpaid
    credit_organisation: Organisation  # has a credit balance (a confirmed overpayment)
    overpaid: Invoice  # paid beyond its amount by OCR, the surplus not yet moved
    unmatched: Payment  # from the network's OCR import, matching no invoice
    shared_invoice: Invoice  # the shared organisation's dues invoice in this network
    run: DuesRun


def _staff(network: Network, tag: str):
    coordinator = make_coordinator(UserFactory(email=f"koordinator-{tag}@example.no", is_staff=True), network)
    billing_admin = make_billing_admin(UserFactory(email=f"okonomi-{tag}@example.no", is_staff=True), network)
    return coordinator, billing_admin


def _side(network: Network, tag: str, shared: Organisation, unmatched_kid: str, ocr_number: str) -> Side:
    issuer = network_issuer(network)
    coordinator, billing_admin = _staff(network, tag)
    invoice = issue_dues_invoice(membership=dues_member(network=network, name=f"{tag}heim kommune"), year=YEAR)
    paid = issue_dues_invoice(membership=dues_member(network=network, name=f"{tag}vik kommune"), year=YEAR)
    register_payment(
        invoice=paid,
        amount_ore=paid.amount_ore + 10_000_00,
        paid_on=datetime.date(YEAR, 2, 1),
        confirmed_surplus_ore=10_000_00,
    )
    overpaid = issue_dues_invoice(membership=dues_member(network=network, name=f"{tag}dal kommune"), year=YEAR)
    with using_network(network):
        ocr = import_ocr(
            data=ocr_file([(overpaid.kid, overpaid.amount_ore + 5_00), (unmatched_kid, 7_00)], number=ocr_number),
            filename=f"{tag}.ocr",
        )
    if not shared.memberships.filter(network=network).exists():
        MembershipFactory(organisation=shared, network=network, agreement_ends_on=datetime.date(2028, 6, 3))
    shared_invoice = issue_dues_invoice(membership=shared.memberships.get(network=network), year=YEAR)
    run = DuesRun.objects.create(network=network, year=YEAR)
    DeliveryLog.objects.create(invoice=invoice, kind=DeliveryLog.Kind.INVOICE, recipient=f"{tag}@example.no")
    return Side(
        tag=tag,
        network=network,
        issuer=issuer,
        coordinator=coordinator,
        billing_admin=billing_admin,
        invoice=invoice,
        credit_organisation=paid.organisation,
        overpaid=overpaid,
        unmatched=ocr.payments.get(invoice__isnull=True),
        shared_invoice=shared_invoice,
        run=run,
    )


@pytest.fixture
def sides():
    first = first_network()
    network_issuer(first)  # the first issuer, made again after a flush, before the second network's
    second = NetworkFactory(name="Zybraknettverket", slug="zybrak")
    network_issuer(second, issuer_name="Zybrak Utsteder", kid_prefix="7", issuer_org_number="974760673")
    shared = dues_member(name="Fellesby kommune").organisation  # a member of the first network; of the second below
    a = _side(first, "Nordalf", shared, "12345674", "1000071")
    b = _side(second, "Zybrak", shared, "76543210", "1000072")
    assert a.issuer != b.issuer and b.invoice.kid.startswith("7")
    return a, b


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _in(network: Network, name: str, *args, query: str = "") -> str:
    with using_network(network):
        return reverse(name, args=args) + query


def _snapshot() -> tuple:
    return (
        Payment.objects.count(),
        list(Payment.objects.filter(invoice__isnull=True).values_list("pk", flat=True)),
        CreditBalanceEntry.objects.count(),
        Invoice.objects.count(),
        DeliveryLog.objects.count(),
        len(mail.outbox),
    )


# --- list pages ----------------------------------------------------------------------------------------


LIST_PAGES = [
    ("billing:invoice_list", (), f"?year={YEAR}"),
    ("billing:invoice_list", (), f"?year={YEAR}&q=kommune"),
    ("billing:payments_review", (), ""),
    ("billing:credit_balance_list", (), ""),
    ("billing:dues_run_review", (YEAR + 1,), ""),
    ("billing:dues_run_review", (YEAR,), ""),
    ("billing:settings", (), ""),
]


@pytest.mark.parametrize("role", ["coordinator", "billing_admin"])
def test_the_list_pages_of_a_network_show_none_of_anothers_rows(sides, role):
    a, b = sides
    for own, other in ((a, b), (b, a)):
        client = _client(getattr(own, role))
        for name, args, query in LIST_PAGES:
            response = client.get(_in(own.network, name, *args, query=query))
            assert response.status_code == 200, (name, own.tag)
            page = response.content.decode()
            assert other.tag not in page, (name, own.tag)
            for kid in (other.invoice.kid, other.overpaid.kid, other.unmatched.kid):
                assert kid not in page, (name, own.tag, kid)
        # Its own rows are there.
        page = client.get(_in(own.network, "billing:invoice_list", query=f"?year={YEAR}")).content.decode()
        assert f"{own.tag}heim kommune" in page
        review = client.get(_in(own.network, "billing:payments_review"))
        assert [p.pk for p in review.context["unmatched"]] == [own.unmatched.pk]
        assert [i.pk for i in review.context["overpaid"]] == [own.overpaid.pk]
        credit = client.get(_in(own.network, "billing:credit_balance_list")).context["balances"]
        assert [o.pk for o in credit] == [own.credit_organisation.pk]


def test_the_totals_and_the_dues_run_preview_count_the_networks_own_invoices(sides):
    from billing.queries import dues_run_preview, dues_summary

    a, b = sides
    for side in (a, b):
        assert dues_summary(YEAR, network=side.network)["invoice_count"] == 4
        preview = dues_run_preview(YEAR, network=side.network)
        assert (preview["owing"], preview["invoiced"]) == (4, 4)


# --- detail and action addresses with another network's ids -------------------------------------------


def _foreign_addresses(b: Side) -> list[tuple[str, str, tuple, dict]]:
    """(method, url name, args, data) of every detail and action address, with B's objects."""
    org = b.credit_organisation.pk
    return [
        ("get", "billing:invoice_detail", (b.invoice.pk,), {}),
        ("get", "billing:my_invoice", (b.invoice.pk,), {}),
        ("get", "billing:invoice_pdf", (b.invoice.pk,), {}),
        ("get", "billing:invoice_ehf", (b.invoice.pk,), {}),
        ("get", "billing:credit_balance_detail", (org,), {}),
        ("post", "billing:invoice_resend", (b.invoice.pk,), {}),
        ("post", "billing:invoice_register_payment", (b.invoice.pk,), {"amount": "100", "paid_on": "2025-02-01"}),
        ("post", "billing:invoice_credit", (b.invoice.pk,), {"reason": "Feil", "amount": ""}),
        ("post", "billing:invoice_surplus_to_credit", (b.overpaid.pk,), {}),
        (
            "post",
            "billing:credit_refund",
            (org,),
            {"amount": "1", "refunded_on": "2025-03-01", "bank_account": "86011117947"},
        ),
        ("post", "billing:credit_set_off", (org,), {"invoice": str(b.invoice.pk), "amount": ""}),
        ("post", "billing:payment_match", (b.unmatched.pk,), {"invoice_number": str(b.invoice.number)}),
    ]


@pytest.mark.parametrize("role", ["coordinator", "billing_admin"])
def test_every_detail_address_of_a_network_answers_404_for_anothers_object(
    sides, role, django_capture_on_commit_callbacks
):
    a, b = sides
    client = _client(getattr(a, role))
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        for method, name, args, data in _foreign_addresses(b):
            response = getattr(client, method)(_in(a.network, name, *args), data)
            assert response.status_code == 404, (method, name, response.status_code)
    assert _snapshot() == before


def test_the_staff_of_one_network_are_refused_on_anothers_pages(sides):
    a, b = sides
    for user in (a.coordinator, a.billing_admin):
        client = _client(user)
        for name, args, query in LIST_PAGES:
            assert client.get(_in(b.network, name, *args, query=query)).status_code == 403, name
        # B's objects at B's addresses: not theirs, so not found.
        assert client.get(_in(b.network, "billing:invoice_detail", b.invoice.pk)).status_code == 404
        assert client.post(_in(b.network, "billing:dues_run_start"), {"year": YEAR + 1}).status_code == 403


def test_a_member_contact_sees_their_organisations_invoices_of_the_pages_network_only(sides):
    a, b = sides
    shared = a.shared_invoice.organisation
    role = ContactRoleFactory(organisation=shared)
    user = UserFactory(email=role.person.email)
    role.person.user = user
    role.person.save()
    client = _client(user)
    assert client.get(_in(a.network, "billing:my_invoice", a.shared_invoice.pk)).status_code == 200
    assert client.get(_in(a.network, "billing:my_invoice", b.shared_invoice.pk)).status_code == 404
    assert client.get(_in(b.network, "billing:invoice_pdf", b.shared_invoice.pk)).status_code == 200
    from billing.portal import portal_context

    with using_network(a.network):
        assert [i.pk for i in portal_context(None, shared)["invoices"]] == [a.shared_invoice.pk]


def test_a_credit_balance_is_the_members_in_one_network(sides):
    """The shared organisation overpays B's invoice: its credit is B's, not seen or spent in A."""
    a, b = sides
    shared = b.shared_invoice.organisation
    register_payment(
        invoice=b.shared_invoice,
        amount_ore=b.shared_invoice.amount_ore + 3_000_00,
        paid_on=datetime.date(YEAR, 2, 1),
        confirmed_surplus_ore=3_000_00,
    )
    client = _client(a.coordinator)
    page = client.get(_in(a.network, "billing:credit_balance_detail", shared.pk))
    assert page.status_code == 200 and page.context["balance_ore"] == 0 and list(page.context["entries"]) == []
    assert [i.pk for i in page.context["open_invoices"]] == [a.shared_invoice.pk]
    refused = client.post(
        _in(a.network, "billing:credit_set_off", shared.pk), {"invoice": str(a.shared_invoice.pk), "amount": ""}
    )
    assert refused.status_code == 400  # «… har ingen kreditsaldo å motregne»: nothing is set off
    assert not CreditBalanceEntry.objects.filter(organisation=shared, network=a.network).exists()
    other = _client(b.coordinator).get(_in(b.network, "billing:credit_balance_detail", shared.pk))
    assert other.context["balance_ore"] == 3_000_00
    assert CreditBalanceEntry.objects.filter(organisation=shared).get().network == b.network


def test_an_ocr_file_is_matched_to_the_networks_the_importer_handles(sides):
    """A's coordinator imports a file that also pays B's invoice: only A's is matched; B's KID waits in A."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, b = sides
    client = _client(a.coordinator)
    data = ocr_file([(a.invoice.kid, 1_00), (b.invoice.kid, 2_00)], number="1000099")
    response = client.post(_in(a.network, "billing:payments_review"), {"file": SimpleUploadedFile("blandet.ocr", data)})
    assert response.status_code == 302
    ocr = OcrImport.objects.get(filename="blandet.ocr")
    assert ocr.network == a.network
    assert ocr.payments.get(kid=a.invoice.kid).invoice == a.invoice
    assert ocr.payments.get(kid=b.invoice.kid).invoice is None
    assert not b.invoice.payments.exists()


def test_an_issuers_billing_admin_matches_every_network_it_invoices():
    """Two networks invoiced by one issuer share its bank account: its administrator's file pays both."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = first_network()
    cluster = NetworkFactory(slug="klynge-felles-utsteder")
    network_issuer(cluster)  # the first issuer, as the first network's
    admin = make_billing_admin(UserFactory(email="felles@example.no"), first)
    own = issue_dues_invoice(membership=dues_member(), year=YEAR)
    theirs = issue_dues_invoice(membership=dues_member(network=cluster), year=YEAR)
    data = ocr_file([(own.kid, 1_00), (theirs.kid, 2_00)], number="1000098")
    client = _client(admin)
    client.post(_in(first, "billing:payments_review"), {"file": SimpleUploadedFile("felles.ocr", data)})
    assert own.payments.count() == 1 and theirs.payments.count() == 1
    # A coordinator of the first network only: the cluster's KID stays unmatched.
    coordinator = make_coordinator(UserFactory(email="bare-forste@example.no"), first)
    data = ocr_file([(own.kid, 3_00), (theirs.kid, 4_00)], number="1000097")
    _client(coordinator).post(_in(first, "billing:payments_review"), {"file": SimpleUploadedFile("k.ocr", data)})
    assert own.payments.count() == 2 and theirs.payments.count() == 1


def test_an_issuer_shared_with_another_network_is_changed_by_its_billing_admins_only():
    first = first_network()
    issuer = network_issuer(first)
    network_issuer(NetworkFactory(slug="klynge-deler-utsteder"))  # the same issuer
    coordinator = make_coordinator(UserFactory(email="koord-delt@example.no"), first)
    data = {
        "issuer_name": "Endret navn",
        "issuer_org_number": issuer.issuer_org_number,
        "street_address": issuer.street_address,
        "postal_code": issuer.postal_code,
        "postal_place": issuer.postal_place,
        "bank_account": issuer.bank_account,
        "email": issuer.email,
        "due_days": 30,
        "first_reminder_days": 14,
        "second_reminder_days": 28,
    }
    response = _client(coordinator).post(_in(first, "billing:settings"), data)
    assert response.status_code == 400 and "også andre nettverk" in response.content.decode()
    issuer.refresh_from_db()
    assert issuer.issuer_name != "Endret navn"
    admin = make_billing_admin(UserFactory(email="okonomi-delt@example.no"), first)
    assert _client(admin).post(_in(first, "billing:settings"), data).status_code == 302
    issuer.refresh_from_db()
    assert issuer.issuer_name == "Endret navn"


# --- the admin ------------------------------------------------------------------------------------------


def _admin_objects(side: Side) -> dict[str, int]:
    return {
        "invoice": side.invoice.pk,
        "payment": side.unmatched.pk,
        "creditbalanceentry": CreditBalanceEntry.objects.get(organisation=side.credit_organisation).pk,
        "ocrimport": side.unmatched.ocr_import_id,
        "duesrun": side.run.pk,
        "duesschedule": side.network.dues_schedules.get().pk,
        "networkbilling": side.network.billing.pk,
        "issuer": side.issuer.pk,
        "deliverylog": DeliveryLog.objects.filter(invoice__network=side.network).first().pk,
    }


@pytest.mark.parametrize("role", ["coordinator", "billing_admin"])
def test_the_admin_shows_each_person_their_networks_rows_only(sides, role):
    a, b = sides
    client = _client(getattr(a, role))
    own, other = _admin_objects(a), _admin_objects(b)
    for model, pk in other.items():
        changelist = client.get(reverse(f"admin:billing_{model}_changelist"))
        assert changelist.status_code == 200, model
        shown = {obj.pk for obj in changelist.context["cl"].result_list}
        assert pk not in shown and own[model] in shown, model
        change = client.get(reverse(f"admin:billing_{model}_change", args=[pk]))
        assert change.status_code == 302 and change.url == reverse("admin:index"), model
        history = client.get(reverse(f"admin:billing_{model}_history", args=[pk]))
        assert history.status_code in (302, 403, 404), model
    assert "Zybrak" not in client.get(reverse("admin:billing_invoice_changelist")).content.decode()


# --- hypothesis: any detail address, any of A's staff, any of B's objects ------------------------------


@pytest.fixture
def foreign(sides):
    a, b = sides
    ids = {
        "invoice": [b.invoice.pk, b.overpaid.pk, b.shared_invoice.pk],
        "organisation": [b.credit_organisation.pk],
        "payment": [b.unmatched.pk],
    }
    return a, ids


DETAIL_ADDRESSES = [
    ("get", "billing:invoice_detail", "invoice"),
    ("get", "billing:my_invoice", "invoice"),
    ("get", "billing:invoice_pdf", "invoice"),
    ("get", "billing:invoice_ehf", "invoice"),
    ("post", "billing:invoice_resend", "invoice"),
    ("post", "billing:invoice_register_payment", "invoice"),
    ("post", "billing:invoice_credit", "invoice"),
    ("post", "billing:invoice_surplus_to_credit", "invoice"),
    ("get", "billing:credit_balance_detail", "organisation"),
    ("post", "billing:credit_refund", "organisation"),
    ("post", "billing:credit_set_off", "organisation"),
    ("post", "billing:payment_match", "payment"),
]


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    address=st.sampled_from(DETAIL_ADDRESSES),
    role=st.sampled_from(["coordinator", "billing_admin"]),
    pick=st.integers(min_value=0, max_value=10),
)
def test_any_detail_address_with_another_networks_object_is_not_found(foreign, address, role, pick):
    a, ids = foreign
    method, name, kind = address
    pk = ids[kind][pick % len(ids[kind])]
    before = _snapshot()
    response = getattr(_client(getattr(a, role)), method)(_in(a.network, name, pk), {"amount": "1", "reason": "x"})
    assert response.status_code == 404, (name, role, pk)
    assert _snapshot() == before
