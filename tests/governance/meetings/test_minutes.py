"""Minutes (R8): attendance from the terms, decisions, and approval in the next meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Attendance, Case, Meeting
from governance.services.meetings import (
    mark_meeting_held,
    publish_agenda,
    publish_minutes,
    record_decision,
    save_minutes,
    withdraw_case,
)

from .factories import TermFactory

pytestmark = pytest.mark.django_db


def test_marking_held_puts_the_minutes_approval_first_on_the_next_agenda(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    add_case(march, "Regnskap 2023")
    add_case(june, "Strategi")

    mark_meeting_held(meeting=march, by=coordinator)

    agenda = list(june.cases.order_by("order", "number"))
    assert agenda[0].title == "Godkjenning av protokoll fra møtet 14.03.2024"
    assert agenda[0].approves_minutes_of == march
    assert agenda[0].number_label == "03/24"  # numbered like any case, but first in order


def test_the_approval_case_is_added_only_once(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    case = add_case(march, "Regnskap")
    mark_meeting_held(meeting=march, by=coordinator)
    record_decision(case=case, decision="Regnskapet godkjennes.", by=coordinator)

    publish_minutes(meeting=march, by=coordinator)
    plan(datetime.date(2024, 9, 12))  # planning a later meeting does not add another

    assert Case.objects.filter(approves_minutes_of=march).count() == 1
    assert june.cases.count() == 1


def test_without_a_next_meeting_the_approval_case_waits_for_one_to_be_planned(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    mark_meeting_held(meeting=march, by=coordinator)
    assert not Case.objects.filter(approves_minutes_of=march).exists()

    june = plan(datetime.date(2024, 6, 13))

    assert june.cases.get().approves_minutes_of == march


def test_deciding_the_approval_case_approves_the_earlier_minutes(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    case = add_case(march, "Sak")
    mark_meeting_held(meeting=march, by=coordinator)
    record_decision(case=case, decision="Vedtatt.", by=coordinator)
    publish_minutes(meeting=march, by=coordinator)
    approval = june.cases.get(approves_minutes_of=march)

    mark_meeting_held(meeting=june, by=coordinator)
    record_decision(case=approval, decision="Protokollen godkjennes.", by=coordinator)

    march.refresh_from_db()
    assert march.status == Meeting.Status.MINUTES_APPROVED
    assert march.minutes_approved_in == june


def test_attendance_is_prefilled_from_the_terms_on_the_meeting_date(plan, coordinator, steering_group):
    current = TermFactory(body=steering_group, starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2024, 12, 31))
    ended = TermFactory(body=steering_group, starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2024, 3, 13))
    later = TermFactory(body=steering_group, starts_on=datetime.date(2024, 3, 15), ends_on=datetime.date(2025, 12, 31))
    march = plan(datetime.date(2024, 3, 14))

    mark_meeting_held(meeting=march, by=coordinator)

    people = set(march.attendances.values_list("person_id", flat=True))
    assert people == {current.person_id}
    assert ended.person_id not in people and later.person_id not in people
    assert march.attendances.get().present is True


def test_minutes_record_absences_and_decisions_together(plan, add_case, coordinator, steering_group):
    present = TermFactory(body=steering_group)
    absent = TermFactory(body=steering_group)
    march = plan(datetime.date(2024, 3, 14))
    case = add_case(march, "Handlingsplan")
    mark_meeting_held(meeting=march, by=coordinator)

    save_minutes(
        meeting=march,
        present_person_ids={present.person_id},
        attendance_notes={absent.person_id: "Meldt forfall"},
        other_attendees="Nettverkskoordinator (referent)",
        minutes_notes="",
        decisions={case.pk: "Handlingsplanen vedtas."},
        by=coordinator,
    )

    assert Attendance.objects.get(person=absent.person).present is False
    assert Attendance.objects.get(person=absent.person).note == "Meldt forfall"
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED and case.decision == "Handlingsplanen vedtas."


def test_minutes_cannot_be_published_with_undecided_cases(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    add_case(march, "Uavklart")
    withdraw_case(case=add_case(march, "Trukket"), by=coordinator)
    mark_meeting_held(meeting=march, by=coordinator)

    with pytest.raises(ValidationError, match="01/24"):
        publish_minutes(meeting=march, by=coordinator)


def test_a_decision_needs_the_meeting_to_be_held(plan, add_case, coordinator):
    march = plan(datetime.date(2024, 3, 14))
    case = add_case(march, "Sak")

    with pytest.raises(ValidationError):
        record_decision(case=case, decision="For tidlig.", by=coordinator)


def test_a_future_meeting_cannot_be_marked_held(plan, coordinator):
    future = plan(datetime.date.today() + datetime.timedelta(days=30))

    with pytest.raises(ValidationError, match="før møtedagen"):
        mark_meeting_held(meeting=future, by=coordinator)


def test_an_empty_agenda_cannot_be_published(plan, coordinator):
    with pytest.raises(ValidationError, match="tom"):
        publish_agenda(meeting=plan(datetime.date(2024, 3, 14)), by=coordinator)
