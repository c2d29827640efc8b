"""Bad input (hypothesis): login, language switch, front page and admin filters never answer 500,
never store a rejected submission, never echo markup, never redirect off-site."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Organisation, User

from .hostile import KNOWN_BAD, assert_form_rejects_cleanly, hostile_text

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@HYPOTHESIS
@given(login=hostile_text(), password=hostile_text())
def test_login_form_rejects_hostile_input_with_a_field_error(client, login, password):
    cache.clear()  # each example starts below allauth's rate limits
    response = assert_form_rejects_cleanly(
        client,
        reverse("account_login"),
        {"login": login, "password": password},
        [User, EmailAddress, Session],
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("value", ["ab\x00cd", "koordinator@example.no\x00"])
def test_nul_byte_in_login_is_a_field_error_not_a_500(client, coordinator, value):
    response = assert_form_rejects_cleanly(
        client, reverse("account_login"), {"login": value, "password": "x\x00y"}, [User, Session]
    )
    assert response.status_code == 200
    assert response.context["form"].errors


@HYPOTHESIS
@given(language=hostile_text(), next_url=hostile_text())
def test_language_switch_never_fails_and_never_leaves_the_site(client, language, next_url):
    response = assert_form_rejects_cleanly(
        client, reverse("set_language"), {"language": language, "next": next_url}, [User, Session]
    )
    assert response.status_code in (200, 204, 302)


@HYPOTHESIS
@given(params=st.dictionaries(hostile_text(), hostile_text(), max_size=4))
def test_front_page_ignores_hostile_query_parameters(client, params):
    response = assert_form_rejects_cleanly(client, reverse("home"), params, [Organisation], method="get")
    nul = any("\x00" in key or "\x00" in value for key, value in params.items())
    assert response.status_code == (400 if nul else 200)


def test_front_page_survives_a_query_string_that_is_not_utf8(client):
    response = client.generic("GET", reverse("home"), QUERY_STRING="q=%FF%FE%00&%C3%28=%E2%82")
    assert response.status_code in (200, 400)


@pytest.fixture
def staff_client(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("value", KNOWN_BAD)
@pytest.mark.parametrize("param", ["q", "name", "kind__exact", "o", "p"])
def test_admin_list_filters_never_answer_500(staff_client, param, value):
    """A NUL byte in a filter used to reach PostgreSQL and give a 500; now the middleware says 400."""
    response = staff_client.get("/admin/members/organisation/", {param: value})
    assert response.status_code in (200, 302, 400)
    if "\x00" in value:
        assert response.status_code == 400


@pytest.mark.parametrize("value", KNOWN_BAD[:12])
def test_admin_action_with_hostile_selection_deletes_nothing(staff_client, value):
    from tests.factories import OrganisationFactory

    OrganisationFactory()
    assert_form_rejects_cleanly(
        staff_client,
        "/admin/members/organisation/",
        {"action": "delete_selected", "_selected_action": value, "post": "yes"},
        [Organisation],
    )


@HYPOTHESIS
@given(email=hostile_text())
@pytest.mark.parametrize("name", ["account_reset_password", "account_request_login_code"])
def test_email_forms_reject_hostile_input_cleanly(client, name, email):
    cache.clear()
    response = assert_form_rejects_cleanly(client, reverse(name), {"email": email}, [User, EmailAddress, Session])
    assert response.status_code in (200, 302, 429)
