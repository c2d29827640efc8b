"""Pages whose key is a private token in the URL (TOKEN in the access matrix): a wrong or forged
token is 404 for everyone, so the matrix's "whoever holds the token may" is the whole rule."""

import pytest
from django.urls import reverse

from .access import build_objects

pytestmark = pytest.mark.django_db

FORGED = "eyJyIjoxfQ:1tX9aB:forged-signature"


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("meetings:calendar_feed", {"token": "ukjent-kalendernokkel"}),
        ("members:accept_invitation", {"token": FORGED}),
        ("activities:registration_cancel", {"token": FORGED}),
    ],
)
def test_a_wrong_token_is_not_found(client, name, kwargs):
    build_objects()

    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert client.post(reverse(name, kwargs=kwargs)).status_code in (404, 405)


def test_a_calendar_token_stops_working_when_its_owner_may_no_longer_read_meetings(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    objects = build_objects()
    token = objects.calendar_token
    objects.steering_term.delete()  # left the steering group, and is no member contact

    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": token})).status_code == 404
