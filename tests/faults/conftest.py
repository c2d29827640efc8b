"""Fault injection: a dead broker and cache, a database connection killed under a running process."""

from __future__ import annotations

import queue
import threading
from io import BytesIO

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

from network.celery import app as celery_app

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: nothing listens, connections are refused at once


@pytest.fixture
def redis_down(settings):
    """REDIS_URL, the Celery broker and the cache all point at a Redis that does not answer."""
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {
        **settings.CACHES,  # the per-process "local" cache is not Redis and stays
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = DEAD_REDIS
    celery_app.conf.task_always_eager = False
    celery_app._pool = None  # the producer pool was opened on the old URL
    yield
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    celery_app._pool = None


def terminate_backend(pid: int) -> None:
    """What a database restart does to one connection: pg_terminate_backend, from another connection."""
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
        autocommit=True,
    ) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]


class WebProcess:
    """One long-lived thread serving requests through Django's WSGI handler, like a gunicorn sync
    worker: request_started/finished fire (unlike the test client), so connections persist for
    CONN_MAX_AGE and CONN_HEALTH_CHECKS decides what happens to a dead one."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.requests: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            item = self.requests.get()
            if item is None:
                from django.db import connections

                connections.close_all()
                return
            func, reply = item
            try:
                reply.put((True, func()))
            except BaseException as exc:  # noqa: BLE001 — handed back to the test
                reply.put((False, exc))

    def run(self, func):
        reply: queue.Queue = queue.Queue()
        self.requests.put((func, reply))
        ok, value = reply.get(timeout=60)
        if not ok:
            raise value
        return value

    def get(self, path: str) -> int:
        environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", **{"wsgi.input": BytesIO()})
        statuses = []
        self.run(
            lambda: b"".join(self.handler(environ, lambda status, headers, exc_info=None: statuses.append(status)))
        )
        return int(statuses[0].split()[0])

    def backend_pid(self) -> int:
        def pid():
            from django.db import connection as thread_connection

            with thread_connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                return cursor.fetchone()[0]

        return self.run(pid)

    def stop(self):
        self.requests.put(None)
        self.thread.join(timeout=30)


@pytest.fixture
def persistent_connections():
    """CONN_MAX_AGE as in production behind gunicorn; restored afterwards (the dict is shared by threads)."""
    saved = {key: connection.settings_dict.get(key) for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.settings_dict["CONN_MAX_AGE"] = 600
    yield connection.settings_dict
    connection.settings_dict.update(saved)


@pytest.fixture
def web_process(transactional_db, persistent_connections):
    process = WebProcess()
    yield process
    process.stop()
