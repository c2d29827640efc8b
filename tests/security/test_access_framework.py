"""The access matrix's judge catches what it exists to catch (tests of the test machinery)."""

import pytest

from .access import OWN_ORG, all_routes, build_objects, judge

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.framework_urls")]


@pytest.fixture
def objects(settings):
    settings.NETWORK_URLPATTERNS = None  # this URLconf has no network addresses
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_objects()


def _route(key):
    return next(route for route in all_routes() if route.key == key)


def test_a_correct_own_org_page_passes(objects):
    route = _route("org_safe")
    assert route.parameters == ["pk"]
    assert list(judge(route.key, route.path({"pk": objects.org_a.pk}), OWN_ORG, objects)) == []


def test_a_page_without_the_ownership_check_is_caught_reading_and_writing(objects):
    route = _route("org_leaky")
    problems = list(judge(route.key, route.path({"pk": objects.org_a.pk}), OWN_ORG, objects))
    text = "\n".join(problems)
    assert "as contact_b (own_org): GET gave 200, expected 403, 404 or 405" in text
    assert "as contact_b (own_org): POST gave 200" in text
    assert "refused POST changed rows" in text and "members_historicalorganisation" in text


def test_a_page_open_to_anonymous_visitors_is_caught(objects):
    route = _route("org_open")
    problems = list(judge(route.key, route.path({"pk": objects.org_a.pk}), OWN_ORG, objects))
    assert any("anonymous GET gave 200, expected a redirect to login" in p for p in problems)


def test_a_page_that_forgets_the_network_is_caught_for_another_networks_coordinator(objects):
    route = _route("org_any_coordinator")
    problems = list(judge(route.key, route.path({"pk": objects.org_a.pk}), OWN_ORG, objects))
    assert any("as other_coordinator (own_org): GET gave 200, expected 403, 404 or 405" in p for p in problems)
    assert not any("as contact_b" in p for p in problems)
