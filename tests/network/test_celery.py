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


@requires_redis
def test_a_test_worker_starts_on_a_broker_with_nothing_waiting_and_nothing_unacknowledged(celery_eager):
    """A worker killed half-way leaves its task unacknowledged; the next test's worker must not run it."""
    from network.celery import app
    from tests.conftest import empty_broker

    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        ping.apply_async(connection=conn)
        ping.apply_async(connection=conn)
        taken = channel.basic_get("celery", no_ack=False)  # as a worker that is then killed
        assert channel.client.hexists(channel.unacked_key, taken.delivery_tag)
        assert channel.client.llen("celery") == 1

        empty_broker()

        assert not channel.client.exists(channel.unacked_key, channel.unacked_index_key)
        assert channel.client.llen("celery") == 0
    with app.connection_for_write() as conn:  # closing the first connection restored nothing
        assert conn.default_channel.client.llen("celery") == 0
