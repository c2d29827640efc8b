"""The admin writes events through the services (history with the user), and issues no deletes."""

import pytest
from django.urls import reverse

from activities.models import Event
from tests.factories import EventFactory, UserFactory, first_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    user = UserFactory(email="admin@example.no", is_staff=True, is_superuser=True)
    return user


def test_admin_creates_an_event_through_the_service(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:activities_event_add"),
        {
            "network": str(first_network().pk),
            "kind": "member_meeting",
            "title": "Medlemsmøte i mars",
            "description": "",
            "starts_at_0": "2030-03-11",
            "starts_at_1": "13:00",
            "ends_at_0": "2030-03-11",
            "ends_at_1": "14:30",
            "place": "",
            "video_url": "https://video.example.no/m",
            "registration_deadline_0": "",
            "registration_deadline_1": "",
            "capacity": "",
            "audience": "members",
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Medlemsmøte i mars")
    assert event.history.first().history_user == superuser


def test_admin_cannot_delete_events(client, superuser):
    event = EventFactory()
    client.force_login(superuser)
    assert client.get(reverse("admin:activities_event_delete", args=[event.pk])).status_code == 403
