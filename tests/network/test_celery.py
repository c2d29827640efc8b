import pytest
from django.conf import settings

from network.celery import ping
from tests.conftest import requires_redis


def test_without_redis_the_quick_start_runs_tasks_eagerly():
    # The settings choose eager mode exactly when no broker is configured.
    assert settings.CELERY_TASK_ALWAYS_EAGER == (not settings.REDIS_URL)
    assert ping.delay().get(timeout=5) == "pong"


@requires_redis
@pytest.mark.worker
def test_a_task_runs_on_a_real_worker_over_redis(celery_worker):
    from network.celery import app

    assert not app.conf.task_always_eager
    result = ping.apply_async(ignore_result=False)
    assert result.get(timeout=30) == "pong"
