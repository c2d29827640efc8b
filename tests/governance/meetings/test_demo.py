"""The demo meetings: a believable history, the 07/24 mandate decision, the next meeting's agenda published; idempotent."""

import datetime
import io
import random
from types import SimpleNamespace

import pytest

from governance import demo_meetings
from governance.models import Case, Meeting

from .factories import TermFactory

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_believable_and_idempotent(coordinator, steering_group):
    for _ in range(5):
        TermFactory(body=steering_group)
    context = SimpleNamespace(coordinator=coordinator, rng=random.Random(1))
    today = datetime.date.today()

    demo_meetings.seed(today=today, context=context, out=io.StringIO())
    count = Meeting.objects.count()
    demo_meetings.seed(today=today, context=context, out=io.StringIO())

    assert Meeting.objects.count() == count
    mandate = Case.objects.get(year=2024, number=7)
    assert mandate.title == "Revidert mandat for Bærekraftsnettverket"
    assert mandate.meeting.date == datetime.date(2024, 2, 8) and mandate.decision
    upcoming = Meeting.objects.get(date__gte=today)
    assert upcoming.status == Meeting.Status.AGENDA_PUBLISHED and upcoming.agenda_published_at is not None
    assert upcoming.cases.count() == 3
    held = Meeting.objects.filter(date__lt=today)
    assert held.exclude(status=Meeting.Status.MINUTES_APPROVED).count() == 1  # the last awaits approval
    assert held.filter(status=Meeting.Status.MINUTES_APPROVED, attendances__present=False).exists()
