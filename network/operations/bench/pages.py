"""Page latency under load (gunicorn + wrk from a second process) and queries per page."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from .results import Result

# wrk prints its own summary; this script adds the percentiles and rate as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'JSON {"p50": %f, "p95": %f, "p99": %f, "rps": %f, "requests": %d, "errors": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1000000), summary.requests, errors))
end
"""


def session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def in_process(pages: dict[str, tuple[str, object | None]], *, batches: int = 7, per_batch: int = 100) -> list[Result]:
    """Milliseconds per request through Django's test client in this process, with no server or load tool.

    The fastest of `batches` batches: the cost of the page itself, which moves far less from run to
    run than latency under load on two shared cores, so a change to a page shows here first.
    """
    results = []
    with override_settings(DEBUG=False):  # no query log, as in production
        for label, (url, user) in pages.items():
            client = Client(HTTP_HOST="127.0.0.1")
            if user is not None:
                client.force_login(user)
            for _ in range(20):
                client.get(url)  # caches and prepared statements as a running server has them
            times = []
            for _ in range(batches):
                started = time.perf_counter()
                for _ in range(per_batch):
                    client.get(url)
                times.append((time.perf_counter() - started) / per_batch * 1000)
            results.append(Result("pages", f"in-process: {label}", round(min(times), 2), "ms/request",
                                  detail={"median": round(sorted(times)[len(times) // 2], 2), "batches": batches,
                                          "per_batch": per_batch, "url": url}))
    return results


def queries_per_page(pages: dict[str, tuple[str, object | None]]) -> list[Result]:
    results = []
    for label, (url, user) in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.force_login(user)
        client.get(url)  # warm caches the way a running server has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        results.append(Result("pages", f"queries: {label}", len(queries), "queries", "≤ 15",
                              len(queries) <= 15 and response.status_code == 200,
                              {"url": url, "status": response.status_code}))
    return results


class Gunicorn:
    """gunicorn serving this project against the benchmark database, on a free local port."""

    def __init__(self, *, workers: int = 4, port: int = 8765):
        self.port, self.workers, self.process = port, workers, None

    def __enter__(self) -> Gunicorn:
        env = {**os.environ, "DEBUG": "false", "SECURE_SSL_REDIRECT": "false",
               # The same key as this process, so the session cookies made here are valid there.
               "SECRET_KEY": settings.SECRET_KEY,
               "ALLOWED_HOSTS": "127.0.0.1,localhost", "CONN_MAX_AGE": "60"}
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
        self.process = subprocess.Popen(  # noqa: S603 — our own gunicorn
            [gunicorn, "network.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                # The front page, not /healthz: that one waits a second for a Celery worker to answer.
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def load(url: str, *, cookie: str | None, seconds: int, clients: int) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk; make bench does)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [wrk, "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--latency", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    Path(script.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    return json.loads(line[5:])


def latency(pages: dict[str, tuple[str, object | None]], *, seconds: int, clients: int) -> list[Result]:
    results = []
    with Gunicorn() as server:
        for label, (path, user) in pages.items():
            cookie = session_cookie(user) if user is not None else None
            warm = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", headers={"Cookie": cookie or ""})
            urllib.request.urlopen(warm, timeout=120).read()  # noqa: S310 — first visit fills caches, not measured
            figures = load(f"http://127.0.0.1:{server.port}{path}", cookie=cookie, seconds=seconds, clients=clients)
            detail = {**figures, "clients": clients, "seconds": seconds, "url": path}
            results.append(Result("pages", f"p50: {label}", figures["p50"], "ms", detail=detail))
            results.append(Result("pages", f"p95: {label}", figures["p95"], "ms", "≤ 150",
                                  figures["requests"] > 0 and figures["p95"] <= 150 and figures["errors"] == 0, detail))
            results.append(Result("pages", f"p99: {label}", figures["p99"], "ms"))
            results.append(Result("pages", f"req/s: {label}", figures["rps"], "req/s"))
    return results
