"""Open events (Bærekraftsfredag) take registration without an account (R11)."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from activities import services
from activities.models import Registration
from tests.factories import BaerekraftsfredagFactory, EventFactory, PersonFactory, RegistrationFactory, oslo

pytestmark = pytest.mark.django_db


def _post(client, event, **data):
    payload = {"name": "Kari Nordmann", "email": "kari@example.no", "organisation_name": "Asker kommune", "website": ""}
    payload.update(data)
    return client.post(reverse("activities:event_register", args=[event.pk]), payload, follow=True)


def test_public_registration_confirms_by_email_with_cancel_link_and_ics(client, mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory(title="Bærekraftsfredag: sirkulære innkjøp")

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event)

    assert response.status_code == 200
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation_name == "Asker kommune"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kari@example.no"]
    assert "sirkulære innkjøp" in message.subject
    assert services.cancel_token(registration) in message.body
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "\r\n" in content
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_same_email_twice_is_refused_politely_and_nothing_is_sent_twice(client, mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event, email="kari@example.no")
        response = _post(client, event, email="KARI@Example.no ")

    assert Registration.objects.filter(event=event).count() == 1
    assert len(mailoutbox) == 1
    assert response.status_code == 200
    assert "allerede påmeldt" in response.content.decode()


def test_the_database_refuses_a_second_registration_with_the_same_email_in_other_case():
    event = BaerekraftsfredagFactory()
    RegistrationFactory(event=event, email="ola@example.no")
    with pytest.raises(IntegrityError):
        RegistrationFactory(event=event, email="OLA@example.no")


def test_the_same_email_may_register_for_another_event():
    first, second = BaerekraftsfredagFactory(), BaerekraftsfredagFactory()
    services.register_publicly(event=first, name="Ola", email="ola@example.no")
    services.register_publicly(event=second, name="Ola", email="ola@example.no")
    assert Registration.objects.filter(email="ola@example.no").count() == 2


def test_the_cancel_link_asks_first_and_cancels_on_post(client):
    event = BaerekraftsfredagFactory()
    registration = services.register_publicly(event=event, name="Kari", email="kari@example.no").registration
    url = reverse("activities:registration_cancel", args=[services.cancel_token(registration)])

    page = client.get(url)
    registration.refresh_from_db()
    assert page.status_code == 200 and registration.status == Registration.Status.CONFIRMED

    client.post(url)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.cancelled_at is not None


def test_a_forged_cancel_link_is_404(client):
    event = BaerekraftsfredagFactory()
    registration = services.register_publicly(event=event, name="Kari", email="kari@example.no").registration
    token = services.cancel_token(registration)
    assert client.get(reverse("activities:registration_cancel", args=[token[:-2] + "xx"])).status_code == 404


def test_after_cancelling_the_same_email_can_register_again():
    event = BaerekraftsfredagFactory()
    registration = services.register_publicly(event=event, name="Kari", email="kari@example.no").registration
    services.cancel_registration(registration=registration)
    again = services.register_publicly(event=event, name="Kari", email="kari@example.no").registration
    assert again.pk == registration.pk and again.status == Registration.Status.CONFIRMED


def test_honeypot_filled_stores_nothing_and_sends_nothing(client, mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event, website="http://spam.example")
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert mailoutbox == []


def test_rate_limit_refuses_many_registrations_from_one_address(client, settings):
    settings.ACTIVITIES_PUBLIC_REGISTRATION_RATE = (3, 600)
    event = BaerekraftsfredagFactory()
    codes = [_post(client, event, email=f"bot{i}@example.no").status_code for i in range(3)]
    refused = client.post(
        reverse("activities:event_register", args=[event.pk]), {"name": "Bot", "email": "bot9@example.no"}
    )
    assert codes == [200, 200, 200]
    assert refused.status_code == 429
    assert Registration.objects.filter(event=event).count() == 3


def test_members_only_event_takes_no_public_registration(client):
    event = EventFactory()  # a physical gathering for members
    response = _post(client, event)
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_is_refused_with_a_message(client):
    event = BaerekraftsfredagFactory(registration_deadline=oslo(2020, 1, 1))
    response = client.post(
        reverse("activities:event_register", args=[event.pk]), {"name": "Kari", "email": "kari@example.no"}
    )
    assert response.status_code == 400
    assert "stengt" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_public_registrant_known_as_a_member_person_is_tied_to_the_organisation():
    person = PersonFactory(email="Per.Hansen@Baerum.kommune.no")
    event = BaerekraftsfredagFactory()
    registration = services.register_publicly(event=event, name="Per", email="per.hansen@baerum.kommune.no").registration
    assert registration.person == person and registration.organisation == person.organisation


def test_public_page_lists_upcoming_open_events_only(client):
    open_event = BaerekraftsfredagFactory(title="Åpen fredag")
    EventFactory(title="Lukket samling")
    BaerekraftsfredagFactory(title="Gammel fredag", starts_at=oslo(2020, 3, 6))
    html = client.get(reverse("activities:public_events")).content.decode()
    assert open_event.title in html
    assert "Lukket samling" not in html and "Gammel fredag" not in html


def test_the_email_is_plain_text_without_html_escaping(mailoutbox, django_capture_on_commit_callbacks):
    event = BaerekraftsfredagFactory(title="Klima & natur – «hva nå?»")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_publicly(event=event, name="Åse O'Neill", email="ase@example.no")
    message = mailoutbox[0]
    assert "Klima & natur – «hva nå?»" in message.subject
    assert "Åse O'Neill" in message.body and "&amp;" not in message.body and "&#x27;" not in message.body


def test_behind_one_proxy_the_rate_limit_counts_per_client_not_per_proxy(client, settings):
    settings.ACTIVITIES_PUBLIC_REGISTRATION_RATE = (1, 600)
    settings.ACTIVITIES_TRUSTED_PROXIES = 1
    event = BaerekraftsfredagFactory()
    url = reverse("activities:event_register", args=[event.pk])
    first = client.post(url, {"name": "A", "email": "a@example.no"}, HTTP_X_FORWARDED_FOR="10.0.0.1")
    other = client.post(url, {"name": "B", "email": "b@example.no"}, HTTP_X_FORWARDED_FOR="10.0.0.2")
    again = client.post(url, {"name": "C", "email": "c@example.no"}, HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)
