import os
import shutil
import subprocess
import sys
import time

import pytest
from celery.result import _set_task_join_will_block
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from members.roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP
from network.celery import app as celery_app

from .factories import ContactRoleFactory, MembershipFactory, UserFactory, first_network, network_issuer

BASE_DIR = settings.BASE_DIR


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


requires_postgresql = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql", "pgsql"),
    reason="needs PostgreSQL: set DATABASE_URL=postgres://… (.ci/run does)",
)
requires_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0 (.ci/run does)"
)


@pytest.fixture(autouse=True)
def _clean_slate():
    """Each test starts in Norwegian with an empty cache: a request in English, or a page fragment
    cached by an earlier test (ids can repeat after a rollback on SQLite), must not leak into the next."""
    from django.core.cache import caches
    from django.utils import translation

    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _network_in_cache(request, _clean_slate):
    """Every page reads its network from the cache (members.networks): in a running site the first page
    after a change fills it. Tests start the same way, so a query count measures a page, not the first
    page after a cache flush. Only for tests with a database; a network a test saves replaces the entry
    (a receiver does)."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db", "live_server"}:
        yield
        return
    from members.networks import first_network, using_network

    transactional = "transactional_db" in names or "live_server" in names or (
        marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    network = first_network()
    if network is None or request.node.get_closest_marker("urls"):  # a test with its own URLconf
        yield
        return
    # Outside a request the test speaks for the first network, like a page under its address:
    # reverse() gives /<slug>/… (network.middleware, core.urlconfs).
    with using_network(network):
        yield


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in-process unless a test asks for a real worker (fixture `celery_worker`)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
    # Eager tasks run under celery.result.denied_join_result(), whose flag is process-global:
    # threads of a concurrency test running eager tasks at once can leave it set, and every
    # later result.get() in this process would then refuse to block.
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def empty_broker() -> None:
    """Leave no task on the broker for the next worker: neither waiting nor unacknowledged.

    A worker killed half-way (tests/faults, or a run stopped by hand) leaves its message in kombu's
    unacked hash; a worker started after the visibility timeout restores it and would run that old
    task, say last run's dues run, against this test's database.
    """
    celery_app.control.purge()
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        channel.client.delete(channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key)


@pytest.fixture
def celery_worker(transactional_db, celery_eager):
    """A real Celery worker process on Redis, against the test database.

    Tests using it must commit their data (transactional_db), since the worker reads
    it through its own connection.
    """
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL for a real worker (.ci/run sets it)")
    celery_app.conf.task_always_eager = False
    empty_broker()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        if connection.vendor == "postgresql"
        else f"sqlite:///{db['NAME']}",
    }
    celery = shutil.which("celery", path=os.path.dirname(sys.executable))
    proc = subprocess.Popen(
        [
            celery,
            "-A",
            "network",
            "worker",
            "--pool=solo",
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if celery_app.control.ping(timeout=0.5):
            break
        if proc.poll() is not None:
            raise RuntimeError("the Celery worker exited at start")
    else:
        proc.kill()
        raise RuntimeError("the Celery worker did not answer a ping within 60 s")
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    empty_broker()


@pytest.fixture
def coordinator(db):
    """The coordinator of the first network (the one a test speaks for)."""
    user = UserFactory(email="koordinator@example.no")
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    first_network().coordinators.add(user)
    return user


@pytest.fixture
def billing_admin(db):
    user = UserFactory(email="okonomi@ks.no")
    user.groups.add(Group.objects.get(name=BILLING_ADMIN_GROUP))
    network_issuer().billing_admins.add(user)
    return user


@pytest.fixture
def member_contact(db):
    """A logged-in-able contact person of an active member organisation."""
    membership = MembershipFactory()
    role = ContactRoleFactory(organisation=membership.organisation)
    user = UserFactory(email=role.person.email)
    role.person.user = user
    role.person.save()
    return user
