"""R12: the coordinator manages users in the admin but cannot lift anyone, themselves included,
above the network's roles: superuser status and single permissions are for a superuser to give,
and a superuser's account is for a superuser to change."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def change_form(user, **extra):
    return {
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk for group in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        **extra,
    }


def test_the_coordinator_cannot_give_superuser_status_or_single_permissions(coordinator_client, coordinator):
    other = UserFactory(email="kollega@example.no")
    permission = Permission.objects.get(codename="change_group")

    for user in (coordinator, other):
        response = coordinator_client.post(
            f"/admin/members/user/{user.pk}/change/",
            change_form(user, is_superuser="on", user_permissions=[permission.pk]),
        )
        assert response.status_code == 302  # saved: the two fields are read-only, the rest is kept
        user.refresh_from_db()
        assert not user.is_superuser
        assert not user.user_permissions.exists()


def test_the_coordinator_cannot_change_or_delete_a_superuser(coordinator_client):
    root = UserFactory(email="drift@example.no", is_superuser=True, is_staff=True)

    assert coordinator_client.post(
        f"/admin/members/user/{root.pk}/change/", change_form(root, email="overtatt@example.no")
    ).status_code in (403, 302)
    assert coordinator_client.post(f"/admin/members/user/{root.pk}/delete/", {"post": "yes"}).status_code == 403
    root.refresh_from_db()
    assert root.email == "drift@example.no"


def test_a_superuser_still_gives_superuser_status(client):
    root = UserFactory(email="drift@example.no", is_superuser=True, is_staff=True)
    other = UserFactory(email="kollega@example.no")
    client.force_login(root)

    client.post(f"/admin/members/user/{other.pk}/change/", change_form(other, is_superuser="on"))

    other.refresh_from_db()
    assert other.is_superuser
