"""The coordinator marks who came from a phone-friendly check-in list (forms without JS, htmx enhances)."""

import pytest
from django.urls import reverse

from activities import services
from activities.models import Attendance
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_check_in_without_javascript_marks_present_and_back(client, coordinator):
    person = PersonFactory()
    event = EventFactory()
    registration = services.register_person(event=event, person=person, by=None).registration
    client.force_login(coordinator)
    url = reverse("activities:checkin_toggle", args=[event.pk, registration.pk])

    response = client.post(url, {"present": "1"})
    assert response.status_code == 302
    attendance = Attendance.objects.get(event=event)
    assert attendance.person == person and attendance.organisation == person.organisation
    assert attendance.recorded_by == coordinator

    client.post(url, {"present": "0"})
    assert not Attendance.objects.exists()


def test_htmx_check_in_returns_the_row(client, coordinator):
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="Kari Publikum")
    client.force_login(coordinator)
    response = client.post(
        reverse("activities:checkin_toggle", args=[event.pk, registration.pk]), {"present": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="checkin-{registration.pk}"' in html and 'aria-pressed="true"' in html


def test_checking_in_twice_records_one_attendance(coordinator):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    services.check_in(registration=registration, by=coordinator)
    services.check_in(registration=registration, by=coordinator)
    assert Attendance.objects.count() == 1


def test_a_public_registrant_whose_email_is_a_member_person_counts_for_the_organisation(coordinator):
    person = PersonFactory(email="kari@asker.kommune.no")
    event = EventFactory()
    registration = RegistrationFactory(event=event, email="kari@asker.kommune.no")
    attendance = services.check_in(registration=registration, by=coordinator)
    assert attendance.person == person and attendance.organisation == person.organisation


def test_check_in_page_lists_the_registered(client, coordinator, django_assert_max_num_queries):
    event = EventFactory()
    for n in range(5):
        RegistrationFactory(event=event, name=f"Deltaker {n}")
    client.force_login(coordinator)
    response = client.get(reverse("activities:checkin", args=[event.pk]))
    assert response.status_code == 200
    assert "Deltaker 4" in response.content.decode()


def test_coordinator_creates_an_event_from_the_form(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("activities:event_create")).status_code == 200
    response = client.post(
        reverse("activities:event_create"),
        {
            "kind": "gathering",
            "title": "Høstsamling i Bodø",
            "starts_at": "2030-10-14T10:00",
            "ends_at": "2030-10-15T15:00",
            "place": "Bodø rådhus",
            "audience": "members",
        },
    )
    assert response.status_code == 302
    from activities.models import Event

    event = Event.objects.get(title="Høstsamling i Bodø")
    assert event.history.first().history_user == coordinator


def test_an_event_that_ends_before_it_starts_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("activities:event_create"),
        {"kind": "gathering", "title": "Feil", "starts_at": "2030-10-14T10:00", "ends_at": "2030-10-13T10:00", "audience": "members"},
    )
    assert response.status_code == 200
    assert "Slutt må være etter start." in response.content.decode()
    from activities.models import Event

    assert not Event.objects.exists()


@pytest.mark.parametrize("year", ["0001", "9999", "1999"])
def test_an_event_in_a_year_far_from_now_is_refused_with_the_range(client, coordinator, year):
    client.force_login(coordinator)
    response = client.post(
        reverse("activities:event_create"),
        {"kind": "gathering", "title": "Slurv", "starts_at": f"{year}-10-14T10:00", "ends_at": "2030-10-15T10:00",
         "registration_deadline": f"{year}-10-01T10:00", "audience": "members"},
    )
    assert response.status_code == 200
    assert "Velg et tidspunkt mellom år 2000 og 2100." in response.content.decode()
    from activities.models import Event

    assert not Event.objects.exists()


def test_a_walk_in_found_by_email_counts_and_an_unknown_one_waits_for_matching(client, coordinator):
    from activities.models import ParticipantRow

    person = PersonFactory(email="kjent@kommune.no")
    event = EventFactory()
    client.force_login(coordinator)
    url = reverse("activities:checkin_walk_in", args=[event.pk])
    client.post(url, {"name": "Kjent Person", "email": "KJENT@kommune.no"})
    client.post(url, {"name": "Ukjent Gjest", "email": "gjest@firma.no", "organisation_name": "Firma"})

    assert Attendance.objects.get(event=event).person == person
    row = ParticipantRow.objects.get(event=event)
    assert (row.name, row.status) == ("Ukjent Gjest", "pending")
