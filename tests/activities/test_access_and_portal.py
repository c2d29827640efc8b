"""A member contact registers people of their own organisation only (R12); the portal shows their activity."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from activities import services
from activities.models import Event, Registration
from activities.views import portal_events_context
from members.portal import sections
from tests.factories import (
    AttendanceFactory,
    ContactRoleFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    RegistrationFactory,
    oslo,
)

pytestmark = pytest.mark.django_db


def _own_organisation(user):
    return user.person.organisation


def test_contact_registers_self_and_a_colleague_from_the_list(client, member_contact):
    organisation = _own_organisation(member_contact)
    colleague = PersonFactory(organisation=organisation)
    event = EventFactory()
    client.force_login(member_contact)

    client.post(
        reverse("activities:portal_register", args=[event.pk, organisation.pk]),
        {"people": [member_contact.person.pk, colleague.pk]},
    )

    registrations = Registration.objects.filter(event=event, organisation=organisation)
    assert {r.person for r in registrations} == {member_contact.person, colleague}
    assert all(r.registered_by == member_contact for r in registrations)


def test_contact_registers_a_colleague_not_yet_in_the_register(client, member_contact):
    organisation = _own_organisation(member_contact)
    event = EventFactory()
    client.force_login(member_contact)
    client.post(
        reverse("activities:portal_register", args=[event.pk, organisation.pk]),
        {"add_colleague": "1", "name": "Ny Kollega", "email": "ny@kommune.no"},
    )
    registration = Registration.objects.get(event=event)
    assert registration.organisation == organisation and registration.person is None


def test_contact_of_another_organisation_gets_404(client, member_contact):
    other = MembershipFactory().organisation
    other_person = PersonFactory(organisation=other)
    event = EventFactory()
    client.force_login(member_contact)

    url = reverse("activities:portal_register", args=[event.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"people": [other_person.pk]}).status_code == 404
    assert not Registration.objects.exists()


def test_contact_cannot_register_a_person_of_another_organisation_through_their_own_form(client, member_contact):
    organisation = _own_organisation(member_contact)
    stranger = PersonFactory()
    event = EventFactory()
    client.force_login(member_contact)
    client.post(reverse("activities:portal_register", args=[event.pk, organisation.pk]), {"people": [stranger.pk]})
    assert not Registration.objects.exists()


def test_contact_cannot_cancel_another_organisations_registration(client, member_contact):
    other = MembershipFactory().organisation
    registration = RegistrationFactory(organisation=other)
    client.force_login(member_contact)
    response = client.post(reverse("activities:portal_cancel", args=[registration.pk]))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_public_cannot_see_a_members_only_event(client):
    event = EventFactory(audience=Event.Audience.MEMBERS)
    assert client.get(reverse("activities:event_detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("activities:event_ics", args=[event.pk])).status_code == 404


def test_member_contact_sees_members_only_events(client, member_contact):
    event = EventFactory(audience=Event.Audience.MEMBERS)
    client.force_login(member_contact)
    assert client.get(reverse("activities:event_detail", args=[event.pk])).status_code == 200


@pytest.mark.parametrize("name", ["checkin", "attendance_import", "event_edit", "event_cancel"])
def test_coordinator_pages_are_404_for_a_member_contact(client, member_contact, name):
    event = EventFactory()
    client.force_login(member_contact)
    assert client.get(reverse(f"activities:{name}", args=[event.pk])).status_code == 404


def test_coordinator_pages_send_the_public_to_login(client):
    event = EventFactory()
    response = client.get(reverse("activities:checkin", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_portal_section_is_registered_and_shows_this_years_activity(member_contact):
    assert any(s.key == "events" and s.order == 50 for s in sections())
    organisation = _own_organisation(member_contact)
    from django.utils import timezone

    year = timezone.localdate().year
    gathering = EventFactory(starts_at=oslo(year, 1, 2, 10), ends_at=oslo(year, 1, 2, 16))
    AttendanceFactory(event=gathering, organisation=organisation, person=member_contact.person)
    upcoming = EventFactory(title="Høstsamling")
    services.register_person(event=upcoming, person=member_contact.person, by=member_contact)

    request = RequestFactory().get("/")
    request.user = member_contact
    context = portal_events_context(request, organisation)

    activity = context["activity"]
    assert activity.attended_gathering is True
    assert [a.event for a in activity.attendances] == [gathering]
    assert [e.own_registrations for e in activity.upcoming if e.pk == upcoming.pk][0]


def test_portal_section_template_renders(member_contact):
    from django.template.loader import render_to_string

    organisation = _own_organisation(member_contact)
    EventFactory(title="Vårsamling")
    request = RequestFactory().get("/")
    request.user = member_contact
    html = render_to_string("activities/_portal_events.html", portal_events_context(request, organisation))
    assert "Vårsamling" in html and "fysisk nettverkssamling" in html


def test_coordinator_may_register_for_any_organisation(client, coordinator):
    organisation = MembershipFactory().organisation
    role = ContactRoleFactory(organisation=organisation)
    event = EventFactory()
    client.force_login(coordinator)
    client.post(reverse("activities:portal_register", args=[event.pk, organisation.pk]), {"people": [role.person.pk]})
    assert Registration.objects.filter(event=event, person=role.person).exists()


def test_a_past_event_says_whether_the_registered_person_came(member_contact):
    """Before the event: "Påmeldt"; after it: "Deltok", or "Påmeldt, ikke registrert oppmøte"."""
    from django.template.loader import render_to_string

    from activities.queries import organisation_activity

    organisation = _own_organisation(member_contact)
    came, stayed_away = member_contact.person, PersonFactory(organisation=organisation)
    past = EventFactory(title="Vårsamling", starts_at=oslo(2026, 4, 20, 10))
    future = EventFactory(title="Julemøte", starts_at=oslo(2026, 12, 15, 10))
    for event in (past, future):
        for person in (came, stayed_away):
            RegistrationFactory(event=event, person=person, organisation=organisation, name=person.full_name)
    AttendanceFactory(event=past, organisation=organisation, person=came)

    activity = organisation_activity(organisation, 2026, now=oslo(2026, 12, 7, 12))

    states = {(r.event.title, r.person): r.state_label for r in activity.registrations}
    assert states == {
        ("Vårsamling", came): "Deltok",
        ("Vårsamling", stayed_away): "Påmeldt, ikke registrert oppmøte",
        ("Julemøte", came): "Påmeldt",
        ("Julemøte", stayed_away): "Påmeldt",
    }
    html = render_to_string(
        "activities/_portal_events.html", {"activity": activity, "organisation": organisation, "year": 2026}
    )
    assert f"Vårsamling: {came.full_name} (Deltok)" in html
