"""The governance demo builds a full steering group, groups and an open election, and is idempotent."""

import datetime
import io
import random

from governance import demo
from governance.models import Election, Term
from governance.queries.bodies import steering_group_composition
from members.demo import DemoContext
from tests.factories import ContactRoleFactory, MembershipFactory, PersonFactory


def test_demo_seeds_nine_elected_plus_ks_with_leader_deputy_and_an_open_election(coordinator):
    memberships = []
    for i in range(30):
        membership = MembershipFactory()
        person = PersonFactory(organisation=membership.organisation, gender=["woman", "man", "unknown"][i % 3])
        ContactRoleFactory(organisation=membership.organisation, person=person)
        memberships.append(membership)
    context = DemoContext(memberships=memberships, coordinator=coordinator, rng=random.Random(1))
    today = datetime.date(2026, 11, 23)

    demo.seed(today=today, context=context, out=io.StringIO())
    demo.seed(today=today, context=context, out=io.StringIO())

    composition = steering_group_composition(on=today)
    assert composition["elected_count"] == 9
    assert composition["ks"] is not None
    assert composition["leader"] and composition["deputy"]
    assert {t.ends_on.year for t in composition["terms"] if t.obtained == "elected"} == {2027, 2028}
    upcoming = Election.objects.get(year=2027)
    assert upcoming.is_open and upcoming.nominations.count() >= 3
    assert Term.objects.filter(body__kind="resource_group", paid=True).exists()
