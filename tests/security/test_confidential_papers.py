"""R12: papers marked for the steering group are readable only by it and the coordinator.

The access matrix proves who may open each meetings page; this proves what the pages that member
contacts may open leave out: the confidential case's title is on none of them for a contact.
"""

import pytest
from django.test import Client
from django.urls import reverse

from governance.services.meetings import calendar_token_for

from .access import OPEN_CASE_TITLE, SECRET_CASE_TITLE, build_objects

pytestmark = pytest.mark.django_db

READERS_OF_CONFIDENTIAL = ("steering", "coordinator")
MEMBER_CONTACTS = ("contact_a", "contact_b")


@pytest.fixture
def objects(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return build_objects()


def pages(o) -> dict[str, str]:
    return {
        "meeting": reverse("meetings:meeting_detail", kwargs={"pk": o.meeting.pk}),
        "minutes": reverse("meetings:minutes_detail", kwargs={"pk": o.meeting.pk}),
        "ics": reverse("meetings:meeting_ics", kwargs={"pk": o.meeting.pk}),
        "decisions": reverse("meetings:decision_register_year", kwargs={"year": o.secret_decision.year}),
    }


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("\r\n ", "")  # unfold iCalendar lines


@pytest.mark.parametrize("role", MEMBER_CONTACTS)
def test_member_contacts_read_the_open_case_but_not_the_confidential_one(objects, role):
    client = Client()
    client.force_login(objects.users[role])
    for page, path in pages(objects).items():
        text = text_of(client.get(path))
        assert OPEN_CASE_TITLE in text, page
        assert SECRET_CASE_TITLE not in text, page
    own_feed = calendar_token_for(user=objects.users[role]).token
    feed = text_of(Client().get(reverse("meetings:calendar_feed", kwargs={"token": own_feed})))
    assert SECRET_CASE_TITLE not in feed


@pytest.mark.parametrize("role", READERS_OF_CONFIDENTIAL)
def test_the_steering_group_and_the_coordinator_read_the_confidential_case(objects, role):
    client = Client()
    client.force_login(objects.users[role])
    for page, path in pages(objects).items():
        assert SECRET_CASE_TITLE in text_of(client.get(path)), page


@pytest.mark.parametrize("role", MEMBER_CONTACTS)
def test_member_contacts_read_the_open_decision_but_not_the_confidential_one(objects, role):
    client = Client()
    client.force_login(objects.users[role])
    open_path = reverse(
        "meetings:decision_detail", kwargs={"year": objects.open_decision.year, "number": objects.open_decision.number}
    )
    secret_path = reverse(
        "meetings:decision_detail",
        kwargs={"year": objects.secret_decision.year, "number": objects.secret_decision.number},
    )

    assert OPEN_CASE_TITLE in text_of(client.get(open_path))
    assert client.get(secret_path).status_code == 404
