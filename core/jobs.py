"""Start a background job from a page without ever answering 500 because the broker is down.

    ok, message = enqueue_or_explain(run_dues, year=2027)
    messages.success(request, message) if ok else messages.error(request, message)

The broker is asked first (one short connection attempt). When it does not answer, the job is
not queued and the user is told so in plain Norwegian; nothing is raised. When it answers, the
job is published after the current transaction commits (like `delay_on_commit`), so a worker
never starts before the rows it needs exist. In eager mode (no REDIS_URL) the job runs
in-process after commit, as every task does there.
"""

from __future__ import annotations

import logging
from functools import partial

from celery import Task
from django.db import transaction
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Seconds to wait for the broker before telling the user it is unavailable.
BROKER_CHECK_TIMEOUT = 2.0


def broker_unavailable_message() -> str:
    return _(
        "Jobben kunne ikke startes nå fordi køtjenesten ikke svarer. Ingenting er satt i gang; "
        "prøv igjen om noen minutter. Vedvarer feilen, kontakt den som drifter løsningen."
    )


def queued_message() -> str:
    return _("Jobben er satt i kø og startes om litt.")


def _broker_reachable(task: Task) -> bool:
    try:
        with task.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_CHECK_TIMEOUT)
        return True
    except (OperationalError, OSError, ConnectionError) as exc:
        logger.warning("Broker unreachable, job %s not queued: %s", task.name, exc)
        return False


def _publish(task: Task, args: tuple, kwargs: dict) -> None:
    task.apply_async(args, kwargs)


def enqueue_or_explain(task: Task, *args, **kwargs) -> tuple[bool, str]:
    """Queue `task(*args, **kwargs)` after commit; (False, a Norwegian explanation) if the broker is down."""
    if task.app.conf.task_always_eager:
        transaction.on_commit(partial(_publish, task, args, kwargs))
        return True, queued_message()
    if not _broker_reachable(task):
        return False, broker_unavailable_message()
    if transaction.get_connection().in_atomic_block:
        # Published after commit; should the broker vanish in between, the failure is logged
        # (robust) rather than turning the committed request into a 500.
        transaction.on_commit(partial(_publish, task, args, kwargs), robust=True)
        return True, queued_message()
    try:
        _publish(task, args, kwargs)
    except OperationalError as exc:
        logger.warning("Broker refused job %s: %s", task.name, exc)
        return False, broker_unavailable_message()
    return True, queued_message()
