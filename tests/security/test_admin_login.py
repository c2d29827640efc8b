"""The admin login goes through allauth's login and its rate limits; nobody but staff reaches the admin."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff_coordinator(coordinator):
    coordinator.is_staff = True
    coordinator.save()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    return coordinator


def test_admin_login_sends_anonymous_visitors_to_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/members/organisation/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2Fmembers%2Forganisation%2F"


def test_admin_login_ignores_a_next_to_another_site(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_admin_page_sends_anonymous_visitors_to_allauth_login_and_back(client):
    response = client.get("/admin/members/organisation/?q=x")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2Fmembers%2Forganisation%2F%3Fq%3Dx"


def test_admin_login_form_cannot_be_posted_to(client, staff_coordinator):
    response = client.post("/admin/login/", {"username": staff_coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_logs_in_through_allauth_and_reaches_the_admin(client, staff_coordinator):
    response = client.post(
        f"{reverse('account_login')}?next=/admin/", {"login": staff_coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_logged_in_non_staff_gets_403_not_a_login_loop(client, member_contact):
    client.force_login(member_contact)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/login/").status_code == 403


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(client, staff_coordinator):
    """ACCOUNT_RATE_LIMITS login_failed: 5 failures per 5 minutes per account."""
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": staff_coordinator.email, "password": "wrong password"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(url, {"login": staff_coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_login_attempts_from_one_address_are_limited(client):
    """ACCOUNT_RATE_LIMITS login: 30 per minute per IP, then 429."""
    url = reverse("account_login")
    statuses = [client.post(url, {"login": f"person{i}@example.no", "password": "x"}).status_code for i in range(32)]
    assert 429 in statuses
    assert statuses.index(429) <= 30
