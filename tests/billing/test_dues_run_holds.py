"""The dues run tells the truth before it runs (R1, R3, R4): members whose agreement period has ended,
and members for whom no valid EHF can be made, are listed with the reason and held unless the
coordinator chooses otherwise; the choice is recorded on the run, and the run does what the preview says.
"""

import datetime
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.documents.ehf import ehf_problems
from billing.models import DuesRun, DuesRunChoice, DuesRunItem, Invoice
from billing.services.dues import DuesRunOverview, plan_dues_run, record_dues_run_choices, run_dues
from billing.tasks import run_dues as run_dues_task
from tests.conftest import requires_postgresql
from tests.factories import dues_member, first_network

pytestmark = pytest.mark.django_db

YEAR = 2026
ENDED = datetime.date(2025, 6, 3)  # three years from 3 June 2022, not renewed
NO_EHF = {"org_number": "", "kind": "fylkeskommune"}  # as the six county authorities in the demo

AGREEMENT_ENDED = DuesRunChoice.Reason.AGREEMENT_ENDED
EHF = DuesRunChoice.Reason.NO_EHF


def _outcomes(run: DuesRun) -> dict[str, str]:
    return {i.membership.organisation.name: i.outcome for i in run.items.select_related("membership__organisation")}


def test_member_whose_agreement_period_ended_before_the_year_is_listed_and_held_by_default():
    current = dues_member(name="Fornyet kommune")
    ended = dues_member(name="Utløpt kommune", agreement_ends_on=ENDED)
    overview = DuesRunOverview(plan_dues_run(YEAR))
    assert [p.membership for p in overview.agreement_ended] == [ended]
    assert [p.membership for p in overview.held] == [ended]
    assert [p.membership for p in overview.to_issue] == [current]

    run = run_dues(year=YEAR, deliver=False)

    assert list(Invoice.objects.filter(dues_year=YEAR).values_list("organisation", flat=True)) == [
        current.organisation_id
    ]
    assert (run.issued, run.held, run.done, run.total) == (1, 1, 2, 2)
    held = run.items.get(membership=ended)
    assert (held.outcome, held.reasons) == (DuesRunItem.Outcome.HELD, [AGREEMENT_ENDED])


def test_an_agreement_ending_on_1_january_does_not_cover_that_year_but_one_ending_later_does():
    on_new_year = dues_member(agreement_ends_on=datetime.date(YEAR, 1, 1))
    in_march = dues_member(agreement_ends_on=datetime.date(YEAR, 3, 1))
    listed = [p.membership for p in DuesRunOverview(plan_dues_run(YEAR)).agreement_ended]
    assert on_new_year in listed and in_march not in listed


def test_coordinator_includes_an_ended_agreement_and_the_choice_is_recorded_with_who_and_when(coordinator):
    ended = dues_member(agreement_ends_on=ENDED)
    record_dues_run_choices(year=YEAR, choices={(ended.pk, AGREEMENT_ENDED): "include"}, by=coordinator)

    run = run_dues(year=YEAR, deliver=False)

    assert run.issued == 1 and run.held == 0
    choice = run.choices.get()
    assert (choice.membership, choice.reason, choice.choice, choice.decided_by) == (
        ended,
        AGREEMENT_ENDED,
        DuesRunChoice.Choice.INCLUDE,
        coordinator,
    )
    assert choice.decided_at is not None
    assert choice.history.count() == 1  # changes keep their history


def test_member_without_a_valid_org_number_is_listed_with_the_reason_and_held_by_default():
    county = dues_member(name="Fylkeskommune uten orgnr", **NO_EHF)
    overview = DuesRunOverview(plan_dues_run(YEAR))
    (plan,) = overview.no_ehf
    assert plan.membership == county
    assert plan.ehf_problems == ["Kunden mangler gyldig organisasjonsnummer."]

    run = run_dues(year=YEAR, deliver=False)

    assert not Invoice.objects.filter(dues_year=YEAR).exists()
    item = run.items.get()
    assert (item.outcome, item.reasons) == (DuesRunItem.Outcome.HELD, [EHF])
    assert "organisasjonsnummer" in item.detail


def test_invoice_by_pdf_only_is_issued_and_emailed_as_pdf_without_any_ehf(
    settings, coordinator, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    county = dues_member(**NO_EHF)
    record_dues_run_choices(year=YEAR, choices={(county.pk, EHF): "pdf_only"}, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        run = run_dues(year=YEAR, deliver=True)

    invoice = Invoice.objects.get(dues_year=YEAR)
    assert invoice.pdf_only and run.items.get().invoice == invoice
    (message,) = mail.outbox
    assert [name for name, _content, _type in message.attachments] == [f"faktura-{invoice.number}.pdf"]
    delivery = invoice.deliveries.get()
    assert delivery.succeeded


def test_the_run_never_issues_an_invoice_whose_ehf_cannot_be_made_unless_it_is_pdf_only(coordinator):
    dues_member()
    dues_member(invoice_reference="")
    dues_member(**NO_EHF)
    chosen = dues_member(**NO_EHF)
    record_dues_run_choices(year=YEAR, choices={(chosen.pk, EHF): "pdf_only"}, by=coordinator)

    run_dues(year=YEAR, deliver=False)

    invoices = list(Invoice.objects.filter(dues_year=YEAR))
    assert len(invoices) == 2
    assert all(invoice.pdf_only or not ehf_problems(invoice) for invoice in invoices)


def test_the_preview_says_what_the_run_then_does(coordinator):
    dues_member(name="A vanlig")
    dues_member(name="B utløpt", agreement_ends_on=ENDED)
    included = dues_member(name="C utløpt, tatt med", agreement_ends_on=ENDED)
    dues_member(name="D uten orgnr", **NO_EHF)
    both = dues_member(name="E utløpt og uten orgnr", agreement_ends_on=ENDED, **NO_EHF)
    dues_member(name="F uten folketall", population=None)
    record_dues_run_choices(
        year=YEAR,
        choices={(included.pk, AGREEMENT_ENDED): "include", (both.pk, AGREEMENT_ENDED): "include"},
        by=coordinator,
    )
    preview = {p.organisation.name: p.outcome for p in plan_dues_run(YEAR)}
    assert preview == {
        "A vanlig": "issued",
        "B utløpt": "held",
        "C utløpt, tatt med": "issued",
        "D uten orgnr": "held",
        "E utløpt og uten orgnr": "held",  # included for the agreement, but still no EHF
        "F uten folketall": "problem",
    }

    run = run_dues(year=YEAR, deliver=False)

    assert _outcomes(run) == preview
    overview = DuesRunOverview(plan_dues_run(YEAR))
    assert {p.organisation.name for p in overview.existing} == {"A vanlig", "C utløpt, tatt med"}


def test_a_choice_for_a_member_that_is_not_listed_is_refused_and_stores_nothing(coordinator):
    member = dues_member()
    ended = dues_member(agreement_ends_on=ENDED)
    with pytest.raises(ValidationError):
        record_dues_run_choices(year=YEAR, choices={(member.pk, AGREEMENT_ENDED): "include"}, by=coordinator)
    with pytest.raises(ValidationError):
        record_dues_run_choices(year=YEAR, choices={(ended.pk, AGREEMENT_ENDED): "pdf_only"}, by=coordinator)
    assert not DuesRunChoice.objects.exists()


def test_the_run_page_lists_who_is_held_and_why_before_the_run_and_what_was_done_after(
    client, billing_admin, django_capture_on_commit_callbacks
):
    dues_member(name="Vanlig kommune", population=10_000)
    dues_member(name="Utløpt kommune", agreement_ends_on=ENDED)
    dues_member(name="Fylkeskommune uten orgnr", **NO_EHF)
    client.force_login(billing_admin)
    url = reverse("billing:dues_run_review", args=[YEAR])

    page = client.get(url).content.decode()
    assert "1 medlem faktureres" in page and "2 medlemmer holdes igjen" in page
    assert "Avtaleperioden er utløpt (1)" in page and "Avtaleperioden gikk ut 03.06.2025" in page
    assert "EHF kan ikke lages (1)" in page and "Kunden mangler gyldig organisasjonsnummer." in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("billing:dues_run_start"), {"year": YEAR})

    page = client.get(url).content.decode()
    assert 'id="dues-run-result"' in page
    assert page.count("Holdt igjen") >= 2 and "Utløpt kommune" in page
    assert "1 utstedt, 2 holdt igjen" in client.get(reverse("billing:dues_run_progress", args=[YEAR])).content.decode()


def test_same_choice_for_all_listed_members_from_the_form_without_javascript(client, coordinator):
    ended = [dues_member(agreement_ends_on=ENDED) for _ in range(3)]
    county = dues_member(**NO_EHF)
    client.force_login(coordinator)
    data = {f"{AGREEMENT_ENDED}-{m.pk}": "hold" for m in ended} | {
        f"all-{AGREEMENT_ENDED}": "include",
        f"{EHF}-{county.pk}": "pdf_only",
        f"all-{EHF}": "",
    }
    response = client.post(reverse("billing:dues_run_choices", args=[YEAR]), data)
    assert response.status_code == 302
    choices = {(c.membership_id, c.reason): c.choice for c in DuesRunChoice.objects.all()}
    assert choices == {(m.pk, AGREEMENT_ENDED): "include" for m in ended} | {(county.pk, EHF): "pdf_only"}
    page = client.get(reverse("billing:dues_run_review", args=[YEAR])).content.decode()
    assert 'id="dues-run-choices"' in page and "koordinator@example.no" in page


@pytest.mark.parametrize("value", ["pdf_only", "", "include'; DROP TABLE x", "\u202e"])
def test_a_hostile_or_missing_choice_gets_a_field_error_and_stores_nothing(client, coordinator, value):
    ended = dues_member(agreement_ends_on=ENDED)
    client.force_login(coordinator)
    response = client.post(reverse("billing:dues_run_choices", args=[YEAR]), {f"{AGREEMENT_ENDED}-{ended.pk}": value})
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()
    assert not DuesRunChoice.objects.exists() and not DuesRun.objects.exists()


@pytest.mark.parametrize("year", [2022, 9999])
def test_run_page_for_a_year_without_dues_is_not_found(client, coordinator, year):
    client.force_login(coordinator)
    assert client.get(reverse("billing:dues_run_review", args=[year])).status_code == 404
    assert client.post(reverse("billing:dues_run_choices", args=[year]), {}).status_code == 404


def test_choices_cannot_change_while_the_run_is_working(coordinator):
    ended = dues_member(agreement_ends_on=ENDED)
    DuesRun.objects.create(
        network=first_network(),
        year=YEAR,
        status=DuesRun.Status.RUNNING,
        progressed_at=datetime.datetime.now(datetime.UTC),
    )
    with pytest.raises(ValidationError):
        record_dues_run_choices(year=YEAR, choices={(ended.pk, AGREEMENT_ENDED): "include"}, by=coordinator)


def test_issue_dues_command_holds_the_same_members_and_says_so():
    dues_member(name="Vanlig kommune")
    dues_member(name="Utløpt kommune", agreement_ends_on=ENDED)
    dues_member(name="Fylkeskommune uten orgnr", **NO_EHF)
    out = StringIO()
    call_command("issue_dues", "--year", str(YEAR), stdout=out)
    text = out.getvalue()
    assert "1 utstedt, 2 holdt igjen" in text
    assert "Holdt igjen – Utløpt kommune (Avtaleperioden er utløpt)" in text
    assert "Holdt igjen – Fylkeskommune uten orgnr (EHF kan ikke lages: Kunden mangler gyldig" in text


def test_the_scheduled_run_holds_the_same_members_and_logs_them(caplog, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dues_member(name="Vanlig kommune")
    dues_member(name="Utløpt kommune", agreement_ends_on=ENDED)
    with caplog.at_level(logging.INFO, logger="billing.tasks"):
        assert run_dues_task.apply(kwargs={"year": YEAR}).get() == 1
    assert "1 issued, 1 held" in caplog.text
    assert "Dues 2026 held: Utløpt kommune (agreement_ended)" in caplog.text


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_migration_0006_keeps_every_run_and_invoice_and_marks_old_invoices_as_with_ehf():
    before, after = [("billing", "0005_invoice_history")], [("billing", "0006_dues_run_holds")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Organisation = old.get_model("members", "Organisation")
    Invoice_ = old.get_model("billing", "Invoice")
    DuesRun_ = old.get_model("billing", "DuesRun")
    organisation = Organisation.objects.create(number="3401", name="Kongsvinger kommune", kind="kommune")
    DuesRun_.objects.create(year=2025, status="done", total=1, done=1, issued=1)
    Invoice_.objects.create(
        number=1,
        organisation=organisation,
        dues_year=2025,
        issue_date=datetime.date(2025, 1, 3),
        amount_ore=500_000,
        buyer_name="Kongsvinger kommune",
        issuer_name="KS",
        issuer_org_number="971032146",
        issuer_street_address="Haakon VIIs gate 9",
        issuer_postal_code="0161",
        issuer_postal_place="Oslo",
        issuer_bank_account="12345678903",
        issuer_email="faktura@ks.no",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    new = MigrationExecutor(connection).loader.project_state(after).apps
    run = new.get_model("billing", "DuesRun").objects.get()
    assert (run.year, run.status, run.done, run.issued, run.held) == (2025, "done", 1, 1, 0)
    invoice = new.get_model("billing", "Invoice").objects.get()
    assert (invoice.number, invoice.amount_ore, invoice.pdf_only) == (1, 500_000, False)
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_run_page_makes_the_same_number_of_queries_for_more_members(client, coordinator):
    def members(count: int) -> None:
        for _ in range(count):
            dues_member()
            dues_member(agreement_ends_on=ENDED)
            dues_member(**NO_EHF)

    client.force_login(coordinator)
    url = reverse("billing:dues_run_review", args=[YEAR])
    members(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    members(5)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
