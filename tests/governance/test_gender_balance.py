"""Gender balance (R10): the threshold for every size, unknown gender as a gap, advice not a block."""

import datetime

import pytest
from django.core import mail

from governance.models import GenderBalanceCheck
from governance.services.bodies import add_term, appoint_ks_representative, term_end
from governance.services.gender_balance import (
    assess,
    check_and_notify,
    gender_balance_report,
    required_of_each_gender,
    store_gender_balance,
)
from tests.factories import PersonFactory, WorkingGroupFactory, member_person
from tests.i18n.pending import english  # noqa: F401 (a fixture)

ON = datetime.date(2025, 3, 1)
START = datetime.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("size", "required"),
    [(1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (8, 3), (9, 4), (10, 4), (11, 5), (12, 5)],
)
def test_threshold_per_size(size, required):
    # 2–3 both present; 4–5 ≥2; 6–8 ≥3; 9 ≥4; more than 9: 40 % rounded up (11 → 4.4 → 5).
    assert required_of_each_gender(size) == required


@pytest.mark.parametrize(
    ("women", "men", "verdict", "advice"),
    [
        (1, 1, "ok", ""),
        (2, 0, "below", "Trenger én mann til"),
        (0, 3, "below", "Trenger én kvinne til"),
        (2, 2, "ok", ""),
        (3, 1, "below", "Trenger én mann til"),
        (4, 0, "below", "Trenger to menn til"),
        (3, 3, "ok", ""),
        (5, 2, "below", "Trenger én mann til"),
        (2, 6, "below", "Trenger én kvinne til"),
        (4, 5, "ok", ""),
        (6, 3, "below", "Trenger én mann til"),
        (4, 6, "ok", ""),
        (6, 4, "ok", ""),
        (7, 3, "below", "Trenger én mann til"),
        (8, 3, "below", "Trenger to menn til"),
        (6, 6, "ok", ""),
        (8, 4, "below", "Trenger én mann til"),
    ],
)
def test_verdict_and_advice_for_every_band(women, men, verdict, advice):
    result = assess(scope="Organ", genders=["woman"] * women + ["man"] * men)
    assert (result.verdict, result.advice) == (verdict, advice)


def test_unknown_gender_is_a_data_gap_not_a_guess():
    result = assess(scope="Organ", genders=["woman", "woman", "woman", "unknown"])
    assert result.unknown == 1
    assert result.men == 0
    assert result.verdict == "incomplete"
    assert result.advice == "Trenger to menn til; kjønn mangler for én person"


def test_gap_is_reported_even_when_the_known_holders_are_balanced():
    result = assess(scope="Organ", genders=["woman", "man", "unknown"])
    assert (result.verdict, result.advice) == ("incomplete", "Kjønn mangler for én person")


def test_other_gender_counts_neither_as_woman_nor_man_nor_gap():
    result = assess(scope="Organ", genders=["woman", "other"])
    assert (result.other, result.unknown, result.verdict, result.advice) == (1, 0, "below", "Trenger én mann til")


def test_steering_group_counts_ks_seat(steering, elect):
    for gender in ["woman"] * 4 + ["man"] * 4:
        elect(gender=gender)
    appoint_ks_representative(
        body=steering,
        person=PersonFactory(organisation=None, gender="man"),
        starts_on=START,
        ends_on=term_end(START, 1),
    )
    sg = next(r for r in gender_balance_report(ON) if r.body == steering)
    assert (sg.size, sg.women, sg.men, sg.required_each, sg.verdict) == (9, 4, 5, 4, "ok")


def test_key_functions_are_leader_deputy_and_working_group_leads(steering, elect):
    elect(role="leader", gender="man")
    elect(role="deputy", gender="man")
    elect(gender="woman")  # an ordinary member is not a key function
    group = WorkingGroupFactory()
    lead = member_person(gender="man")
    add_term(
        body=group,
        person=lead,
        organisation=lead.organisation,
        role="leader",
        starts_on=START,
        ends_on=None,
        obtained="appointed",
    )
    key = gender_balance_report(ON)[-1]
    assert key.body is None
    assert (key.size, key.men, key.women, key.verdict, key.advice) == (3, 3, 0, "below", "Trenger én kvinne til")


def test_report_makes_a_constant_number_of_queries(elect, django_assert_num_queries):
    for gender in ["woman", "man", "unknown"]:
        elect(gender=gender)
    for _ in range(3):
        WorkingGroupFactory()
    with django_assert_num_queries(2):
        gender_balance_report(ON)


def test_stored_check_keeps_history_and_is_idempotent_per_day(elect):
    elect(gender="woman")
    elect(gender="woman")
    store_gender_balance(on=ON)
    store_gender_balance(on=ON)
    assert GenderBalanceCheck.objects.filter(checked_on=ON, scope="Styringsgruppen").count() == 1
    elect(gender="man", starts_on=datetime.date(2025, 2, 1))
    later = store_gender_balance(on=datetime.date(2025, 3, 8))
    sg, changed = next((c, ch) for c, ch in later if c.scope == "Styringsgruppen")
    assert (sg.verdict, changed) == ("ok", True)
    assert GenderBalanceCheck.objects.filter(scope="Styringsgruppen").count() == 2


def test_coordinator_is_emailed_when_a_body_falls_below(coordinator, elect):
    elect(gender="woman")
    elect(gender="woman")
    assert check_and_notify(on=ON) >= 1
    assert mail.outbox[-1].to == [coordinator.email]
    assert "Trenger én mann til" in mail.outbox[-1].body


def test_a_second_check_on_the_same_day_with_the_same_verdict_is_not_a_change(elect):
    elect(gender="woman")
    elect(gender="woman")
    store_gender_balance(on=ON)
    again = dict((c.scope, changed) for c, changed in store_gender_balance(on=ON))
    assert again["Styringsgruppen"] is False


@pytest.mark.parametrize(
    ("women", "men", "advice"),
    [
        (0, 3, "Needs one more woman"),
        (2, 0, "Needs one more man"),
        (0, 4, "Needs two more women"),
        (4, 0, "Needs two more men"),
    ],
)
@pytest.mark.usefixtures("english")
def test_the_advice_reads_naturally_in_english(women, men, advice):
    """ "needs one more woman", not "needs one woman more"; numbers up to twelve in words."""
    assert assess(scope="Organ", genders=["woman"] * women + ["man"] * men).advice == advice


def test_numbers_up_to_twelve_are_words_in_norwegian_advice():
    assert assess(scope="Organ", genders=["woman"] * 6).advice == "Trenger tre menn til"
    assert assess(scope="Organ", genders=["woman"] * 30).advice == "Trenger tolv menn til"
    assert assess(scope="Organ", genders=["woman"] * 40).advice == "Trenger 16 menn til"
