"""The confirmation email goes through a real Celery worker after commit, once."""

import time

import pytest

from activities import services
from activities.models import Registration
from tests.conftest import requires_redis
from tests.factories import BaerekraftsfredagFactory

pytestmark = [requires_redis, pytest.mark.worker]


def test_a_real_worker_sends_the_confirmation_once(celery_worker):
    event = BaerekraftsfredagFactory()
    registration = services.register_publicly(event=event, name="Kari", email="kari@example.no").registration

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        registration.refresh_from_db()
        if registration.confirmation_sent_at:
            break
        time.sleep(0.2)
    assert registration.confirmation_sent_at is not None
    sent_at = registration.confirmation_sent_at

    # Delivered again (a retry, a duplicate message): the service sees it was sent and does nothing.
    assert services.send_registration_confirmation(registration_id=registration.pk) is False
    assert Registration.objects.get(pk=registration.pk).confirmation_sent_at == sent_at
