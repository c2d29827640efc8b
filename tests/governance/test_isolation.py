"""Every governance page of a network shows and changes that network's data only (R12, R13).

Two networks, A (the first) and B, each with a coordinator and its own steering group with open meetings,
a held meeting with a decided case and an attachment, minutes approved at a second meeting, a planned
meeting with a case, working groups (one slug in both networks), a seat, a join request, an election with
a nomination and an action plan. A's coordinator on A's pages: A's lists hold nothing of B's, every
address of A with an id of B's object is 404 (GET and POST; nothing changes), B's pages are refused, and
the admin neither lists nor opens B's rows.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.models import ActionPlan, Body, BodyKind, Case, Election, JoinRequest, Meeting, Nomination, Term
from governance.services import meetings as services
from members.networks import using_network
from tests.factories import MembershipFactory, NetworkFactory, PersonFactory, UserFactory, first_network
from tests.factories import make_coordinator as _make_coordinator

pytestmark = pytest.mark.django_db

ELECTION_YEAR = 2031


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def _coordinator(email, network):
    user = UserFactory(email=email, is_staff=True)
    return _make_coordinator(user, network)


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + name.encode() + b"\n", content_type="application/pdf")


def _build(network, tag, by):
    """One network's governance objects, every name carrying `tag`; made through the services."""
    today = timezone.localdate()
    with using_network(network):
        steering, _ = Body.objects.get_or_create(
            network=network,
            kind=BodyKind.STEERING_GROUP,
            defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"},
        )
        steering.meetings_public = True
        steering.save()

        def meeting(days):
            return services.schedule_meeting(
                body=steering, date=today + datetime.timedelta(days=days), starts_at=datetime.time(10),
                place=f"Møterom {tag}", by=by,
            )  # fmt: skip

        held = meeting(-60)
        case = services.create_case(body=steering, title=f"Sak {tag}", meeting=held, by=by)
        attachment = services.add_attachment(case=case, upload=_pdf("vedlegg.pdf"), title=f"Vedlegg {tag}", by=by)
        services.publish_agenda(meeting=held, by=by, notify=False)
        services.mark_meeting_held(meeting=held, by=by)
        services.record_decision(case=case, decision=f"Vedtak {tag}", by=by)
        approving = meeting(-30)
        services.publish_minutes(meeting=held, by=by)
        services.publish_agenda(meeting=approving, by=by, notify=False)
        services.mark_meeting_held(meeting=approving, by=by)
        approval = approving.cases.get(approves_minutes_of=held)
        services.record_decision(case=approval, decision="Protokollen godkjennes.", by=by)
        planned = meeting(30)
        planned_case = services.create_case(body=steering, title=f"Planlagt sak {tag}", meeting=planned, by=by)

        membership = MembershipFactory(network=network, organisation__name=f"Medlem {tag}")
        person = PersonFactory(organisation=membership.organisation, first_name=f"Person {tag}")
        asker = PersonFactory(organisation=membership.organisation, first_name=f"Spør {tag}")
        shared = Body.objects.create(
            network=network, kind=BodyKind.WORKING_GROUP, name=f"Arbeidsgruppe {tag}", slug="arbeidsgruppe-felles"
        )
        own = Body.objects.create(
            network=network, kind=BodyKind.WORKING_GROUP, name=f"Egen gruppe {tag}", slug=f"egen-{tag.lower()}"
        )
        term = Term.objects.create(
            body=shared, person=person, organisation=membership.organisation, role=Term.Role.MEMBER,
            starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2035, 12, 31),
        )  # fmt: skip
        join_request = JoinRequest.objects.create(body=shared, person=asker, organisation=membership.organisation)
        election = Election.objects.create(
            body=steering, year=ELECTION_YEAR, terms_start_on=datetime.date(ELECTION_YEAR, 4, 1)
        )
        nomination = Nomination.objects.create(
            election=election, person=person, organisation=membership.organisation, via=Nomination.Via.COORDINATOR
        )
        plan = ActionPlan.objects.create(network=network, year=2030, title=f"Handlingsplan {tag}")
    held.refresh_from_db()
    return {
        "network": network, "tag": tag, "steering": steering, "held": held, "approving": approving,
        "planned": planned, "case": case, "planned_case": planned_case, "attachment": attachment,
        "shared": shared, "own": own, "term": term, "join_request": join_request, "election": election,
        "nomination": nomination, "plan": plan,
    }  # fmt: skip


@pytest.fixture
def world():
    a_network = first_network()
    b_network = NetworkFactory(name="Klyngenettverket Bravo", slug="klynge-bravo")
    coordinator_a = _coordinator("koordinator-a@example.no", a_network)
    coordinator_b = _coordinator("koordinator-b@example.no", b_network)
    a = _build(a_network, "ALFA7Q", coordinator_a)
    b = _build(b_network, "BRAVO9X", coordinator_b)
    return {"a": a, "b": b, "coordinator_a": coordinator_a, "coordinator_b": coordinator_b}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(network, name, **kwargs):
    with using_network(network):
        return reverse(name, kwargs=kwargs)


# The list pages of a network (name, kwargs from the network's own objects).
LISTS = [
    ("meetings:meeting_list", lambda o: {}, lambda o: {"year": o["held"].date.year}),
    ("meetings:decision_register_year", lambda o: {"year": o["case"].year}, lambda o: {}),
    ("meetings:decision_register", lambda o: {}, lambda o: {"q": "Vedtak"}),
    ("meetings:public_meeting_list", lambda o: {}, lambda o: {"year": o["held"].date.year}),
    ("governance:steering_group", lambda o: {}, lambda o: {}),
    ("governance:working_group_list", lambda o: {}, lambda o: {}),
    ("governance:election_list", lambda o: {}, lambda o: {}),
    ("governance:action_plan_list", lambda o: {}, lambda o: {}),
    ("governance:balance", lambda o: {}, lambda o: {}),
    ("governance:rotation", lambda o: {}, lambda o: {}),
    ("governance:body_detail", lambda o: {"slug": "arbeidsgruppe-felles"}, lambda o: {}),
    ("meetings:decision_detail", lambda o: {"year": o["case"].year, "number": o["case"].number}, lambda o: {}),
]


def test_the_lists_of_a_network_show_none_of_the_others_objects(world):
    a, b = world["a"], world["b"]
    client = _client(world["coordinator_a"])
    for name, kwargs, query in LISTS:
        response = client.get(_url(a["network"], name, **kwargs(a)), query(a))
        assert response.status_code == 200, name
        content = response.content.decode()
        assert b["tag"] not in content, f"{name} shows network B's objects"
        assert f"/{b['network'].slug}/" not in content, f"{name} links into network B"
    # … and each shows its own network's (the lists are not simply empty).
    assert a["tag"] in client.get(_url(a["network"], "governance:working_group_list")).content.decode()
    body = client.get(_url(a["network"], "governance:body_detail", slug="arbeidsgruppe-felles")).content.decode()
    assert f"Arbeidsgruppe {a['tag']}" in body


def test_the_calendar_feed_of_a_network_has_its_own_meetings_only(world):
    a, b = world["a"], world["b"]
    token = services.calendar_token_for(user=world["coordinator_a"]).token
    feed = Client().get(_url(a["network"], "meetings:calendar_feed", token=token)).content.decode()
    assert f"Møterom {a['tag']}" in feed and b["tag"] not in feed


# Every address of one object (name, kwargs from the other network's objects, methods).
DETAILS = {
    "meetings:meeting_detail": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:meeting_edit": (lambda o: {"pk": o["planned"].pk}, ("get", "post")),
    "meetings:agenda_pdf": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:meeting_ics": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:meeting_publish": (lambda o: {"pk": o["planned"].pk}, ("post",)),
    "meetings:meeting_mark_held": (lambda o: {"pk": o["planned"].pk}, ("post",)),
    "meetings:meeting_cancel": (lambda o: {"pk": o["planned"].pk}, ("post",)),
    "meetings:minutes_detail": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:minutes_pdf": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:minutes_edit": (lambda o: {"pk": o["approving"].pk}, ("get", "post")),
    "meetings:minutes_publish": (lambda o: {"pk": o["approving"].pk}, ("post",)),
    "meetings:case_create": (lambda o: {"pk": o["planned"].pk}, ("get", "post")),
    "meetings:case_edit": (lambda o: {"pk": o["planned_case"].pk}, ("get", "post")),
    "meetings:case_attachment_add": (lambda o: {"pk": o["planned_case"].pk}, ("post",)),
    "meetings:case_move": (lambda o: {"pk": o["planned_case"].pk}, ("post",)),
    "meetings:case_withdraw": (lambda o: {"pk": o["planned_case"].pk}, ("post",)),
    "meetings:case_reorder": (lambda o: {"pk": o["planned_case"].pk}, ("post",)),
    "meetings:attachment_download": (lambda o: {"pk": o["attachment"].pk}, ("get",)),
    "meetings:attachment_remove": (lambda o: {"pk": o["attachment"].pk}, ("post",)),
    "meetings:public_meeting_detail": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:public_minutes": (lambda o: {"pk": o["held"].pk}, ("get",)),
    "meetings:public_attachment": (lambda o: {"pk": o["attachment"].pk}, ("get",)),
    "governance:body_detail": (lambda o: {"slug": o["own"].slug}, ("get",)),
    "governance:body_close": (lambda o: {"slug": o["own"].slug}, ("post",)),
    "governance:term_add": (lambda o: {"slug": o["own"].slug}, ("get", "post")),
    "governance:term_edit": (lambda o: {"pk": o["term"].pk}, ("get", "post")),
    "governance:term_end": (lambda o: {"pk": o["term"].pk}, ("post",)),
    "governance:join_request_decide": (lambda o: {"pk": o["join_request"].pk, "decision": "godta"}, ("post",)),
    "governance:nomination_withdraw": (lambda o: {"year": 2032, "pk": o["nomination"].pk}, ("post",)),
    "governance:action_plan_detail": (lambda o: {"pk": o["plan"].pk}, ("get",)),
    "governance:action_plan_edit": (lambda o: {"pk": o["plan"].pk}, ("get", "post")),
    "governance:action_plan_adopt": (lambda o: {"pk": o["plan"].pk}, ("post",)),
    "governance:action_plan_document": (lambda o: {"pk": o["plan"].pk}, ("get",)),
}


def _state(objects) -> list:
    """What a refused request must not change: the other network's rows as stored."""
    rows = []
    for key in ("held", "approving", "planned"):
        rows.append(Meeting.objects.filter(pk=objects[key].pk).values().get())
    for key in ("case", "planned_case"):
        rows.append(Case.objects.filter(pk=objects[key].pk).values().get())
    rows.append(Body.objects.filter(pk=objects["own"].pk).values().get())
    rows.append(Term.objects.filter(pk=objects["term"].pk).values().get())
    rows.append(JoinRequest.objects.filter(pk=objects["join_request"].pk).values().get())
    rows.append(Nomination.objects.filter(pk=objects["nomination"].pk).values().get())
    rows.append(ActionPlan.objects.filter(pk=objects["plan"].pk).values().get())
    rows.append(sorted(objects["planned_case"].attachments.values_list("pk", flat=True)))
    rows.append(Case.objects.filter(meeting=objects["planned"]).count())
    rows.append(objects["own"].terms.count())
    return rows


def _ask(client, method, path):
    data = {"title": "Kapret", "decision": "x", "direction": "up", "year": 2030, "person": 1, "role": "member"}
    return client.get(path) if method == "get" else client.post(path, data)


@pytest.mark.parametrize("name", sorted(DETAILS))
def test_an_address_of_network_a_with_an_object_of_network_b_is_not_found(world, name):
    a, b = world["a"], world["b"]
    kwargs, methods = DETAILS[name]
    client = _client(world["coordinator_a"])
    before = _state(b)
    path = _url(a["network"], name, **kwargs(b))
    for method in methods:
        assert _ask(client, method, path).status_code == 404, f"{method.upper()} {path}"
    assert _state(b) == before


def test_the_same_address_of_network_b_is_refused_to_network_as_coordinator(world):
    b = world["b"]
    client = _client(world["coordinator_a"])
    for name in ("governance:rotation", "governance:balance", "governance:election_list"):
        assert client.get(_url(b["network"], name)).status_code == 403, name
    for name in ("meetings:meeting_list", "meetings:decision_register", "governance:action_plan_list"):
        assert client.get(_url(b["network"], name)).status_code == 404, name
    assert client.get(_url(b["network"], "meetings:meeting_detail", pk=b["held"].pk)).status_code == 404
    before = _state(b)
    assert client.post(_url(b["network"], "meetings:meeting_cancel", pk=b["planned"].pk)).status_code == 404
    assert client.post(_url(b["network"], "governance:body_close", slug=b["own"].slug)).status_code == 403
    assert _state(b) == before
    # B's own coordinator opens B's pages.
    own = _client(world["coordinator_b"])
    assert own.get(_url(b["network"], "meetings:meeting_detail", pk=b["held"].pk)).status_code == 200
    assert b["tag"] in own.get(_url(b["network"], "governance:working_group_list")).content.decode()


def test_a_body_slug_is_unique_within_its_network_only(world):
    a, b = world["a"], world["b"]
    assert a["shared"].slug == b["shared"].slug
    client = _client(world["coordinator_b"])
    page = client.get(_url(b["network"], "governance:body_detail", slug="arbeidsgruppe-felles")).content.decode()
    assert f"Arbeidsgruppe {b['tag']}" in page and a["tag"] not in page


def test_form_choices_are_the_networks_own(world):
    a, b = world["a"], world["b"]
    client = _client(world["coordinator_a"])
    for path in (
        _url(a["network"], "meetings:meeting_create"),
        _url(a["network"], "governance:working_group_create"),
        _url(a["network"], "governance:term_add", slug=a["shared"].slug),
    ):
        content = client.get(path).content.decode()
        assert b["tag"] not in content, path
    # A meeting cannot be planned for B's steering group from A's page.
    response = client.post(
        _url(a["network"], "meetings:meeting_create"),
        {"body": b["steering"].pk, "date": "2031-01-10", "starts_at": "10:00", "place": "Et sted"},
    )
    assert response.status_code == 200 and not Meeting.objects.filter(body=b["steering"], date="2031-01-10").exists()


ADMIN_MODELS = [
    ("meeting", lambda o: o["held"]),
    ("case", lambda o: o["case"]),
    ("body", lambda o: o["own"]),
    ("term", lambda o: o["term"]),
    ("election", lambda o: o["election"]),
    ("nomination", lambda o: o["nomination"]),
    ("joinrequest", lambda o: o["join_request"]),
    ("actionplan", lambda o: o["plan"]),
]


@pytest.mark.parametrize(("model", "pick"), ADMIN_MODELS, ids=[m for m, _ in ADMIN_MODELS])
def test_the_admin_lists_and_opens_only_the_networks_a_coordinator_coordinates(world, model, pick):
    a, b = world["a"], world["b"]
    client = _client(world["coordinator_a"])
    changelist = client.get(reverse(f"admin:governance_{model}_changelist"))
    assert changelist.status_code == 200
    rows = {obj.pk for obj in changelist.context["cl"].result_list}
    assert pick(a).pk in rows and pick(b).pk not in rows
    change = client.get(reverse(f"admin:governance_{model}_change", args=[pick(b).pk]))
    assert change.status_code in (302, 403, 404)
    assert change.status_code != 200
    history = client.get(reverse(f"admin:governance_{model}_history", args=[pick(b).pk]))
    assert history.status_code != 200 or b["tag"] not in history.content.decode()


def test_the_superuser_sees_every_networks_rows_in_the_admin(world):
    a, b = world["a"], world["b"]
    admin = UserFactory(email="superbruker@example.no", is_staff=True, is_superuser=True)
    rows = {m.pk for m in _client(admin).get(reverse("admin:governance_meeting_changelist")).context["cl"].result_list}
    assert {a["held"].pk, b["held"].pk} <= rows


def test_a_join_request_mail_links_into_the_groups_network(world, mailoutbox):
    from governance.services.notifications import send_join_request_notice

    b = world["b"]
    lead = PersonFactory(organisation=b["term"].organisation, email="leder-b@example.no")
    Body.objects.filter(pk=b["shared"].pk).update(lead_person=lead)
    assert send_join_request_notice(join_request_id=b["join_request"].pk)
    assert f"/{b['network'].slug}/styring/grupper/arbeidsgruppe-felles/" in mailoutbox[-1].body


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(DETAILS)), key=st.sampled_from(["held", "approving", "planned"]))
def test_any_detail_address_with_another_networks_object_is_not_found(world, name, key):
    """A drawn detail address of network A, asked with an object of network B (the drawn meeting where the
    address takes a meeting): 404 for A's coordinator."""
    a, b = world["a"], world["b"]
    kwargs, methods = DETAILS[name]
    values = kwargs(b)
    if set(values) == {"pk"} and name.startswith("meetings:") and "case" not in name and "attachment" not in name:
        values = {"pk": b[key].pk}
    response = _ask(_client(world["coordinator_a"]), methods[0], _url(a["network"], name, **values))
    assert response.status_code == 404


def test_a_membership_ending_in_one_network_ends_the_seats_in_that_networks_bodies_only(world):
    from members.signals import membership_ended

    a, b = world["a"], world["b"]
    organisation = b["term"].organisation
    MembershipFactory(network=a["network"], organisation=organisation)
    seat_in_a = Term.objects.create(
        body=a["shared"], person=b["term"].person, organisation=organisation, role=Term.Role.MEMBER,
        starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2035, 12, 31),
    )  # fmt: skip
    membership_b = organisation.memberships.get(network=b["network"])
    membership_ended.send(
        sender=None, organisation=organisation, membership=membership_b, ended_on=datetime.date(2026, 8, 31), by=None
    )
    b["term"].refresh_from_db()
    seat_in_a.refresh_from_db()
    assert b["term"].ends_on == datetime.date(2026, 8, 31)
    assert seat_in_a.ends_on == datetime.date(2035, 12, 31)


def test_calendar_tokens_belong_to_no_network_and_only_the_superuser_lists_them(world):
    services.calendar_token_for(user=world["coordinator_b"])
    response = _client(world["coordinator_a"]).get(reverse("admin:governance_calendartoken_changelist"))
    assert response.status_code == 403
