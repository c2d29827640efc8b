"""Liveness for load balancers and docker-compose: the database, the broker and a Celery worker.

`database` and `broker` decide the HTTP status (503 when either is down: the site cannot serve
or cannot queue). `worker` is reported but only degrades the status: pages still work without
a worker, and the web container should not be restarted because the worker is down (the worker
container has its own healthcheck). Each is `true`, `false`, or `null` when not applicable
(eager mode without REDIS_URL has neither broker nor worker).
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# How long /healthz waits for a worker to answer a ping: short, it is asked every few seconds.
WORKER_PING_TIMEOUT = 1.0


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 — any failure means "not healthy"
        return False


def _broker_ok() -> bool | None:
    if not settings.REDIS_URL:
        return None  # eager mode: there is no broker to ask
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _worker_ok(broker: bool | None) -> bool | None:
    """Whether at least one Celery worker answers a ping within WORKER_PING_TIMEOUT seconds."""
    if broker is None:
        return None
    if broker is False:
        return False  # nothing can reach a worker, and asking would hang on broker retries
    from network.celery import app

    try:
        return bool(app.control.ping(timeout=getattr(settings, "HEALTHZ_WORKER_TIMEOUT", WORKER_PING_TIMEOUT)))
    except Exception:  # noqa: BLE001 — kombu/redis errors of every kind mean "no worker reachable"
        return False


@never_cache
@require_GET
def healthz(request):
    database = _database_ok()
    broker = _broker_ok()
    worker = _worker_ok(broker)
    healthy = database is not False and broker is not False
    status = "fail" if not healthy else ("degraded" if worker is False else "ok")
    return JsonResponse(
        {"status": status, "database": database, "broker": broker, "worker": worker},
        status=200 if healthy else 503,
    )
