"""Billing pages: for the coordinator and billing administrator only; member contacts see their own invoices (R12)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billing.models import DuesRun, Invoice, Issuer, Payment
from billing.services.dues import issue_dues_invoice, run_dues
from billing.services.payments import register_payment
from members.models import ContactRole
from members.portal import sections
from tests.conftest import requires_postgresql
from tests.factories import dues_member, first_network, ocr_file

pytestmark = pytest.mark.django_db

# session, the user with their roles, run, and one data fingerprint for the totals, the preview and
# the table; on the first visit also the totals, the preview's counts and flagged members, and the
# table's tiers, count and page of invoices
LIST_QUERIES = 10
REVIEW_QUERIES = 5


@pytest.fixture
def own_invoice(member_contact):
    organisation = ContactRole.objects.get(person__user=member_contact).organisation
    from tests.factories import PopulationFigureFactory, dues_schedule_2023

    dues_schedule_2023()
    PopulationFigureFactory(organisation=organisation, population=12_000, reference_date=datetime.date(2024, 1, 1))
    return issue_dues_invoice(membership=organisation.memberships.get(), year=2025)


def test_billing_pages_are_for_coordinator_and_billing_admin(client, coordinator, billing_admin, member_contact):
    url = reverse("billing:invoice_list")
    assert client.get(url).status_code == 302  # to login
    client.force_login(member_contact)
    assert client.get(url).status_code == 403
    assert client.get(reverse("billing:payments_review")).status_code == 403
    assert client.get(reverse("billing:settings")).status_code == 403
    for user in (coordinator, billing_admin):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_member_contact_downloads_own_invoice_but_gets_404_for_others(client, member_contact, own_invoice):
    other = issue_dues_invoice(membership=dues_member(), year=2025)
    client.force_login(member_contact)
    response = client.get(reverse("billing:invoice_pdf", args=[own_invoice.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(reverse("billing:invoice_ehf", args=[own_invoice.pk])).status_code == 200
    assert client.get(reverse("billing:my_invoice", args=[own_invoice.pk])).status_code == 200
    for name in ("invoice_pdf", "invoice_ehf", "my_invoice", "invoice_detail"):
        assert client.get(reverse(f"billing:{name}", args=[other.pk])).status_code == 404
    assert client.post(reverse("billing:invoice_resend", args=[own_invoice.pk])).status_code == 403


def test_portal_section_lists_the_organisations_invoices(rf, member_contact, own_invoice):
    request = rf.get("/")
    request.user = member_contact
    section = next(s for s in sections() if s.key == "invoices")
    context = section.context(request, own_invoice.organisation)
    assert [i.pk for i in context["invoices"]] == [own_invoice.pk]
    from django.template.loader import render_to_string

    html = render_to_string(section.template, context)
    assert reverse("billing:invoice_pdf", args=[own_invoice.pk]) in html


@requires_postgresql  # the counts are PostgreSQL's: the roles ride with the user
def test_invoice_list_shows_totals_and_makes_a_constant_number_of_queries(
    client, coordinator, django_assert_num_queries
):
    for population in (5_000, 50_000, 100_000):
        dues_member(population=population)
    run_dues(year=2025)
    client.force_login(coordinator)
    url = reverse("billing:invoice_list") + "?year=2025"
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    for population in (6_000, 60_000, 160_000, 7_000):
        dues_member(population=population)
    run_dues(year=2025)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert "325\u00a0000,00" in response.content.decode()


def test_invoice_list_filters_by_status_and_tier(client, coordinator):
    small = issue_dues_invoice(membership=dues_member(population=5_000), year=2025)
    big = issue_dues_invoice(membership=dues_member(population=100_000), year=2025)
    client.force_login(coordinator)
    response = client.get(reverse("billing:invoice_list"), {"year": 2025, "tier": big.tier_label})
    assert [i.pk for i in response.context["invoices"]] == [big.pk]
    Payment.objects.create(invoice=small, amount_ore=small.amount_ore, paid_on=small.issue_date, source="manual")
    response = client.get(reverse("billing:invoice_list"), {"year": 2025, "status": "paid"})
    assert [i.pk for i in response.context["invoices"]] == [small.pk]


def test_dues_run_button_starts_the_run_and_progress_is_shown(client, coordinator, django_capture_on_commit_callbacks):
    dues_member()
    dues_member(invoice_reference="", invoice_email="")
    client.force_login(coordinator)
    page = client.get(reverse("billing:invoice_list"), {"year": 2025}).content.decode()
    assert reverse("billing:dues_run_review", args=[2025]) in page
    page = client.get(reverse("billing:dues_run_review", args=[2025])).content.decode()
    assert "Kunden mangler fakturareferanse" in page  # held: no valid EHF without it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("billing:dues_run_start"), {"year": 2025})
    assert response.status_code == 302
    assert Invoice.objects.filter(dues_year=2025).count() == 1
    run = DuesRun.objects.get(year=2025)
    assert (run.done, run.total, run.held, run.status) == (2, 2, 1, DuesRun.Status.DONE)
    progress = client.get(reverse("billing:dues_run_progress", args=[2025]))
    assert "2 av 2" in progress.content.decode()
    assert "<progress" in progress.content.decode()


def test_running_dues_run_polls_with_htmx_and_offers_a_refresh_link(client, coordinator):
    DuesRun.objects.create(network=first_network(), year=2025, status=DuesRun.Status.RUNNING, total=10, done=3)
    client.force_login(coordinator)
    html = client.get(reverse("billing:dues_run_progress", args=[2025])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "3 av 10" in html and "?year=2025" in html


def test_register_payment_and_credit_note_from_the_invoice_page(client, billing_admin, invoice):
    client.force_login(billing_admin)
    url = reverse("billing:invoice_register_payment", args=[invoice.pk])
    bad = client.post(url, {"amount": "-5", "paid_on": "2025-01-20"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    assert client.post(url, {"amount": "20000,50", "paid_on": "2025-01-20"}).status_code == 302
    assert Payment.objects.get(invoice=invoice).amount_ore == 20_000_50
    too_much = client.post(reverse("billing:invoice_credit", args=[invoice.pk]), {"amount": "60000", "reason": "x"})
    assert too_much.status_code == 400
    response = client.post(reverse("billing:invoice_credit", args=[invoice.pk]), {"amount": "5000", "reason": "Rabatt"})
    note = Invoice.objects.get(credited_invoice=invoice)
    assert response.status_code == 302 and note.amount_ore == 5_000_00
    detail = client.get(reverse("billing:invoice_detail", args=[invoice.pk]))
    assert detail.status_code == 200 and str(note.number) in detail.content.decode()


def test_ocr_upload_rejects_a_bad_file_with_the_line_number(client, billing_admin, invoice):
    client.force_login(billing_admin)
    lines = ocr_file([(invoice.kid, 50_000_00)]).decode("iso-8859-1").splitlines()
    lines[2] = lines[2][:70]
    upload = SimpleUploadedFile("ocr.txt", "\n".join(lines).encode("iso-8859-1"))
    response = client.post(reverse("billing:payments_review"), {"file": upload})
    assert response.status_code == 400 and "Linje 3" in response.content.decode()
    good = SimpleUploadedFile("ocr.txt", ocr_file([(invoice.kid, 50_000_00)]))
    assert client.post(reverse("billing:payments_review"), {"file": good}).status_code == 302
    assert Payment.objects.get().invoice == invoice


def test_coordinator_edits_issuer_settings_and_bank_account_is_checked(client, coordinator):
    client.force_login(coordinator)
    data = {
        "issuer_name": "KS",
        "issuer_org_number": "971032146",
        "street_address": "Haakon VIIs gate 9",
        "postal_code": "0161",
        "postal_place": "Oslo",
        "bank_account": "86011117948",
        "email": "faktura@ks.no",
        "due_days": 30,
        "first_reminder_days": 14,
        "second_reminder_days": 28,
    }
    response = client.post(reverse("billing:settings"), data)
    assert response.status_code == 400 and "MOD11" in response.content.decode()
    data["bank_account"] = "86011117947"
    data["due_days"] = 21
    assert client.post(reverse("billing:settings"), data).status_code == 302
    assert Issuer.objects.default().due_days == 21


def test_a_running_dues_run_is_not_started_twice_but_a_crashed_one_can_be(
    client, coordinator, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    dues_member()
    run = DuesRun.objects.create(
        network=first_network(), year=2025, status=DuesRun.Status.RUNNING, total=1, done=0, progressed_at=timezone.now()
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("billing:dues_run_start"), {"year": 2025})
    assert not Invoice.objects.exists()
    DuesRun.objects.filter(pk=run.pk).update(progressed_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("billing:dues_run_start"), {"year": 2025})
    assert Invoice.objects.count() == 1
    assert DuesRun.objects.get(pk=run.pk).status == DuesRun.Status.DONE


def test_not_delivered_invoice_shows_the_error_and_is_resent_from_its_page(
    client, coordinator, invoice, failing_smtp, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from billing.services.delivery import DeliveryFailed, deliver_invoice

    with pytest.raises(DeliveryFailed):
        deliver_invoice(invoice_id=invoice.pk)
    client.force_login(coordinator)
    page = client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert "Ikke levert" in page and "SMTPServerDisconnected" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("billing:invoice_resend", args=[invoice.pk])).status_code == 302
    assert len(mail.outbox) == 1
    invoice.refresh_from_db()
    assert invoice.sent_at is not None and invoice.deliveries.count() == 2


@requires_postgresql  # the counts are PostgreSQL's: the roles ride with the user
def test_payment_review_page_makes_a_constant_number_of_queries(client, billing_admin, django_assert_num_queries):
    from billing.services.payments import import_ocr

    def add_batch(tag):
        invoices = [issue_dues_invoice(membership=dues_member(), year=2025) for _ in range(3)]
        payments = [(invoices[0].kid, 1_00), (invoices[1].kid, 99_000_00), (f"{tag}0000008", 5_00)]
        import_ocr(data=ocr_file(payments, number=f"100000{tag}"), filename=f"ocr-{tag}.txt")

    client.force_login(billing_admin)
    add_batch(1)
    with django_assert_num_queries(REVIEW_QUERIES):
        client.get(reverse("billing:payments_review"))
    add_batch(2)
    with django_assert_num_queries(REVIEW_QUERIES):
        response = client.get(reverse("billing:payments_review"))
    assert len(response.context["unmatched"]) == 2
    assert len(response.context["partly_paid"]) == 2 and len(response.context["overpaid"]) == 2


def test_invoice_list_is_paged_newest_first_and_pages_keep_the_filters(client, coordinator, monkeypatch):
    monkeypatch.setattr("billing.views.INVOICES_PER_PAGE", 2)
    numbers = sorted(issue_dues_invoice(membership=dues_member(), year=2025).number for _ in range(3))
    client.force_login(coordinator)
    first = client.get(reverse("billing:invoice_list"), {"year": 2025, "tier": ""})
    assert [i.number for i in first.context["invoices"]] == numbers[:0:-1]
    assert "year=2025&amp;tier=&amp;side=2" in first.content.decode()
    second = client.get(reverse("billing:invoice_list"), {"year": 2025, "tier": "", "side": 2})
    assert [i.number for i in second.context["invoices"]] == numbers[:1]
    assert "Side 2 av 2" in second.content.decode()


def test_the_cached_invoice_table_follows_payments_and_delivery(client, coordinator):
    invoice = issue_dues_invoice(membership=dues_member(), year=2025)
    client.force_login(coordinator)
    url = reverse("billing:invoice_list") + "?year=2025"

    def row():
        page = client.get(url).content.decode()
        start = page.index(f">{invoice.number}</a>")
        return page[start : page.index("</tr>", start)]

    assert "Ikke levert" not in row()
    invoice.delivery_error = "SMTP 550"
    invoice.save(update_fields=["delivery_error"])
    assert "Ikke levert" in row()
    register_payment(invoice=invoice, amount_ore=invoice.amount_ore, paid_on=invoice.issue_date)
    assert "Betalt" in row()
