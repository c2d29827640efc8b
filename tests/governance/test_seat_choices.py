"""Whom a coordinator may give a seat (R9, R13): their own network's people, never another network's.

People of no organisation (a fixed seat's holder, named by their affiliation) belong to the networks they
hold a seat in; one with no seat anywhere yet may be given one in any network.
"""

from __future__ import annotations

import datetime

import pytest

from governance.forms import TermForm
from governance.models import Body, BodyKind, Term
from tests.factories import MembershipFactory, NetworkFactory, PersonFactory, first_network

pytestmark = pytest.mark.django_db


def _steering_group(network):
    return Body.objects.get_or_create(
        network=network, kind=BodyKind.STEERING_GROUP, defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"}
    )[0]


def _choices(body) -> set:
    return set(TermForm(body=body).fields["person"].queryset)


def test_a_seat_goes_to_the_networks_members_people_and_its_own_fixed_seat_holders():
    ours, theirs = first_network(), NetworkFactory(name="Klyngen", slug="klyngen")
    our_group, their_group = _steering_group(ours), _steering_group(theirs)
    our_member = PersonFactory(organisation=MembershipFactory(network=ours).organisation)
    their_member = PersonFactory(organisation=MembershipFactory(network=theirs).organisation)
    our_holder, their_holder, unplaced = (PersonFactory(organisation=None) for _ in range(3))
    for holder, body in ((our_holder, our_group), (their_holder, their_group)):
        Term.objects.create(
            body=body, person=holder, organisation=None, role=Term.Role.KS_REPRESENTATIVE,
            starts_on=datetime.date(2026, 1, 1),
        )  # fmt: skip

    assert {our_member, our_holder, unplaced} <= _choices(our_group)
    assert not {their_member, their_holder} & _choices(our_group)
    assert {their_member, their_holder, unplaced} <= _choices(their_group)
    assert not {our_member, our_holder} & _choices(their_group)
