"""The daily lifecycle task on a real Celery worker over Redis (R5)."""

import datetime

import pytest
from django.utils import timezone

from members.models import Membership
from members.tasks import end_due_memberships_task
from tests.conftest import requires_postgresql, requires_redis
from tests.factories import MembershipFactory


@requires_redis
@requires_postgresql
@pytest.mark.worker
def test_the_daily_task_ends_due_memberships_on_a_real_worker_and_twice_changes_nothing(celery_worker):
    today = timezone.localdate()
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=today - datetime.timedelta(days=200),
        notice_effective_on=today - datetime.timedelta(days=2),
    )
    assert end_due_memberships_task.apply_async(ignore_result=False).get(timeout=60) == 1
    assert end_due_memberships_task.apply_async(ignore_result=False).get(timeout=60) == 0
    membership.refresh_from_db()
    assert membership.status == Membership.Status.RESIGNED
    assert membership.ended_on == today - datetime.timedelta(days=2)
