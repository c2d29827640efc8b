"""Capacity and waiting list: when someone cancels, the first on the waiting list gets the place."""

import pytest

from activities import services
from activities.models import Registration
from tests.factories import BaerekraftsfredagFactory

pytestmark = pytest.mark.django_db


def _register(event, n):
    return services.register_publicly(event=event, name=f"Person {n}", email=f"p{n}@example.no")


def test_registrations_beyond_capacity_go_to_the_waiting_list():
    event = BaerekraftsfredagFactory(capacity=2)
    outcomes = [_register(event, n) for n in range(4)]
    assert [o.waiting for o in outcomes] == [False, False, True, True]


def test_cancelling_a_place_promotes_the_first_waiting_and_tells_them(mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory(capacity=1)
    first = _register(event, 1).registration
    second = _register(event, 2).registration
    third = _register(event, 3).registration

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=first)

    assert promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITING
    assert [m.to for m in mailoutbox] == [["p2@example.no"]]
    assert "fått plass" in mailoutbox[0].subject


def test_cancelling_from_the_waiting_list_promotes_no_one():
    event = BaerekraftsfredagFactory(capacity=1)
    _register(event, 1)
    waiting = _register(event, 2).registration
    assert services.cancel_registration(registration=waiting) is None
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_cancelling_twice_changes_nothing_the_second_time():
    event = BaerekraftsfredagFactory(capacity=1)
    first = _register(event, 1).registration
    _register(event, 2)
    _register(event, 3)
    services.cancel_registration(registration=first)
    assert services.cancel_registration(registration=first) is None
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_more_capacity_moves_the_waiting_list_up():
    event = BaerekraftsfredagFactory(capacity=1)
    for n in range(3):
        _register(event, n)
    services.update_event(event=event, by=None, capacity=3)
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 3


def test_the_waiting_list_notice_says_waiting(mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory(capacity=1)
    _register(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, 2)
    assert "Venteliste" in mailoutbox[-1].subject


def test_coordinator_sees_the_waiting_list_in_order_on_the_event_page(client, coordinator):
    from django.urls import reverse

    event = BaerekraftsfredagFactory(capacity=1)
    for n in range(3):
        _register(event, n)
    client.force_login(coordinator)
    html = client.get(reverse("activities:event_detail", args=[event.pk])).content.decode()
    assert html.index("p1@example.no") < html.index("p2@example.no")
    assert "Venteliste" in html


def test_cancelling_an_event_tells_the_registered_and_waiting_once(mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory(capacity=1)
    _register(event, 1)
    _register(event, 2)
    gone = _register(event, 3).registration
    services.cancel_registration(registration=gone)  # p3 left the waiting list: not told
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event, by=None)
        services.cancel_event(event=event, by=None)
    cancelled = [m for m in mailoutbox if m.subject.startswith("Avlyst")]
    assert sorted(m.to[0] for m in cancelled) == ["p1@example.no", "p2@example.no"]
    (_name, content, _mime), = cancelled[0].attachments
    assert "STATUS:CANCELLED" in content and "SEQUENCE:1" in content
