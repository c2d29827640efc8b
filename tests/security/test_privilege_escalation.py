"""Nobody can give themselves more rights than they have (R12)."""

import pytest

pytestmark = pytest.mark.django_db


def test_coordinator_cannot_make_themselves_superuser_in_the_admin(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    client.post(
        f"/admin/members/user/{coordinator.pk}/change/",
        {
            "email": coordinator.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk for group in coordinator.groups.all()],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser
