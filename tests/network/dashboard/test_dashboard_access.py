import pytest
from django.urls import reverse

PAGES = [
    ("dashboard:home", {}),
    ("dashboard:member_list", {}),
    ("dashboard:member_export", {"fmt": "csv"}),
    ("dashboard:member_export", {"fmt": "xlsx"}),
    ("dashboard:bulk_email", {}),
    ("dashboard:job_list", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_is_sent_to_login(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_member_contact_is_refused(client, member_contact, name, kwargs):
    client.force_login(member_contact)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_coordinator_opens_every_page(client, coordinator, name, kwargs):
    client.force_login(coordinator)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.django_db
def test_billing_admin_sees_the_dashboard_without_member_data(client, billing_admin):
    client.force_login(billing_admin)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "Siste endringer" not in response.content.decode()
    assert client.get(reverse("dashboard:member_list")).status_code == 403
    assert client.get(reverse("dashboard:member_export", kwargs={"fmt": "xlsx"})).status_code == 403
