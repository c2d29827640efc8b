"""The admin validates seats by R7 like the services, and lists governance without errors."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Term
from tests.factories import member_person

START = datetime.date(2025, 1, 1)


def test_admin_refuses_a_tenth_elected_seat_with_the_reason(client, coordinator, elect, steering):
    coordinator.is_staff = True
    coordinator.save()
    for _ in range(9):
        elect()
    person = member_person()
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:governance_term_add"),
        {
            "body": steering.pk,
            "person": person.pk,
            "organisation": person.organisation.pk,
            "role": "member",
            "obtained": "elected",
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
        },
    )
    assert response.status_code == 200
    assert "allerede 9 valgte medlemmer" in response.content.decode()
    assert Term.objects.count() == 9


def test_admin_adds_a_valid_seat_through_the_service(client, coordinator, steering):
    coordinator.is_staff = True
    coordinator.save()
    person = member_person()
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:governance_term_add"),
        {
            "body": steering.pk,
            "person": person.pk,
            "organisation": person.organisation.pk,
            "role": "leader",
            "obtained": "elected",
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get()
    assert term.history.first().history_user == coordinator


@pytest.mark.parametrize(
    "model",
    [
        "body",
        "term",
        "election",
        "nomination",
        "joinrequest",
        "genderbalancecheck",
        "bodykindsettings",
        "collaborationarea",
    ],
)
def test_admin_changelists_open(admin_client, model, elect):
    elect()
    assert admin_client.get(reverse(f"admin:governance_{model}_changelist")).status_code == 200
