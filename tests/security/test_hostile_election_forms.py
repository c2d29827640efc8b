"""Hostile input in the coordinator's election forms (hypothesis): opening an election, nominating,
recording the result and the constitution (R7).

Never a 500; a refused submission re-renders with an error (200/400) and stores nothing; an accepted
one stores exactly what was sent, inside the rules, and every step is all or nothing.
"""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.models import Election, Nomination, Term
from governance.services.elections import nominate, open_election, record_result
from tests.factories import member_person

from .hostile import (
    assert_form_rejects_cleanly,
    hostile_date,
    hostile_number,
    hostile_text,
    rolled_back,
    submit_hostile,
)

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
START = datetime.date(2026, 3, 20)
# Plausible values mixed in, so that hostile values also meet otherwise valid submissions.
YEARS = st.one_of(hostile_number(), st.sampled_from(["2026", "2027", " 2026 "]))
DATES = st.one_of(hostile_date(), st.dates(datetime.date(2024, 1, 1), datetime.date(2028, 12, 31)).map(str))
CHOICES = st.one_of(st.sampled_from(["", "1", "2"]), hostile_text())


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def election(coordinator):
    return open_election(year=2026, terms_start_on=START, nomination_deadline=datetime.date(2026, 3, 1), by=coordinator)


@pytest.fixture
def nominations(election, coordinator):
    return [
        nominate(election=election, person=member_person(), via=Nomination.Via.COORDINATOR, by=coordinator)
        for _ in range(2)
    ]


@pytest.fixture
def decided(election, nominations, coordinator):
    return record_result(
        election=election, elected=[(n, 2) for n in nominations], decided_on=datetime.date(2026, 3, 19), by=coordinator
    )


# --- opening an election ---------------------------------------------------------------------------


@HYPOTHESIS
@given(year=YEARS, terms_start_on=DATES, nomination_deadline=st.one_of(st.just(""), DATES), notes=hostile_text())
def test_opening_an_election_with_hostile_values_is_refused_or_stored_exactly(
    coordinator_client, year, terms_start_on, nomination_deadline, notes
):
    with rolled_back():
        fields = {
            "year": year,
            "terms_start_on": terms_start_on,
            "nomination_deadline": nomination_deadline,
            "notes": notes,
        }
        response, accepted = submit_hostile(coordinator_client, reverse("governance:election_list"), fields, [Election])
        if accepted:
            election = Election.objects.get()
            assert 2022 <= election.year <= 2100
            assert election.terms_start_on.year == election.year
            deadline = election.nomination_deadline
            assert deadline is None or datetime.date(election.year - 1, 1, 1) <= deadline < election.terms_start_on
            assert election.notes == notes.strip()
            page = coordinator_client.get(reverse("governance:election_detail", args=[election.year]))
            assert page.status_code == 200
        else:
            assert response.status_code == 200


@pytest.mark.parametrize("deadline", ["0001-01-01", "1999-12-31", "2024-12-31"])
def test_a_nomination_deadline_long_before_the_election_year_is_refused_on_the_field(coordinator_client, deadline):
    response = assert_form_rejects_cleanly(
        coordinator_client,
        reverse("governance:election_list"),
        {"year": "2026", "terms_start_on": "2026-03-20", "nomination_deadline": deadline, "notes": ""},
        [Election],
    )
    assert response.context["form"].errors["nomination_deadline"]


# --- nominating (coordinator) ----------------------------------------------------------------------


@HYPOTHESIS
@given(person=hostile_text(), statement=hostile_text())
def test_nominating_a_hostile_candidate_is_refused_cleanly(coordinator_client, election, person, statement):
    with rolled_back():
        response = assert_form_rejects_cleanly(
            coordinator_client,
            reverse("governance:election_nominate", args=[2026]),
            {"person": person, "statement": statement},
            [Nomination],
            form_key="nomination_form",
        )
        assert response.status_code == 400


@HYPOTHESIS
@given(statement=hostile_text())
def test_a_coordinators_nomination_statement_is_stored_exactly_or_refused(coordinator_client, election, statement):
    candidate = member_person()
    with rolled_back():
        response, accepted = submit_hostile(
            coordinator_client,
            reverse("governance:election_nominate", args=[2026]),
            {"person": candidate.pk, "statement": statement},
            [Nomination],
            form_key="nomination_form",
        )
        if accepted:
            nomination = Nomination.objects.get()
            assert (nomination.person, nomination.statement) == (candidate, statement.strip())
            assert nomination.via == Nomination.Via.COORDINATOR
        else:
            assert response.status_code == 400


# --- recording the result --------------------------------------------------------------------------


@HYPOTHESIS
@given(decided_on=DATES, first=CHOICES, second=CHOICES)
def test_a_hostile_result_is_refused_whole_or_stored_exactly(
    coordinator_client, election, nominations, decided_on, first, second
):
    a, b = nominations
    with rolled_back():
        response, _ = submit_hostile(
            coordinator_client,
            reverse("governance:election_result", args=[2026]),
            {"decided_on": decided_on, f"n{a.pk}": first, f"n{b.pk}": second},
            [Term],
            form_key="result_form",
        )
        election.refresh_from_db()
        statuses = set(Nomination.objects.values_list("status", flat=True))
        if election.status == Election.Status.DECIDED:
            assert response.status_code == 302
            assert datetime.date(2025, 1, 1) <= election.decided_on <= START
            wanted = {n.pk: int(v) for n, v in ((a, first), (b, second)) if v in ("1", "2")}
            assert dict(Term.objects.filter(election=election).values_list("person__nominations", "ends_on")) == {
                pk: datetime.date(2026 + years, 3, 19) for pk, years in wanted.items()
            }
            assert statuses <= {Nomination.Status.ELECTED, Nomination.Status.NOT_ELECTED}
        else:  # nothing half-stored: no terms, every candidate still nominated
            assert response.status_code == 400
            assert not Term.objects.exists() and election.decided_on is None
            assert statuses == {Nomination.Status.NOMINATED}


@pytest.mark.parametrize("decided_on", ["0001-01-01", "2024-12-31", "2026-03-21", "9999-12-31"])
def test_a_result_dated_outside_the_election_is_refused_on_the_field(
    coordinator_client, election, nominations, decided_on
):
    response = assert_form_rejects_cleanly(
        coordinator_client,
        reverse("governance:election_result", args=[2026]),
        {"decided_on": decided_on, f"n{nominations[0].pk}": "2"},
        [Term],
        form_key="result_form",
    )
    assert response.status_code == 400
    assert response.context["result_form"].errors["decided_on"]


# --- the constitution ------------------------------------------------------------------------------


@HYPOTHESIS
@given(leader=hostile_text(), deputy=hostile_text(), constituted_on=DATES)
def test_a_constitution_with_hostile_choices_is_refused_cleanly(
    coordinator_client, election, decided, leader, deputy, constituted_on
):
    with rolled_back():
        response = assert_form_rejects_cleanly(
            coordinator_client,
            reverse("governance:election_constitute", args=[2026]),
            {"leader": leader, "deputy": deputy, "constituted_on": constituted_on},
            [Term],
            form_key="constitution_form",
        )
        assert response.status_code == 400
        election.refresh_from_db()
        assert (election.status, election.constituted_on) == (Election.Status.DECIDED, None)


@pytest.mark.parametrize("constituted_on", ["0001-01-01", "2026-03-18", "2028-01-01", "9999-12-31"])
def test_a_constitution_dated_before_the_election_or_years_later_is_refused_on_the_field(
    coordinator_client, election, decided, constituted_on
):
    response = assert_form_rejects_cleanly(
        coordinator_client,
        reverse("governance:election_constitute", args=[2026]),
        {"leader": decided[0].pk, "deputy": "", "constituted_on": constituted_on},
        [Term],
        form_key="constitution_form",
    )
    assert response.status_code == 400
    assert response.context["constitution_form"].errors["constituted_on"]


@HYPOTHESIS
@given(constituted_on=DATES, with_deputy=st.booleans())
def test_a_constitution_date_is_refused_or_stored_within_the_rules(
    coordinator_client, election, decided, constituted_on, with_deputy
):
    leader, deputy = decided
    with rolled_back():
        response, _ = submit_hostile(
            coordinator_client,
            reverse("governance:election_constitute", args=[2026]),
            {"leader": leader.pk, "deputy": deputy.pk if with_deputy else "", "constituted_on": constituted_on},
            [Term],
            form_key="constitution_form",
        )
        election.refresh_from_db()
        roles = set(Term.objects.filter(ends_on__gte=START).values_list("role", flat=True))
        if election.status == Election.Status.CONSTITUTED:
            assert response.status_code == 302
            assert datetime.date(2026, 3, 19) <= election.constituted_on <= datetime.date(2027, 12, 31)
            assert Term.Role.LEADER in roles and (Term.Role.DEPUTY in roles) == with_deputy
        else:
            assert response.status_code == 400
            assert election.constituted_on is None and roles == {Term.Role.MEMBER}
