"""The demo seeder: past gatherings with attendance (some absent), meetings, fredager; idempotent."""

import datetime
import io
import random

import pytest

from activities import demo as demo_activities
from activities import queries
from activities.models import Event, ParticipantRow, Registration
from members.demo import DemoContext
from tests.factories import ContactRoleFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_seeds_believable_activities_once():
    memberships = [MembershipFactory() for _ in range(8)]
    for m in memberships:
        ContactRoleFactory(organisation=m.organisation)
    context = DemoContext(memberships=memberships, coordinator=UserFactory(), rng=random.Random(1))
    today = datetime.date(2026, 11, 23)

    demo_activities.seed(today=today, context=context, out=io.StringIO())
    counts = (Event.objects.count(), Registration.objects.count())
    demo_activities.seed(today=today, context=context, out=io.StringIO())

    assert (Event.objects.count(), Registration.objects.count()) == counts
    attended = queries.organisations_with_gathering_attendance(2026)
    assert 0 < len(attended) < len(memberships)  # some members were absent
    assert queries.gathering_plan_warning(2026) is None
    assert Event.objects.filter(kind=Event.Kind.BAEREKRAFTSFREDAG, registrations__person__isnull=True).exists()
    assert ParticipantRow.objects.filter(status="pending").count() == 2
