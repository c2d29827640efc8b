"""The Celery app. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

app = Celery("network")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks.py gathers its tasks, each defined next to the service it runs (docs/architecture.md).
app.autodiscover_tasks()


@app.task(name="network.ping")
def ping() -> str:
    """Answers 'pong': lets tests and /healthz prove a worker is consuming."""
    return "pong"
