"""Resignation (R5): notice on D takes effect D + 6 calendar months, month-end rule."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members import signals
from members.models import Membership
from members.services import give_notice, notice_effective_date, withdraw_notice
from tests.factories import MembershipFactory, first_network

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("given_on", "effective_on"),
    [
        (D(2026, 3, 15), D(2026, 9, 15)),
        (D(2026, 8, 31), D(2027, 2, 28)),
        (D(2027, 8, 31), D(2028, 2, 29)),
        (D(2026, 12, 30), D(2027, 6, 30)),
        (D(2026, 12, 31), D(2027, 6, 30)),
        (D(2026, 1, 1), D(2026, 7, 1)),
    ],
)
def test_notice_takes_effect_six_calendar_months_later(given_on, effective_on):
    assert notice_effective_date(given_on) == effective_on


def test_notice_given_31_august_takes_effect_28_february():
    assert notice_effective_date(D(2026, 8, 31)) == D(2027, 2, 28)


def test_notice_given_31_august_before_a_leap_year_takes_effect_29_february():
    assert notice_effective_date(D(2027, 8, 31)) == D(2028, 2, 29)


def test_notice_period_comes_from_the_agreement_terms():
    terms = first_network()
    terms.notice_months = 3
    terms.save()
    assert notice_effective_date(D(2026, 11, 30)) == D(2027, 2, 28)


def test_giving_notice_puts_the_member_in_its_notice_period_and_tells_listeners():
    membership = MembershipFactory()
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    signals.notice_given.connect(listener)
    try:
        give_notice(
            membership=membership,
            given_on=D(2025, 3, 15),
            signed_by_name="Kari Nordmann",
            signed_by_title="Kommunedirektør",
        )
    finally:
        signals.notice_given.disconnect(listener)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.NOTICE
    assert (membership.notice_given_on, membership.notice_effective_on) == (D(2025, 3, 15), D(2025, 9, 15))
    assert membership.notice_signed_by == "Kari Nordmann, Kommunedirektør"
    assert membership.in_good_standing
    assert heard[0]["effective_on"] == D(2025, 9, 15)
    assert heard[0]["organisation"] == membership.organisation


def test_notice_needs_a_signature_with_name_and_title():
    membership = MembershipFactory()
    with pytest.raises(ValidationError, match="navn og tittel"):
        give_notice(membership=membership, given_on=D(2025, 3, 15), signed_by_name="Kari", signed_by_title=" ")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_notice_cannot_be_given_twice():
    membership = MembershipFactory()
    give_notice(membership=membership, given_on=D(2025, 3, 15), signed_by_name="A", signed_by_title="B")
    with pytest.raises(ValidationError, match="allerede sagt opp"):
        give_notice(membership=membership, given_on=D(2025, 4, 1), signed_by_name="A", signed_by_title="B")


def test_notice_cannot_be_dated_in_the_future():
    membership = MembershipFactory()
    with pytest.raises(ValidationError, match="fram i tid"):
        give_notice(membership=membership, given_on=D(2999, 1, 1), signed_by_name="A", signed_by_title="B")


def test_the_coordinator_can_withdraw_a_notice_before_it_takes_effect(coordinator):
    membership = MembershipFactory()
    give_notice(membership=membership, given_on=timezone.localdate(), signed_by_name="A", signed_by_title="B")
    withdraw_notice(membership=membership, by=coordinator)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.notice_effective_on is None
    # the history keeps the notice and its withdrawal
    statuses = list(membership.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-2:] == ["notice", "active"]
    assert membership.history.latest().history_user == coordinator


def test_a_notice_that_has_taken_effect_cannot_be_withdrawn():
    membership = MembershipFactory(
        status=Membership.Status.NOTICE, notice_given_on=D(2025, 1, 1), notice_effective_on=D(2025, 7, 1)
    )
    with pytest.raises(ValidationError, match="trådt i kraft"):
        withdraw_notice(membership=membership)
