import os

import pytest
from django.test import override_settings

from tests.conftest import requires_redis


@pytest.mark.django_db
@override_settings(REDIS_URL="")
def test_healthz_reports_database_and_no_broker_in_eager_mode(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": None, "worker": None}


@requires_redis
@pytest.mark.django_db
def test_healthz_asks_the_real_broker(client):
    with override_settings(REDIS_URL=os.environ.get("REDIS_URL", "")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] is True


@requires_redis
@pytest.mark.django_db
def test_healthz_without_a_worker_is_degraded_but_still_serves(client, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    settings.HEALTHZ_WORKER_TIMEOUT = 0.3
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": True, "broker": True, "worker": False}


@requires_redis
def test_healthz_sees_a_real_worker(client, settings, celery_worker):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": True, "worker": True}


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_healthz_fails_when_the_broker_is_unreachable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": True, "broker": False, "worker": False}
