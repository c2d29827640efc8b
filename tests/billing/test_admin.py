"""Admin: billing models are listed and searchable; issued documents cannot be changed or deleted there (R4)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "invoice",
    "payment",
    "ocrimport",
    "deliverylog",
    "reminder",
    "duesrun",
    "duesschedule",
    "issuer",
    "networkbilling",
]


@pytest.fixture
def superuser_client(client):
    user = UserFactory(email="root@example.no", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_billing_admin_changelists_load(superuser_client, invoice, model):
    response = superuser_client.get(reverse(f"admin:billing_{model}_changelist"), {"q": "1"})
    assert response.status_code == 200


def test_issued_invoice_is_view_only_in_admin(superuser_client, invoice):
    url = reverse("admin:billing_invoice_change", args=[invoice.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert superuser_client.post(url, {"buyer_name": "Endret"}).status_code == 403
    assert superuser_client.post(reverse("admin:billing_invoice_delete", args=[invoice.pk])).status_code == 403
    invoice.refresh_from_db()
    assert invoice.buyer_name != "Endret"
