"""With the Redis cache, sessions are read from Redis and kept in the database (core/sessions.py)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import caches

from tests.conftest import requires_redis

pytestmark = [pytest.mark.django_db, requires_redis]


@pytest.fixture
def redis_sessions(settings):
    url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/11"
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "core.cache.FailSoftRedisCache", "LOCATION": url}}
    settings.SESSION_ENGINE = "core.sessions"
    settings.SESSION_CACHE_SECONDS = 120
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def _store(key=None):
    from core.sessions import SessionStore

    return SessionStore(key)


def _saved_session():
    session = _store()
    session["who"] = "koordinator"
    session.save()
    return session


def test_a_redis_cache_url_gives_sessions_from_the_cache():
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "network.settings", "CACHE_URL": "rediscache://127.0.0.1:6379/1"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "core.sessions", result.stderr


def test_a_session_is_read_from_redis_without_a_query(redis_sessions, django_assert_num_queries):
    session = _saved_session()
    assert Session.objects.filter(session_key=session.session_key).exists()  # the database is the record
    with django_assert_num_queries(0):
        assert _store(session.session_key)["who"] == "koordinator"


def test_the_cached_copy_lives_at_most_session_cache_seconds(redis_sessions):
    session = _saved_session()
    ttl = redis_sessions._cache.get_client().ttl(redis_sessions.make_and_validate_key(session.cache_key))
    assert 0 < ttl <= 120
    assert session.get_expiry_age() > 120  # the cookie and the database row keep the full lifetime


def test_a_session_missing_from_redis_is_read_from_the_database(redis_sessions, django_assert_num_queries):
    session = _saved_session()
    redis_sessions.clear()  # e.g. Redis restarted
    with django_assert_num_queries(1):
        assert _store(session.session_key)["who"] == "koordinator"


def test_a_deleted_session_is_gone_from_both(redis_sessions):
    session = _saved_session()
    key = session.session_key
    session.delete()
    assert _store(key).load() == {}
    assert not Session.objects.filter(session_key=key).exists()


def test_the_redis_cache_reuses_one_client_per_connection_pool(redis_sessions):
    client = redis_sessions._cache.get_client()
    assert redis_sessions._cache.get_client(write=True) is client
    redis_sessions.set("k", "v")
    assert redis_sessions.get("k") == "v"
