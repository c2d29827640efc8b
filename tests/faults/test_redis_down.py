"""Fault (c): Redis is down. Pages still render, /healthz says so with 503, starting a job explains."""

import os

import pytest
import redis
from django.db import transaction
from django.urls import reverse

from core.jobs import enqueue_or_explain
from network.celery import app as celery_app
from network.celery import ping
from tests.conftest import requires_redis
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.fault, pytest.mark.django_db]


def test_front_page_renders_with_redis_down(client, redis_down):
    MembershipFactory(organisation__name="Bærum")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Bærum" in response.content.decode()


def test_healthz_answers_503_with_broker_false_not_500(client, redis_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": True, "broker": False, "worker": False}


def test_login_works_with_the_cache_down(client, redis_down, member_contact):
    """allauth's rate limits live in the cache; a dead Redis cache must not turn login into a 500."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member_contact, email=member_contact.email, verified=True, primary=True)
    assert client.get(reverse("account_login")).status_code == 200
    wrong = client.post(reverse("account_login"), {"login": member_contact.email, "password": "feil"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post(
        reverse("account_login"), {"login": member_contact.email, "password": "correct horse battery staple"}
    )
    assert right.status_code == 302 and client.session["_auth_user_id"] == str(member_contact.pk)


def test_starting_a_job_with_the_broker_down_explains_in_norwegian_instead_of_raising(redis_down):
    ok, message = enqueue_or_explain(ping)
    assert ok is False
    assert message.startswith("Jobben kunne ikke startes nå")
    assert "prøv igjen" in message


def test_starting_a_job_inside_a_transaction_with_the_broker_down_queues_nothing_for_later(redis_down):
    with transaction.atomic():
        ok, _message = enqueue_or_explain(ping)
        assert ok is False
        assert transaction.get_connection().run_on_commit == []


@requires_redis
def test_starting_a_job_with_the_broker_up_publishes_it_after_commit(django_capture_on_commit_callbacks):
    celery_app.conf.task_always_eager = False
    celery_app._pool = None
    queue = redis.Redis.from_url(os.environ["REDIS_URL"])
    queue.delete("celery")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ok, message = enqueue_or_explain(ping)
            assert ok and message == "Jobben er satt i kø og startes om litt."
            assert queue.llen("celery") == 0  # not before commit
        assert queue.llen("celery") == 1
    finally:
        queue.delete("celery")
        celery_app._pool = None


def test_in_eager_mode_the_job_runs_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ok, _message = enqueue_or_explain(ping)
    assert ok and len(callbacks) == 1


def test_a_redis_cache_url_gets_the_fail_soft_backend():
    """docker-compose sets CACHE_URL=rediscache://…: that cache must be the one that survives an outage."""
    import subprocess
    import sys

    from django.conf import settings as django_settings

    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "network.settings", "CACHE_URL": "rediscache://127.0.0.1:6379/1"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "core.cache.FailSoftRedisCache", result.stderr
