"""R6: each of the four minimum obligations, missing alone, is what the verdict reports."""

import pytest

from network.obligations.rules import verdict
from tests.factories import MembershipFactory

YEAR = 2026


@pytest.fixture
def membership(db):
    return MembershipFactory()


def _verdict(membership, **overrides):
    facts = {
        "has_contact": True,
        "paid_org_ids": {membership.organisation_id},
        "attended_org_ids": {membership.organisation_id},
    }
    facts.update(overrides)
    return verdict(membership, year=YEAR, **facts)


def test_a_member_that_meets_all_four(membership):
    result = _verdict(membership)
    assert result.all_met and result.missing == []


def test_missing_political_decision_alone(membership):
    membership.political_decision_on = None
    assert _verdict(membership).missing_keys == {"decision"}


def test_missing_contact_person_alone(membership):
    assert _verdict(membership, has_contact=False).missing_keys == {"contact"}


def test_unpaid_dues_alone(membership):
    assert _verdict(membership, paid_org_ids=set()).missing_keys == {"dues"}


def test_no_gathering_attendance_alone(membership):
    assert _verdict(membership, attended_org_ids=set()).missing_keys == {"gathering"}


def test_another_members_payment_does_not_count(membership):
    other = MembershipFactory()
    assert _verdict(membership, paid_org_ids={other.organisation_id}).missing_keys == {"dues"}
