"""The contracts other apps rely on: organisations_with_paid_dues, invoices_visible_to, dues_summary."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from billing.queries import dues_run_preview, dues_summary, invoices_visible_to, organisations_with_paid_dues
from billing.services.dues import issue_dues_invoice
from billing.services.invoices import issue_credit_note
from billing.services.payments import register_payment
from members.models import ContactRole
from tests.factories import PopulationFigureFactory, UserFactory, dues_member, dues_schedule_2023

pytestmark = pytest.mark.django_db


def test_paid_dues_are_counted_net_of_credit_notes_and_only_when_paid_in_full():
    paid = issue_dues_invoice(membership=dues_member(), year=2025)
    register_payment(invoice=paid, amount_ore=paid.amount_ore, paid_on=paid.issue_date)
    credited_then_paid = issue_dues_invoice(membership=dues_member(), year=2025)
    issue_credit_note(invoice=credited_then_paid, amount_ore=5_000_00, reason="Rabatt")
    register_payment(invoice=credited_then_paid, amount_ore=20_000_00, paid_on=paid.issue_date)
    partly = issue_dues_invoice(membership=dues_member(), year=2025)
    register_payment(invoice=partly, amount_ore=1_00, paid_on=paid.issue_date)
    unpaid_other_year = issue_dues_invoice(membership=dues_member(), year=2024)
    assert organisations_with_paid_dues(2025) == {paid.organisation_id, credited_then_paid.organisation_id}
    assert unpaid_other_year.organisation_id not in organisations_with_paid_dues(2024)


def test_dues_summary_gives_amounts_in_ore_and_counts():
    invoice = issue_dues_invoice(membership=dues_member(population=50_000), year=2025)
    issue_dues_invoice(membership=dues_member(population=5_000), year=2025)
    register_payment(invoice=invoice, amount_ore=invoice.amount_ore, paid_on=invoice.issue_date)
    summary = dues_summary(2025)
    assert summary["invoiced_ore"] == 75_000_00
    assert summary["paid_ore"] == 50_000_00
    assert summary["outstanding_ore"] == 25_000_00
    assert (summary["invoice_count"], summary["paid_count"], summary["outstanding_count"]) == (2, 1, 1)
    assert {"overdue_ore", "overdue_count", "credited_ore", "year"} <= set(summary)


def test_invoices_visible_to_staff_all_contacts_their_own_others_none(coordinator, billing_admin, member_contact):
    dues_schedule_2023()
    organisation = ContactRole.objects.get(person__user=member_contact).organisation
    PopulationFigureFactory(organisation=organisation, population=9_000)
    own = issue_dues_invoice(membership=organisation.memberships.get(), year=2025)
    other = issue_dues_invoice(membership=dues_member(), year=2025)
    assert set(invoices_visible_to(coordinator)) == {own, other}
    assert set(invoices_visible_to(billing_admin)) == {own, other}
    assert list(invoices_visible_to(member_contact)) == [own]
    assert list(invoices_visible_to(UserFactory())) == []
    assert list(invoices_visible_to(AnonymousUser())) == []


def test_dues_summary_is_never_stale_after_a_payment_or_a_credit_note():
    invoice = issue_dues_invoice(membership=dues_member(population=50_000), year=2025)
    assert dues_summary(2025)["paid_ore"] == 0  # now cached
    register_payment(invoice=invoice, amount_ore=10_000_00, paid_on=invoice.issue_date)
    assert dues_summary(2025)["paid_ore"] == 10_000_00
    issue_credit_note(invoice=invoice, amount_ore=40_000_00, reason="Feil trinn")
    assert dues_summary(2025)["invoiced_ore"] == 10_000_00


def test_dues_run_preview_counts_who_owes_and_who_is_invoiced():
    invoiced = dues_member()
    issue_dues_invoice(membership=invoiced, year=2025)
    dues_member()
    dues_member(joined_on=datetime.date(2026, 2, 1))  # joins after the year: owes nothing for 2025
    preview = dues_run_preview(2025)
    assert (preview["owing"], preview["invoiced"], preview["to_issue"]) == (2, 1, 1)
    assert preview["flagged"] == []


@pytest.mark.parametrize(
    ("fields", "population", "problem"),
    [
        ({"invoice_reference": ""}, 15_000, "fakturareferanse"),
        ({"org_number": ""}, 15_000, "organisasjonsnummer"),
        ({"invoice_email": ""}, 15_000, "e-post for faktura"),
        ({}, None, "folketall"),
    ],
)
def test_dues_run_preview_flags_what_would_make_the_invoice_invalid(fields, population, problem):
    dues_member()
    flagged = dues_member(population=population, **fields)
    ContactRole.objects.filter(organisation=flagged.organisation).delete()  # no contact email to fall back on
    preview = dues_run_preview(2025)
    assert [f["organisation"] for f in preview["flagged"]] == [flagged.organisation]
    assert len(preview["flagged"][0]["problems"]) == 1
    assert problem in str(preview["flagged"][0]["problems"][0])


def test_dues_run_preview_takes_the_same_queries_for_few_and_many_members(django_assert_max_num_queries):
    for _ in range(3):
        dues_member(invoice_reference="")
    with django_assert_max_num_queries(3):  # the data fingerprint, the counts, the flagged members
        few = dues_run_preview(2025)
    for _ in range(12):
        dues_member(invoice_reference="")
    with django_assert_max_num_queries(3):
        many = dues_run_preview(2025)
    assert (len(few["flagged"]), len(many["flagged"])) == (3, 15)


def test_dues_run_preview_is_never_stale_after_a_fix():
    flagged = dues_member(population=None)
    assert [f["organisation"] for f in dues_run_preview(2025)["flagged"]] == [flagged.organisation]  # now cached
    PopulationFigureFactory(
        organisation=flagged.organisation, population=9_000, reference_date=datetime.date(2024, 1, 1)
    )
    assert dues_run_preview(2025)["flagged"] == []
    issue_dues_invoice(membership=flagged, year=2025)
    assert dues_run_preview(2025)["invoiced"] == 1
