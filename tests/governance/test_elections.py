"""The annual election (R7): open, nominate, record the result as terms, constitute."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Election, Nomination, Term
from governance.queries.bodies import rotation, steering_group_composition
from governance.queries.elections import expiring_seats, seats_to_fill
from governance.services.elections import constitute, nominate, open_election, record_result, withdraw_nomination
from tests.factories import ContactRoleFactory, PersonFactory, UserFactory, member_person

START_2026 = datetime.date(2026, 3, 20)


@pytest.fixture
def election(db, coordinator):
    return open_election(
        year=2026, terms_start_on=START_2026, nomination_deadline=datetime.date(2026, 3, 1), by=coordinator
    )


def _nominate_people(election, coordinator, n, **kwargs):
    return [
        nominate(election=election, person=member_person(**kwargs), via="coordinator", by=coordinator) for _ in range(n)
    ]


def test_an_election_per_year(election, coordinator):
    with pytest.raises(ValidationError, match="allerede åpnet"):
        open_election(year=2026, terms_start_on=START_2026, by=coordinator)


def test_seats_whose_terms_end_before_the_new_period_are_listed(election, elect):
    leaving = elect(starts_on=datetime.date(2025, 3, 20), years=1)
    staying = elect(starts_on=datetime.date(2025, 3, 20), years=2)
    assert list(expiring_seats(election)) == [leaving]
    assert staying not in expiring_seats(election)
    assert seats_to_fill(election) == 8


def test_member_contact_nominates_a_person_of_their_organisation(election):
    role = ContactRoleFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=role.organisation)
    user = UserFactory()
    role.person.user = user
    role.person.save()
    colleague = PersonFactory(organisation=role.organisation)
    nomination = nominate(election=election, person=colleague, via="portal", by=user, today=datetime.date(2026, 2, 1))
    assert (nomination.organisation, nomination.via) == (role.organisation, "portal")

    stranger = member_person()
    with pytest.raises(ValidationError, match="egen organisasjon"):
        nominate(election=election, person=stranger, via="portal", by=user, today=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError, match="Fristen for nominasjon gikk ut 01.03.2026"):
        nominate(
            election=election,
            person=PersonFactory(organisation=role.organisation),
            via="portal",
            by=user,
            today=datetime.date(2026, 3, 2),
        )


def test_candidate_from_a_non_member_is_refused(election, coordinator):
    with pytest.raises(ValidationError, match="ikke medlem med gode rettigheter"):
        nominate(election=election, person=PersonFactory(), via="coordinator", by=coordinator)


def test_a_person_is_nominated_once_but_may_be_renominated_after_withdrawal(election, coordinator):
    person = member_person()
    first = nominate(election=election, person=person, via="coordinator", by=coordinator)
    with pytest.raises(ValidationError, match="allerede nominert"):
        nominate(election=election, person=person, via="coordinator", by=coordinator)
    withdraw_nomination(nomination=first, by=coordinator)
    assert nominate(election=election, person=person, via="coordinator", by=coordinator).pk


def test_result_creates_terms_of_one_or_two_years_from_the_new_period(election, coordinator):
    a, b, c = _nominate_people(election, coordinator, 3)
    terms = record_result(
        election=election, elected=[(a, 2), (b, 1)], decided_on=datetime.date(2026, 3, 19), by=coordinator
    )
    assert [(t.person, t.starts_on, t.ends_on, t.obtained, t.election) for t in terms] == [
        (a.person, START_2026, datetime.date(2028, 3, 19), "elected", election),
        (b.person, START_2026, datetime.date(2027, 3, 19), "elected", election),
    ]
    statuses = dict(Nomination.objects.values_list("person", "status"))
    assert statuses == {a.person.pk: "elected", b.person.pk: "elected", c.person.pk: "not_elected"}
    election.refresh_from_db()
    assert election.status == "decided"


def test_result_that_would_make_a_tenth_seat_is_refused_whole(election, coordinator, elect):
    for _ in range(8):
        elect(starts_on=datetime.date(2025, 3, 20), years=2)
    a, b = _nominate_people(election, coordinator, 2)
    with pytest.raises(ValidationError, match="allerede 9 valgte medlemmer"):
        record_result(election=election, elected=[(a, 2), (b, 2)], decided_on=START_2026, by=coordinator)
    assert not Term.objects.filter(election=election).exists()
    election.refresh_from_db()
    assert election.status == "open"


def test_three_year_term_in_result_is_refused(election, coordinator):
    (a,) = _nominate_people(election, coordinator, 1)
    with pytest.raises(ValidationError, match="1 eller 2 år"):
        record_result(election=election, elected=[(a, 3)], decided_on=START_2026, by=coordinator)


def test_constitution_chooses_leader_and_deputy_among_the_elected_from_the_new_period(election, coordinator, elect):
    old_leader = elect(role="leader", starts_on=datetime.date(2025, 3, 20), years=2)
    continuing = elect(starts_on=datetime.date(2025, 3, 20), years=2)
    a, b = _nominate_people(election, coordinator, 2)
    new_a, new_b = record_result(election=election, elected=[(a, 2), (b, 1)], decided_on=START_2026, by=coordinator)

    leader, deputy = constitute(
        election=election, leader=continuing, deputy=new_a, constituted_on=START_2026, by=coordinator
    )

    assert steering_group_composition(on=datetime.date(2025, 12, 1))["leader"].person == old_leader.person
    now = steering_group_composition(on=datetime.date(2026, 4, 1))
    assert now["leader"].person == continuing.person
    assert now["deputy"].person == a.person
    assert (leader.starts_on, leader.ends_on) == (START_2026, datetime.date(2027, 3, 19))
    assert Term.objects.filter(person=old_leader.person, role="member", starts_on=START_2026).exists()
    election.refresh_from_db()
    assert election.status == Election.Status.CONSTITUTED


def test_constitution_refuses_same_person_as_leader_and_deputy(election, coordinator):
    (a,) = _nominate_people(election, coordinator, 1)
    (term,) = record_result(election=election, elected=[(a, 2)], decided_on=START_2026, by=coordinator)
    with pytest.raises(ValidationError, match="to forskjellige"):
        constitute(election=election, leader=term, deputy=term, constituted_on=START_2026, by=coordinator)


def test_rotation_warns_when_more_than_half_expire_the_same_year(elect):
    for _ in range(5):
        elect(starts_on=datetime.date(2025, 1, 1), years=1)
    for _ in range(4):
        elect(starts_on=datetime.date(2025, 1, 1), years=2)
    rows = rotation(years_ahead=2, today=datetime.date(2025, 2, 1))
    assert [(r["year"], r["held"], len(r["expiring"]), r["warn"]) for r in rows] == [
        (2025, 9, 5, True),
        (2026, 4, 4, True),
    ]


def test_rotation_does_not_warn_for_staggered_terms(elect):
    for _ in range(4):
        elect(starts_on=datetime.date(2025, 1, 1), years=1)
    for _ in range(5):
        elect(starts_on=datetime.date(2025, 1, 1), years=2)
    assert rotation(years_ahead=1, today=datetime.date(2025, 2, 1))[0]["warn"] is False


def test_expiring_seats_do_not_list_the_part_of_a_seat_before_last_years_constitution(coordinator, elect):
    first = open_election(year=2025, terms_start_on=datetime.date(2025, 3, 20), by=coordinator)
    (a, b) = _nominate_people(first, coordinator, 2)
    ta, tb = record_result(
        election=first, elected=[(a, 2), (b, 1)], decided_on=datetime.date(2025, 3, 19), by=coordinator
    )
    constitute(election=first, leader=ta, deputy=None, constituted_on=datetime.date(2025, 3, 20), by=coordinator)
    second = open_election(year=2026, terms_start_on=START_2026, by=coordinator)
    (c,) = _nominate_people(second, coordinator, 1)
    (tc,) = record_result(election=second, elected=[(c, 2)], decided_on=START_2026, by=coordinator)
    constitute(election=second, leader=tc, deputy=None, constituted_on=START_2026, by=coordinator)
    third = open_election(year=2027, terms_start_on=datetime.date(2027, 3, 20), by=coordinator)
    assert [(t.person, t.role, t.ends_on) for t in expiring_seats(third)] == [
        (a.person, "member", datetime.date(2027, 3, 19))
    ]
