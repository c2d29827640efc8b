"""Links in emails point where the site is reached: from the request when there is one (also when a
worker sends the email later), else from SITE_URL; never a fixed port 8000."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.links import absolute_url, site_url
from members.services import invite_person
from tests.factories import ContactRoleFactory, scoped

pytestmark = pytest.mark.django_db


def invitation_link(message) -> str:
    return re.search(r"\S+/portal/invitasjon/\S+/", message.body).group(0)


def test_outside_a_request_links_use_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8123"
    role = ContactRoleFactory(person__email="ny.kontakt@kommune.no")

    with django_capture_on_commit_callbacks(execute=True):
        invite_person(person=role.person, organisation=role.organisation)

    (message,) = mail.outbox
    assert invitation_link(message).startswith("http://127.0.0.1:8123" + scoped("/portal/invitasjon/"))
    assert absolute_url("/moter/") == "http://127.0.0.1:8123/moter/"


def test_an_invitation_sent_within_a_request_links_to_the_requests_host(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "medlem.example.no"]
    role = ContactRoleFactory(person__email="ny.kontakt@kommune.no")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:contact_invite", args=[role.organisation_id, role.pk]), HTTP_HOST="medlem.example.no:8443"
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert invitation_link(message).startswith("http://medlem.example.no:8443" + scoped("/portal/invitasjon/"))


def test_a_worker_sending_after_the_request_uses_the_requests_host(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    """The task carries the request's base along: run after the request has ended, it still links there."""
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "medlem.example.no"]
    role = ContactRoleFactory(person__email="ny.kontakt@kommune.no")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(
            reverse("members:contact_invite", args=[role.organisation_id, role.pk]), HTTP_HOST="medlem.example.no"
        )
    assert not mail.outbox and site_url() == "http://127.0.0.1:8123"  # the request is over
    for callback in queued:
        callback()

    (message,) = mail.outbox
    assert invitation_link(message).startswith("http://medlem.example.no" + scoped("/portal/invitasjon/"))


def test_an_event_confirmation_links_back_to_the_requests_host(client, settings, django_capture_on_commit_callbacks):
    from activities.models import Event
    from tests.factories import EventFactory

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "medlem.example.no"]
    event = EventFactory(audience=Event.Audience.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("activities:event_register", args=[event.pk]),
            {"name": "Kari Nordmann", "email": "kari@example.no", "organisation_name": ""},
            HTTP_HOST="medlem.example.no",
        )
    (message,) = mail.outbox
    assert "http://medlem.example.no/" in message.body
    assert "127.0.0.1" not in message.body
