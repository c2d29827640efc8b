"""The Celery app. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

app = Celery("network")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules not named tasks.py (one per area of the network app).
app.conf.imports = ("network.tasks_dashboard", "governance.tasks_bodies", "governance.tasks_meetings")


@app.task(name="network.ping")
def ping() -> str:
    """Answers 'pong': lets tests and /healthz prove a worker is consuming."""
    return "pong"
