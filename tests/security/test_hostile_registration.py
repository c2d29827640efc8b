"""Hostile input in the public event registration (Bærekraftsfredag, no account, R11).

The rate limit is cleared before each example (it would otherwise answer 429 after a few); the
honeypot is filled in some examples: then the answer looks like success and nothing is stored.
"""

import itertools

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Registration
from tests.factories import BaerekraftsfredagFactory, EventFactory

from .hostile import (
    KNOWN_BAD,
    assert_form_rejects_cleanly,
    assert_shown_escaped,
    hostile_text,
    rolled_back,
    submit_hostile,
)

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
_unique = itertools.count()


@pytest.fixture
def fredag():
    return BaerekraftsfredagFactory(title="Bærekraftsfredag: sirkulære innkjøp")


@HYPOTHESIS
@given(name=hostile_text(), email=hostile_text(), organisation=hostile_text(), website=st.sampled_from(["", "x"]))
def test_public_registration_with_hostile_values_stores_nothing_and_never_fails(
    client, fredag, name, email, organisation, website
):
    cache.clear()
    with rolled_back():
        response = assert_form_rejects_cleanly(
            client,
            reverse("activities:event_register", args=[fredag.pk]),
            {"name": name, "email": email, "organisation_name": organisation, "website": website},
            [Registration],
        )
        # 400 with field errors for bad input; a filled honeypot looks like success (302) to the bot.
        assert response.status_code in (302, 400) if website else response.status_code == 400
        if response.status_code == 400:
            assert response.context["form"].errors
        assert not mail.outbox


@HYPOTHESIS
@given(field=st.sampled_from(["name", "organisation_name"]), value=hostile_text())
def test_an_odd_name_is_stored_exactly_and_shown_escaped_or_refused_with_a_field_error(client, fredag, field, value):
    cache.clear()
    data = {"name": "Kari Nordmann", "email": f"kari{next(_unique)}@example.no", "organisation_name": "", "website": ""}
    data[field] = value
    with rolled_back():
        response, accepted = submit_hostile(
            client, reverse("activities:event_register", args=[fredag.pk]), data, [Registration]
        )
        if accepted:
            assert response.status_code == 302
            assert getattr(Registration.objects.get(), field) == value.strip()
            assert "\x00" not in value
        else:
            assert response.status_code == 400
            assert response.context["form"].errors[field]


def test_the_names_of_registered_people_are_escaped_for_the_coordinator(client, coordinator, fredag):
    cache.clear()
    for value in KNOWN_BAD:
        if "<" in value:
            client.post(
                reverse("activities:event_register", args=[fredag.pk]),
                {"name": value, "email": f"x{next(_unique)}@example.no", "organisation_name": value, "website": ""},
            )
    assert Registration.objects.filter(name__contains="<").exists()
    client.force_login(coordinator)
    assert_shown_escaped(client.get(reverse("activities:event_detail", args=[fredag.pk])), KNOWN_BAD)
    assert_shown_escaped(client.get(reverse("activities:checkin", args=[fredag.pk])), KNOWN_BAD)


@pytest.mark.parametrize("value", [v for v in KNOWN_BAD if v.strip()])  # blank after stripping = not filled
def test_a_filled_honeypot_stores_nothing_whatever_it_holds(client, fredag, value):
    cache.clear()
    response = assert_form_rejects_cleanly(
        client,
        reverse("activities:event_register", args=[fredag.pk]),
        {"name": "Bot", "email": f"bot{next(_unique)}@example.no", "organisation_name": "", "website": value},
        [Registration],
    )
    assert response.status_code in (302, 400)


def test_the_rate_limit_answers_429_not_500_and_stores_nothing(client, fredag):
    cache.clear()
    statuses = []
    for n in range(40):
        response = client.post(
            reverse("activities:event_register", args=[fredag.pk]),
            {"name": f"Person {n}", "email": f"p{n}-{next(_unique)}@example.no", "website": ""},
        )
        statuses.append(response.status_code)
    assert 429 in statuses and 500 not in statuses
    stored = Registration.objects.count()
    assert stored == statuses.count(302)


def test_registering_for_an_event_that_is_not_open_to_the_public_is_a_404(client):
    members_only = EventFactory()
    response = client.post(
        reverse("activities:event_register", args=[members_only.pk]), {"name": "Kari", "email": "kari@example.no"}
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize("token", [v for v in KNOWN_BAD if v.strip() and "/" not in v][:16])
def test_a_hostile_cancel_token_is_refused_cleanly(client, token):
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("activities:registration_cancel", args=[token]))
        assert response.status_code in (200, 400, 404)
