"""Who owes dues for a year (R3, R5): the rule billing invoices from."""

import datetime

import pytest

from members.models import Membership
from members.queries import memberships_owing_dues
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def owing(year):
    return set(memberships_owing_dues(year))


def test_a_member_active_on_1_january_owes_that_year():
    membership = MembershipFactory(joined_on=datetime.date(2022, 6, 3))
    assert membership in owing(2026)


def test_a_member_joining_during_the_year_owes_that_year():
    membership = MembershipFactory(joined_on=datetime.date(2026, 9, 1))
    assert membership in owing(2026)
    assert membership not in owing(2025)


def test_a_member_in_notice_period_owes_a_year_starting_before_the_effective_date():
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2026, 8, 31),
        notice_effective_on=datetime.date(2027, 2, 28),
    )
    assert membership in owing(2027)
    assert membership not in owing(2028)


def test_no_dues_for_a_year_starting_on_the_effective_date():
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2026, 7, 1),
        notice_effective_on=datetime.date(2027, 1, 1),
    )
    assert membership not in owing(2027)


def test_a_resigned_member_owes_nothing_after_it_ended():
    membership = MembershipFactory(
        status=Membership.Status.RESIGNED,
        notice_given_on=datetime.date(2025, 3, 15),
        notice_effective_on=datetime.date(2025, 9, 15),
        ended_on=datetime.date(2025, 9, 15),
    )
    assert membership in owing(2025)
    assert membership not in owing(2026)


def test_applicants_owe_nothing():
    membership = MembershipFactory(status=Membership.Status.APPLICANT, joined_on=None)
    assert membership not in owing(2026)
