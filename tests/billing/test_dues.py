"""R3: the dues schedule, the population rule and the annual dues run."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from billing.models import DuesRun, DuesSchedule, DuesTier, Invoice
from billing.services.dues import DuesNotIssuable, dues_basis, issue_dues_invoice, run_dues
from members.models import Membership, Organisation
from tests.factories import MembershipFactory, PopulationFigureFactory, dues_member, first_network

pytestmark = pytest.mark.django_db

NOK = 100


@pytest.mark.parametrize(
    ("population", "amount_nok"),
    [(19_999, 25_000), (20_000, 50_000), (80_000, 50_000), (80_001, 75_000)],
)
def test_kommune_tier_boundaries_2023_schedule(population, amount_nok):
    membership = dues_member(population=population)
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert invoice.amount_ore == amount_nok * NOK
    assert invoice.population == population


def test_fylkeskommune_pays_75000_whatever_its_population():
    membership = dues_member(kind=Organisation.Kind.FYLKESKOMMUNE, population=1_200_000)
    assert issue_dues_invoice(membership=membership, year=2025).amount_ore == 75_000 * NOK


def test_population_is_latest_figure_dated_on_or_before_1_january_of_the_year():
    membership = dues_member(population=19_000, population_date=datetime.date(2024, 1, 1))
    organisation = membership.organisation
    PopulationFigureFactory(organisation=organisation, population=21_000, reference_date=datetime.date(2025, 1, 1))
    PopulationFigureFactory(organisation=organisation, population=90_000, reference_date=datetime.date(2025, 1, 2))
    basis = dues_basis(organisation=organisation, year=2025)
    assert (basis.population, basis.population_date) == (21_000, datetime.date(2025, 1, 1))
    assert basis.tier.amount_ore == 50_000 * NOK
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert (invoice.population, invoice.population_date) == (21_000, datetime.date(2025, 1, 1))
    assert "21\u00a0000" in invoice.lines.get().description


def test_kommune_without_population_figure_before_the_year_is_not_invoiced_but_explained():
    membership = dues_member(population=30_000, population_date=datetime.date(2025, 6, 1))
    with pytest.raises(DuesNotIssuable, match="folketall"):
        issue_dues_invoice(membership=membership, year=2025)


def test_no_dues_before_2023():
    membership = dues_member(joined_on=datetime.date(2020, 1, 1), population_date=datetime.date(2020, 1, 1))
    with pytest.raises(DuesNotIssuable):
        issue_dues_invoice(membership=membership, year=2022)
    with pytest.raises(ValidationError):
        run_dues(year=2022)
    assert not Invoice.objects.exists()


def test_a_new_schedule_is_data_and_applies_from_its_valid_from_date():
    schedule = DuesSchedule.objects.create(
        network=first_network(), valid_from=datetime.date(2026, 1, 1), name="Ny sats 2026"
    )
    DuesTier.objects.create(schedule=schedule, kind="kommune", amount_ore=30_000 * NOK, label="Alle kommuner")
    DuesTier.objects.create(schedule=schedule, kind="fylkeskommune", amount_ore=80_000 * NOK, label="Fylkeskommune")
    membership = dues_member(population=10_000)
    assert issue_dues_invoice(membership=membership, year=2025).amount_ore == 25_000 * NOK
    assert issue_dues_invoice(membership=membership, year=2026).amount_ore == 30_000 * NOK


def test_due_date_is_issue_date_plus_30_days_and_kid_is_luhn_valid():
    from stdnum import luhn

    membership = dues_member()
    invoice = issue_dues_invoice(membership=membership, year=2025, issue_date=datetime.date(2025, 1, 3))
    assert invoice.due_date == datetime.date(2025, 2, 2)
    assert luhn.is_valid(invoice.kid)
    assert invoice.kid.startswith(f"{invoice.number:08d}")


def test_dues_run_invoices_every_member_owing_and_a_second_run_issues_nothing():
    owing = [dues_member(population=p) for p in (5_000, 45_000, 120_000)]
    dues_member(joined_on=datetime.date(2025, 3, 1))  # joins during the year: owes 2025
    MembershipFactory(status=Membership.Status.APPLICANT, joined_on=None)
    run = run_dues(year=2025)
    assert (run.total, run.done, run.issued, run.status) == (4, 4, 4, DuesRun.Status.DONE)
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    again = run_dues(year=2025)
    assert (again.total, again.done, again.issued, again.skipped) == (4, 4, 0, 4)
    assert Invoice.objects.count() == 4
    assert {i.organisation_id for i in Invoice.objects.all()} >= {m.organisation_id for m in owing}


def test_dues_run_after_a_crash_half_way_completes_without_duplicates_or_gaps():
    members = [dues_member() for _ in range(4)]
    for membership in members[:2]:  # what got done before the crash
        issue_dues_invoice(membership=membership, year=2025)
    run_dues(year=2025)
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert len(numbers) == 4 and numbers == list(range(numbers[0], numbers[0] + 4))


def test_member_in_notice_period_owes_years_starting_before_the_effective_date():
    membership = dues_member()
    Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
    )
    assert run_dues(year=2026).issued == 1
    Membership.objects.filter(pk=membership.pk).update(notice_effective_on=datetime.date(2026, 12, 31))
    assert run_dues(year=2027).issued == 0


def test_one_dues_invoice_per_member_and_year_is_enforced_by_the_database():
    from django.db import IntegrityError, transaction

    membership = dues_member()
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert issue_dues_invoice(membership=membership, year=2025) is None
    values = {f.attname: getattr(invoice, f.attname) for f in Invoice._meta.concrete_fields if f.name != "id"}
    values.update(number=invoice.number + 100, kid="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.bulk_create([Invoice(**values)])


def test_the_2023_schedule_is_loaded_by_a_migration():
    schedule = DuesSchedule.objects.get(valid_from=datetime.date(2023, 1, 1))
    tiers = {(t.kind, t.population_min, t.population_max): t.amount_ore for t in schedule.tiers.all()}
    assert tiers == {
        ("kommune", None, 19_999): 25_000 * NOK,
        ("kommune", 20_000, 80_000): 50_000 * NOK,
        ("kommune", 80_001, None): 75_000 * NOK,
        ("fylkeskommune", None, None): 75_000 * NOK,
    }


def test_annual_dues_run_is_scheduled_in_celery_beat_for_early_january():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="billing.run_dues")
    assert (task.crontab.month_of_year, task.crontab.day_of_month) == ("1", "3")
    assert PeriodicTask.objects.filter(task="billing.send_reminders", crontab__day_of_month="*").exists()


def test_issue_dues_command_runs_the_year_and_twice_issues_nothing():
    from io import StringIO

    from django.core.management import call_command

    dues_member()
    out = StringIO()
    call_command("issue_dues", "--year", "2025", stdout=out)
    assert "1 utstedt" in out.getvalue()
    call_command("issue_dues", "--year", "2025", stdout=out)
    assert "0 utstedt" in out.getvalue()
    assert Invoice.objects.count() == 1
