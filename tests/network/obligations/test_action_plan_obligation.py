"""The obligation "action_plan" (a KSF cluster's: the network's plan for the year is adopted) is a fact of
the network applied to each member's check; a network that has not chosen it keeps its four results."""

import pytest
from django.utils import timezone

from governance.services.action_plans import adopt_action_plan, create_action_plan
from network.obligations.rules import DEFAULT_OBLIGATION_KEYS, OBLIGATION_KEYS, obligations_for_year, verdict
from tests.factories import ContactRoleFactory, MembershipFactory, first_network

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_the_obligation_is_in_the_list_with_its_key():
    assert OBLIGATION_KEYS[-1] == "action_plan" and "action_plan" not in DEFAULT_OBLIGATION_KEYS


def test_a_network_that_chose_it_meets_it_once_its_plan_is_adopted():
    membership = MembershipFactory()
    membership.network.obligations = ["contact", "action_plan"]  # what Network.obligations will hold
    facts = {"year": YEAR, "has_contact": True, "paid_org_ids": set(), "attended_org_ids": set()}
    assert verdict(membership, **facts).missing_keys == {"action_plan"}
    met = verdict(membership, facts={"action_plan": True}, **facts)
    assert met.all_met and [i.obligation.key for i in met.items] == ["contact", "action_plan"]


def test_the_existing_networks_results_are_unchanged_by_an_adopted_plan(coordinator):
    membership = MembershipFactory()
    ContactRoleFactory(organisation=membership.organisation)
    before = [(i.obligation.key, i.met) for i in obligations_for_year(YEAR)[0].items]
    plan = create_action_plan(network=first_network(), year=YEAR, title="Plan", by=coordinator)
    adopt_action_plan(plan=plan, adopted_on=timezone.localdate(), adopted_by="Styringsgruppen", by=coordinator)
    after = [(i.obligation.key, i.met) for i in obligations_for_year(YEAR)[0].items]
    assert after == before and [key for key, _met in after] == list(DEFAULT_OBLIGATION_KEYS)


def test_the_yearly_check_reads_the_adopted_plan_of_the_members_network(coordinator):
    network = first_network()
    network.obligations = list(OBLIGATION_KEYS)  # the network chose all five
    network.save()
    MembershipFactory()
    assert "action_plan" in obligations_for_year(YEAR)[0].missing_keys
    plan = create_action_plan(network=first_network(), year=YEAR, title="Plan", by=coordinator)
    assert "action_plan" in obligations_for_year(YEAR)[0].missing_keys  # a draft is not adopted
    adopt_action_plan(plan=plan, adopted_on=timezone.localdate(), adopted_by="Styringsgruppen", by=coordinator)
    assert "action_plan" not in obligations_for_year(YEAR)[0].missing_keys
    assert "action_plan" in obligations_for_year(YEAR - 1)[0].missing_keys  # last year had none
