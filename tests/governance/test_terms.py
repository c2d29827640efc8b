"""Steering-group seats (R7): how many, who may hold them, leader and deputy, term length."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import BodyKindSettings, CollaborationArea, Term
from governance.services.bodies import add_term, appoint_ks_representative, set_term_role, term_end
from members.models import Membership
from tests.factories import MembershipFactory, PersonFactory, member_person

START = datetime.date(2025, 1, 1)


def test_migration_seeds_settings_bodies_and_six_collaboration_areas(steering):
    settings = BodyKindSettings.objects.get(kind="steering_group")
    assert (settings.max_elected_seats, settings.fixed_seats, settings.allowed_term_years) == (9, 1, [1, 2])
    assert (settings.meetings_per_year_min, settings.meetings_per_year_max) == (4, 5)
    assert CollaborationArea.objects.count() == 6
    assert CollaborationArea.objects.filter(name="Bærekraftige offentlige anskaffelser").exists()
    assert steering.name == "Styringsgruppen"


def test_tenth_concurrent_elected_seat_is_refused(elect):
    for _ in range(9):
        elect()
    with pytest.raises(ValidationError, match="allerede 9 valgte medlemmer"):
        elect()
    assert Term.objects.filter(obtained="elected").count() == 9


def test_tenth_seat_allowed_once_a_term_has_ended(elect):
    for i in range(9):
        elect(years=1 if i == 0 else 2)
    term = elect(starts_on=datetime.date(2026, 1, 1), years=1)
    assert term.pk


def test_tenth_seat_refused_when_it_overlaps_later_starting_full_group(elect):
    for _ in range(9):
        elect(starts_on=datetime.date(2025, 6, 1), years=1)
    with pytest.raises(ValidationError, match="01.06.2025"):
        elect(starts_on=START, years=1)


def test_ks_seat_does_not_count_among_the_nine(elect, steering):
    for _ in range(9):
        elect()
    ks = appoint_ks_representative(
        body=steering,
        person=PersonFactory(organisation=None, affiliation="KS"),
        starts_on=START,
        ends_on=term_end(START, 2),
    )
    assert ks.organisation is None


def test_only_one_ks_seat(steering):
    appoint_ks_representative(
        body=steering, person=PersonFactory(organisation=None), starts_on=START, ends_on=term_end(START, 2)
    )
    with pytest.raises(ValidationError, match="allerede besatt"):
        appoint_ks_representative(
            body=steering, person=PersonFactory(organisation=None), starts_on=START, ends_on=term_end(START, 1)
        )


def test_ks_seat_cannot_represent_a_member(steering):
    person = member_person()
    with pytest.raises(ValidationError, match="representerer ingen medlemsorganisasjon"):
        add_term(
            body=steering,
            person=person,
            organisation=person.organisation,
            role="ks",
            starts_on=START,
            ends_on=term_end(START, 1),
            obtained="appointed",
        )


@pytest.mark.parametrize("status", [Membership.Status.ACTIVE, Membership.Status.NOTICE])
def test_member_in_good_standing_can_be_elected(steering, status):
    extra = {"notice_given_on": datetime.date(2024, 12, 1), "notice_effective_on": datetime.date(2025, 6, 1)}
    membership = MembershipFactory(status=status, **(extra if status == "notice" else {}))
    person = PersonFactory(organisation=membership.organisation)
    term = add_term(
        body=steering, person=person, organisation=membership.organisation, starts_on=START, ends_on=term_end(START, 1)
    )
    assert term.pk


@pytest.mark.parametrize("status", [Membership.Status.APPLICANT, Membership.Status.RESIGNED])
def test_person_from_organisation_not_in_good_standing_is_refused(steering, status):
    membership = MembershipFactory(
        status=status,
        joined_on=None if status == "applicant" else datetime.date(2022, 6, 3),
        ended_on=datetime.date(2024, 6, 1) if status == "resigned" else None,
    )
    person = PersonFactory(organisation=membership.organisation)
    with pytest.raises(ValidationError, match="ikke medlem med gode rettigheter"):
        add_term(
            body=steering,
            person=person,
            organisation=membership.organisation,
            starts_on=START,
            ends_on=term_end(START, 1),
        )


def test_holder_must_belong_to_the_organisation_represented(steering):
    person = member_person()
    other = MembershipFactory().organisation
    with pytest.raises(ValidationError, match="hører ikke til"):
        add_term(body=steering, person=person, organisation=other, starts_on=START, ends_on=term_end(START, 1))


@pytest.mark.parametrize("years", [1, 2])
def test_term_of_one_or_two_years_is_accepted(elect, years):
    assert elect(years=years).years == years


@pytest.mark.parametrize("ends_on", [datetime.date(2025, 6, 30), datetime.date(2027, 12, 31)])
def test_term_of_half_a_year_or_three_years_is_refused(steering, ends_on):
    person = member_person()
    with pytest.raises(ValidationError, match="1 eller 2 år"):
        add_term(body=steering, person=person, organisation=person.organisation, starts_on=START, ends_on=ends_on)


def test_term_may_end_at_next_years_annual_meeting_a_few_weeks_off(steering):
    person = member_person()
    term = add_term(
        body=steering,
        person=person,
        organisation=person.organisation,
        starts_on=datetime.date(2025, 3, 20),
        ends_on=datetime.date(2026, 3, 10),
    )
    assert term.years == 1


def test_one_leader_at_a_time(elect):
    elect(role="leader")
    with pytest.raises(ValidationError, match="allerede en leder"):
        elect(role="leader")


def test_one_deputy_at_a_time(elect):
    elect(role="deputy")
    with pytest.raises(ValidationError, match="allerede en nestleder"):
        elect(role="deputy")


def test_new_leader_may_follow_when_the_old_term_ends(elect):
    elect(role="leader", years=1)
    assert elect(role="leader", starts_on=datetime.date(2026, 1, 1), years=1).role == "leader"


def test_leader_is_chosen_among_the_elected_not_ks(steering):
    ks = appoint_ks_representative(
        body=steering, person=PersonFactory(organisation=None), starts_on=START, ends_on=term_end(START, 1)
    )
    with pytest.raises(ValidationError, match="blant de valgte"):
        set_term_role(term=ks, role="leader")


def test_changing_a_member_to_leader_checks_the_sitting_leader(elect):
    elect(role="leader")
    member = elect()
    with pytest.raises(ValidationError, match="allerede en leder"):
        set_term_role(term=member, role="leader")
    member.refresh_from_db()
    assert member.role == "member"


def test_same_person_cannot_hold_two_seats_at_once(steering):
    person = member_person()
    add_term(
        body=steering, person=person, organisation=person.organisation, starts_on=START, ends_on=term_end(START, 1)
    )
    with pytest.raises(ValidationError, match="har allerede et verv"):
        add_term(
            body=steering, person=person, organisation=person.organisation, starts_on=START, ends_on=term_end(START, 2)
        )


def test_seat_starting_after_a_members_notice_takes_effect_is_refused(steering):
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2024, 10, 1),
        notice_effective_on=datetime.date(2025, 4, 1),
    )
    person = PersonFactory(organisation=membership.organisation)
    with pytest.raises(ValidationError, match="sagt opp medlemskapet fra 01.04.2025"):
        add_term(
            body=steering,
            person=person,
            organisation=membership.organisation,
            starts_on=datetime.date(2025, 4, 1),
            ends_on=term_end(datetime.date(2025, 4, 1), 1),
        )
