"""Every activities page shows and changes only its own network's data (R12, R13).

Two networks, A (the first) and B, each with a coordinator, a member with a contact, events (one for
members, one open), a registration, an attendance and a pending participant row. Under /A/… nothing of
B's is listed, and every page with an id answers B's id with 404 — GET and POST, nothing changed —
exactly like a missing id. The admin shows each coordinator their own network's rows only; e-mails
and calendar files about B's events link into B.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import ical, queries, services
from activities.models import ActivityTargets, Attendance, Event, ParticipantImport, ParticipantRow, Registration
from activities.services.attendance_reminders import send_attendance_reminders
from members.networks import using_network
from tests.factories import (
    AttendanceFactory,
    BaerekraftsfredagFactory,
    ContactRoleFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    first_network,
    make_coordinator,
)

pytestmark = pytest.mark.django_db


def _side(network, tag: str) -> SimpleNamespace:
    """One network's activities, every name carrying `tag` so a page can be searched for it."""
    side = SimpleNamespace(network=network)
    side.coordinator = make_coordinator(UserFactory(email=f"koord-{tag}@example.no", is_staff=True), network)
    side.organisation = MembershipFactory(network=network, organisation__name=f"Kommune{tag}").organisation
    role = ContactRoleFactory(organisation=side.organisation)
    side.contact = UserFactory(email=role.person.email)
    role.person.user = side.contact
    role.person.save()
    side.person = PersonFactory(organisation=side.organisation, first_name=f"Person{tag}", last_name="Felles")
    side.event = EventFactory(network=network, title=f"Samling{tag}", capacity=50)
    side.open_event = BaerekraftsfredagFactory(network=network, title=f"Fredag{tag}")
    side.registration = RegistrationFactory(
        event=side.event, organisation=side.organisation, person=side.person, name=f"Deltaker{tag}"
    )
    side.attendance = AttendanceFactory(event=side.event, organisation=side.organisation, name=f"Oppmøtt{tag}")
    side.participant_import = ParticipantImport.objects.create(
        event=side.event, file_name=f"liste{tag}.csv", row_count=1
    )
    side.row = ParticipantRow.objects.create(
        participant_import=side.participant_import, event=side.event, line_number=2, name=f"Rad{tag} Felles",
        email=f"rad{tag}@example.no", reason="Ingen treff",
    )
    side.token = services.cancel_token(side.registration)
    targets = ActivityTargets.for_network(network)
    targets.member_meetings_per_year = 7
    targets.save()
    return side


@pytest.fixture
def world():
    a = _side(first_network(), "Alfa")
    b = _side(NetworkFactory(name="Isolasjonsklyngen", slug="isolasjonsklyngen"), "Beta")
    return a, b


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _state() -> tuple:
    """Everything a refused request must leave as it was."""
    return (
        list(Event.objects.order_by("pk").values_list("pk", "title", "cancelled_at", "capacity")),
        list(Registration.objects.order_by("pk").values_list("pk", "status", "name")),
        list(Attendance.objects.order_by("pk").values_list("pk", "event_id", "person_id")),
        list(ParticipantRow.objects.order_by("pk").values_list("pk", "status")),
        list(ParticipantImport.objects.order_by("pk").values_list("pk")),
        len(mail.outbox),
    )


def _event_form(title: str) -> dict:
    return {
        "kind": "gathering", "title": title, "description": "", "starts_at": "2030-05-06T10:00",
        "ends_at": "2030-05-06T16:00", "place": "Her", "video_url": "", "registration_deadline": "", "capacity": "",
        "audience": "members",
    }


# Every page of the app that names an object, with B's objects, and what a POST to it would send.
# (name, kwargs from (A, B), POST data from (A, B), methods the view answers)
DETAIL_URLS = {
    "event_detail": (lambda a, b: {"pk": b.event.pk}, None, ("get",)),
    "event_detail/open": (lambda a, b: {"pk": b.open_event.pk}, None, ("get",)),
    "event_ics": (lambda a, b: {"pk": b.open_event.pk}, None, ("get",)),
    "event_edit": (lambda a, b: {"pk": b.event.pk}, lambda a, b: _event_form("Kapret"), ("get", "post")),
    "event_cancel": (lambda a, b: {"pk": b.event.pk}, lambda a, b: {}, ("get", "post")),
    "event_register": (lambda a, b: {"pk": b.open_event.pk}, lambda a, b: {"name": "Inn", "email": "inn@example.no"}, ("post",)),
    "portal_register": (
        lambda a, b: {"pk": b.event.pk, "organisation_pk": a.organisation.pk},
        lambda a, b: {"people": [a.person.pk]},
        ("get", "post"),
    ),
    "portal_register/other_organisation": (
        lambda a, b: {"pk": a.event.pk, "organisation_pk": b.organisation.pk},
        lambda a, b: {"people": [b.person.pk]},
        ("get", "post"),
    ),
    "portal_cancel": (lambda a, b: {"registration_pk": b.registration.pk}, lambda a, b: {}, ("post",)),
    "registration_cancel": (lambda a, b: {"token": b.token}, lambda a, b: {}, ("get", "post")),
    "checkin": (lambda a, b: {"pk": b.event.pk}, None, ("get",)),
    "checkin_walk_in": (lambda a, b: {"pk": b.event.pk}, lambda a, b: {"name": "Inntrenger", "email": ""}, ("post",)),
    "checkin_toggle": (
        lambda a, b: {"pk": b.event.pk, "registration_pk": b.registration.pk}, lambda a, b: {"present": "1"}, ("post",)
    ),
    "checkin_toggle/own_event": (
        lambda a, b: {"pk": a.event.pk, "registration_pk": b.registration.pk}, lambda a, b: {"present": "1"}, ("post",)
    ),
    "attendance_import": (
        lambda a, b: {"pk": b.event.pk},
        lambda a, b: {"file": SimpleUploadedFile("l.csv", b"navn,e-post\nKari,kari@example.no\n", "text/csv")},
        ("get", "post"),
    ),
    "participant_row_match": (
        lambda a, b: {"row_pk": b.row.pk}, lambda a, b: {f"row{b.row.pk}-person": b.person.pk}, ("post",)
    ),
    "participant_row_dismiss": (lambda a, b: {"row_pk": b.row.pk}, lambda a, b: {}, ("post",)),
}


def _refused_with_404(client, key: str, a, b) -> None:
    kwargs, data, methods = DETAIL_URLS[key]
    url = reverse(f"activities:{key.split('/')[0]}", kwargs=kwargs(a, b))  # the page speaks for A
    before = _state()
    for method in methods:
        response = client.get(url) if method == "get" else client.post(url, data(a, b))
        assert response.status_code == 404, (key, method, url, response.status_code)
    assert _state() == before, key


@pytest.mark.parametrize("key", sorted(DETAIL_URLS))
def test_another_networks_object_answers_404_to_the_coordinator(world, key):
    a, b = world
    _refused_with_404(_client(a.coordinator), key, a, b)


@pytest.mark.parametrize("key", ["event_detail", "event_ics", "portal_register", "portal_cancel", "registration_cancel"])
def test_another_networks_object_answers_404_to_the_member_contact(world, key):
    a, b = world
    _refused_with_404(_client(a.contact), key, a, b)


@settings(
    max_examples=30, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(key=st.sampled_from(sorted(DETAIL_URLS)), as_contact=st.booleans())
def test_drawn_page_with_the_other_networks_object_is_404(world, key, as_contact):
    a, b = world
    if as_contact and not key.startswith(("event_detail", "event_ics", "portal_", "registration_cancel")):
        as_contact = False  # the coordinator's pages answer a contact 404 whatever the network
    _refused_with_404(_client(a.contact if as_contact else a.coordinator), key, a, b)


def test_the_same_pages_find_the_networks_own_objects(world):
    """The control: A's ids under A's addresses are found (so the 404s above are about the network)."""
    a, _b = world
    client = _client(a.coordinator)
    for name, kwargs in [
        ("event_detail", {"pk": a.event.pk}), ("event_edit", {"pk": a.event.pk}), ("checkin", {"pk": a.event.pk}),
        ("attendance_import", {"pk": a.event.pk}), ("event_ics", {"pk": a.open_event.pk}),
        ("portal_register", {"pk": a.event.pk, "organisation_pk": a.organisation.pk}),
        ("registration_cancel", {"token": a.token}),
    ]:
        assert client.get(reverse(f"activities:{name}", kwargs=kwargs)).status_code == 200, name


def test_the_lists_of_network_a_show_nothing_of_b(world):
    a, b = world
    coordinator, public = _client(a.coordinator), _client(None)
    pages = [
        coordinator.get(reverse("activities:event_list"), {"ar": 2030}),
        public.get(reverse("activities:event_list")),
        public.get(reverse("activities:public_events")),
        public.get(reverse("activities:calendar_feed")),
        coordinator.get(reverse("activities:attendance_import", args=[a.event.pk])),
        coordinator.get(reverse("activities:checkin", args=[a.event.pk])),
        _client(a.contact).get(reverse("members:organisation_home", args=[a.organisation.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        content = page.content.decode()
        assert "Beta" not in content, page.request["PATH_INFO"]
    assert "SamlingAlfa" in pages[0].content.decode() and "FredagAlfa" in pages[3].content.decode()
    # The pending rows, the year plan's counts and the person candidates are A's.
    with using_network(a.network):
        assert list(queries.pending_participant_rows()) == [a.row]
        assert queries.network_people().filter(pk=b.person.pk).count() == 0
        assert {event.pk for event in queries.events_in_year(2030)} == {a.event.pk, a.open_event.pk}
        assert queries.dashboard_activity(2030)["pending_rows"] == 1


def test_a_coordinator_is_no_coordinator_on_the_other_networks_pages(world):
    a, b = world
    client = _client(a.coordinator)
    with using_network(b.network):
        assert client.get(reverse("activities:event_create")).status_code == 404
        assert client.get(reverse("activities:checkin", args=[b.event.pk])).status_code == 404
        assert client.get(reverse("activities:event_detail", args=[b.event.pk])).status_code == 404  # members only
        assert client.get(reverse("activities:event_detail", args=[b.open_event.pk])).status_code == 200
        listing = client.get(reverse("activities:event_list"), {"ar": 2030}).content.decode()
    assert "SamlingBeta" not in listing and "SamlingAlfa" not in listing


def test_an_event_made_on_a_networks_page_belongs_to_it(world):
    _a, b = world
    with using_network(b.network):
        response = _client(b.coordinator).post(reverse("activities:event_create"), _event_form("Ny i B"))
    assert response.status_code == 302
    assert Event.objects.get(title="Ny i B").network == b.network


def test_the_portal_lists_only_the_networks_events_for_an_organisation_in_both(world):
    a, b = world
    shared = MembershipFactory(network=b.network, organisation=a.organisation).organisation
    registration = RegistrationFactory(event=b.event, organisation=shared, name="IBegge")
    with using_network(a.network):
        activity = queries.organisation_activity(shared, 2030)
    assert b.event not in activity.upcoming and registration not in activity.registrations
    with using_network(b.network):
        activity = queries.organisation_activity(shared, 2030)
    assert b.event in activity.upcoming and registration in activity.registrations


# --- the admin ------------------------------------------------------------------------------------

ADMIN_LISTS = ["event", "registration", "attendance", "participantimport", "participantrow", "activitytargets"]


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_the_admin_lists_only_the_coordinators_network(world, model):
    a, b = world
    page = _client(a.coordinator).get(reverse(f"admin:activities_{model}_changelist"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Beta" not in content and "Isolasjonsklyngen" not in content
    assert ("Alfa" if model != "activitytargets" else a.network.name) in content
    superuser = UserFactory(email="super@example.no", is_staff=True, is_superuser=True)
    everything = _client(superuser).get(reverse(f"admin:activities_{model}_changelist")).content.decode()
    assert ("Beta" if model != "activitytargets" else "Isolasjonsklyngen") in everything


def test_the_admin_refuses_the_other_networks_rows(world):
    a, b = world
    client = _client(a.coordinator)
    before = _state()
    for model, obj in [
        ("event", b.event), ("registration", b.registration), ("attendance", b.attendance),
        ("participantimport", b.participant_import), ("participantrow", b.row),
    ]:
        change = reverse(f"admin:activities_{model}_change", args=[obj.pk])
        assert client.get(change).url == reverse("admin:index"), model  # «does not exist»
        assert client.post(change, _event_form("Kapret")).status_code in (302, 403), model
        history = client.get(reverse(f"admin:activities_{model}_history", args=[obj.pk]))
        assert history.status_code in (403, 404) or history.url == reverse("admin:index"), model
    targets = ActivityTargets.for_network(b.network)
    assert client.get(reverse("admin:activities_activitytargets_change", args=[targets.pk])).status_code == 302
    # The cancel action on a hand-made selection with B's event cancels nothing of B's.
    client.post(
        reverse("admin:activities_event_changelist"),
        {"action": "cancel_events", "_selected_action": [b.event.pk]},
    )
    assert _state() == before
    # Making an event: only the coordinator's networks are offered.
    form = client.get(reverse("admin:activities_event_add")).content.decode()
    assert "Isolasjonsklyngen" not in form and a.network.name in form


# --- links in e-mails and calendar files, and the reminders ---------------------------------------


def test_emails_and_calendar_files_about_bs_event_link_into_b(world):
    a, b = world
    registration = RegistrationFactory(event=b.open_event, name="Lenke", email="lenke@example.no")
    with using_network(a.network):  # sent from wherever: a task, another network's page
        services.send_registration_confirmation(registration_id=registration.pk)
        feed = ical.calendar([b.open_event])
    body = mail.outbox[-1].body
    assert f"/{b.network.slug}/arrangementer/{b.open_event.pk}/" in body
    assert f"/{b.network.slug}/arrangementer/avmelding/" in body
    assert f"/{a.network.slug}/" not in body
    assert f"/{b.network.slug}/arrangementer/{b.open_event.pk}/" in feed.replace("\r\n ", "")


def test_reminders_go_per_network_about_its_own_gathering(world):
    a, b = world
    shared = MembershipFactory(network=b.network, organisation=a.organisation).organisation
    soon = timezone.now() + datetime.timedelta(minutes=5)
    EventFactory(network=a.network, title="HøstAlfa", starts_at=soon)
    EventFactory(network=b.network, title="HøstBeta", starts_at=soon)
    # Attending A's gathering this year does not count in B.
    past = EventFactory(network=a.network, starts_at=timezone.now() - datetime.timedelta(hours=7))
    AttendanceFactory(event=past, organisation=shared)

    send_attendance_reminders(today=timezone.localdate())
    subjects = sorted(message.subject for message in mail.outbox if shared.contact_roles.first().person.email in message.to)
    assert len(subjects) == 1 and "HøstBeta" in subjects[0]
    b_mails = [message for message in mail.outbox if "HøstBeta" in message.subject]
    assert b_mails and all(b.network.name in m.body and "HøstAlfa" not in m.body for m in b_mails)
    assert send_attendance_reminders(today=timezone.localdate()) == []  # once a year in each network

