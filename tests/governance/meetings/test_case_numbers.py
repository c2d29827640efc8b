"""Case numbers NN/YY (R8): sequential in the calendar year across meetings, never reused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Case, CaseNumberSeries
from governance.services.meetings import create_case, move_case, put_case_on_agenda, withdraw_case

from .factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_numbers_run_on_across_the_meetings_of_a_year(plan, add_case):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    first = [add_case(march, f"Sak {i}") for i in range(1, 5)]
    later = [add_case(june, f"Sak {i}") for i in range(5, 8)]

    assert [c.number_label for c in first] == ["01/24", "02/24", "03/24", "04/24"]
    assert [c.number_label for c in later] == ["05/24", "06/24", "07/24"]


def test_the_first_case_of_2027_is_01_27(plan, add_case):
    december = plan(datetime.date(2026, 12, 10))
    for i in range(12):
        add_case(december, f"Sak {i}")
    january = plan(datetime.date(2027, 1, 21))

    case = add_case(january, "Budsjett 2027")

    assert case.number_label == "01/27"
    assert (case.year, case.number) == (2027, 1)


def test_the_number_follows_the_meeting_year_not_the_day_the_case_was_written(
    plan, add_case, coordinator, steering_group
):
    december = plan(datetime.date(2026, 12, 10))
    add_case(december, "Desember-sak")
    draft = create_case(body=steering_group, title="Skrevet i desember for januar", by=coordinator)
    assert draft.number is None and draft.number_label == ""

    january = plan(datetime.date(2027, 1, 21))
    case = put_case_on_agenda(case=draft, meeting=january, by=coordinator)

    assert case.number_label == "01/27"


def test_a_case_gets_its_number_when_put_on_the_agenda(plan, add_case, coordinator, steering_group):
    meeting = plan(datetime.date(2024, 3, 14))
    draft_one = create_case(body=steering_group, title="Først skrevet", by=coordinator)
    add_case(meeting, "Først satt på sakslisten")
    draft_two = create_case(body=steering_group, title="Sist skrevet", by=coordinator)

    put_case_on_agenda(case=draft_two, meeting=meeting, by=coordinator)
    put_case_on_agenda(case=draft_one, meeting=meeting, by=coordinator)

    draft_one.refresh_from_db()
    draft_two.refresh_from_db()
    assert draft_two.number_label == "02/24"
    assert draft_one.number_label == "03/24"


def test_a_moved_case_keeps_its_number_and_the_next_case_gets_a_new_one(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    add_case(march, "Regnskap")
    moved = add_case(march, "Strategi")

    move_case(case=moved, to_meeting=june, by=coordinator)
    new = add_case(june, "Ny sak")

    moved.refresh_from_db()
    assert moved.meeting == june and moved.number_label == "02/24"
    assert new.number_label == "03/24"


def test_a_case_moved_into_the_next_year_keeps_its_old_number(plan, add_case, coordinator):
    december = plan(datetime.date(2026, 12, 10))
    january = plan(datetime.date(2027, 1, 21))
    moved = add_case(december, "Utsatt sak")

    move_case(case=moved, to_meeting=january, by=coordinator)
    first_of_2027 = add_case(january, "Ny sak")

    moved.refresh_from_db()
    assert moved.number_label == "01/26"
    assert first_of_2027.number_label == "01/27"


def test_a_case_can_only_be_moved_to_a_later_meeting(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    case = add_case(june, "Sak")

    with pytest.raises(ValidationError, match="senere møte"):
        move_case(case=case, to_meeting=march, by=coordinator)


def test_a_withdrawn_case_keeps_its_number_which_is_never_given_again(plan, add_case, coordinator):
    meeting = plan(datetime.date(2024, 3, 14))
    add_case(meeting, "Første")
    withdrawn = add_case(meeting, "Trekkes")

    withdraw_case(case=withdrawn, by=coordinator)
    next_case = add_case(meeting, "Neste")

    withdrawn.refresh_from_db()
    assert withdrawn.status == Case.Status.WITHDRAWN and withdrawn.number_label == "02/24"
    assert next_case.number_label == "03/24"


def test_the_database_refuses_a_second_case_with_the_same_number(plan, add_case):
    meeting = plan(datetime.date(2024, 3, 14))
    first = add_case(meeting, "Første")
    second = add_case(meeting, "Andre")

    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=second.pk).update(number=first.number)


def test_the_counter_is_one_row_per_year(plan, add_case):
    add_case(plan(datetime.date(2024, 3, 14)), "A")
    add_case(plan(datetime.date(2024, 6, 13)), "B")
    add_case(plan(datetime.date(2025, 3, 13)), "C")

    assert sorted(CaseNumberSeries.objects.values_list("year", "last_number")) == [(2024, 2), (2025, 1)]


def test_a_working_group_numbers_its_cases_in_its_own_series(plan, add_case):
    working_group = WorkingGroupFactory()
    add_case(plan(datetime.date(2024, 3, 14)), "Styringsgruppesak")

    case = add_case(plan(datetime.date(2024, 3, 20), body=working_group), "Arbeidsgruppesak")

    assert case.number_label == "01/24"


def test_a_case_cannot_go_on_a_meeting_of_another_body(plan, coordinator, steering_group):
    working_group_meeting = plan(datetime.date(2024, 3, 20), body=WorkingGroupFactory())
    case = create_case(body=steering_group, title="Sak", by=coordinator)

    with pytest.raises(ValidationError, match="annet organ"):
        put_case_on_agenda(case=case, meeting=working_group_meeting, by=coordinator)
