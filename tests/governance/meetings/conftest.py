import datetime

import pytest

from governance.services.meetings import create_case, schedule_meeting
from tests.factories import UserFactory

from .factories import SteeringGroupFactory, TermFactory


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def steering_group(db):
    return SteeringGroupFactory()


@pytest.fixture
def plan(steering_group, coordinator):
    """plan(date) -> a steering-group meeting scheduled through the service, by the coordinator."""

    def _plan(date: datetime.date, **kwargs):
        return schedule_meeting(
            body=kwargs.pop("body", steering_group),
            date=date,
            starts_at=kwargs.pop("starts_at", datetime.time(10, 0)),
            ends_at=kwargs.pop("ends_at", datetime.time(12, 0)),
            place=kwargs.pop("place", "KS-huset, Oslo"),
            video_link=kwargs.pop("video_link", ""),
            by=coordinator,
        )

    return _plan


@pytest.fixture
def add_case(coordinator):
    """add_case(meeting, title, confidential=False) -> a numbered case on the meeting's agenda."""

    def _add(meeting, title="Sak", **kwargs):
        return create_case(
            body=meeting.body,
            meeting=meeting,
            title=title,
            background=kwargs.pop("background", "Bakgrunn for saken."),
            proposed_decision=kwargs.pop("proposed_decision", "Styringsgruppen slutter seg til forslaget."),
            presenter=kwargs.pop("presenter", "Nettverkskoordinator"),
            confidential=kwargs.pop("confidential", False),
            by=coordinator,
        )

    return _add


@pytest.fixture
def steering_member(steering_group):
    """A user holding a steering-group seat today."""
    term = TermFactory(body=steering_group)
    user = UserFactory(email=term.person.email)
    term.person.user = user
    term.person.save()
    return user


@pytest.fixture
def admin_client(client):
    """A logged-in superuser: the admin pages of meetings and cases."""
    user = UserFactory(email="admin@example.no")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client
