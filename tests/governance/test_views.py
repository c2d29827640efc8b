"""Pages: the public steering group and working groups, the coordinator's election pages, the portal."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from governance.models import Election, Nomination, Term
from governance.services.bodies import add_term
from governance.services.elections import open_election
from governance.services.working_groups import create_working_group
from governance.views.portal import groups_section_context
from members.models import Organisation
from tests.conftest import requires_postgresql
from tests.factories import PersonFactory, UserFactory, WorkingGroupFactory, member_person

TODAY = timezone.localdate()


@pytest.fixture
def sitting_group(elect):
    start = TODAY.replace(month=1, day=1)
    leader = elect(role="leader", starts_on=start, years=2, gender="woman")
    others = [elect(starts_on=start, years=1 + i % 2, gender="man") for i in range(3)]
    return leader, others


def test_public_steering_group_page_shows_members_roles_and_municipalities(client, sitting_group):
    leader, _others = sitting_group
    response = client.get(reverse("governance:steering_group"))
    assert response.status_code == 200
    html = response.content.decode()
    assert leader.person.full_name in html
    assert leader.organisation.name in html
    assert "Kjønnsbalanse" not in html  # only for the coordinator


def test_coordinator_sees_gender_balance_warning_with_fix(client, coordinator, sitting_group):
    client.force_login(coordinator)
    html = client.get(reverse("governance:steering_group")).content.decode()
    assert "Kjønnsbalanse" in html
    assert "Trenger én kvinne til" in html


@requires_postgresql  # the counts are PostgreSQL's: the roles ride with the user
@pytest.mark.parametrize("seats", [2, 8])
def test_steering_group_page_makes_the_same_queries_for_any_size(
    client, coordinator, elect, seats, django_assert_num_queries
):
    election = open_election(year=TODAY.year, terms_start_on=TODAY.replace(month=1, day=1))
    for _ in range(seats):
        term = elect(starts_on=TODAY.replace(month=1, day=1), years=1)
        Term.objects.filter(pk=term.pk).update(election=election)
    client.force_login(coordinator)
    # session, the user with their roles (menu), body, its kind's settings (the fixed seats' holder),
    # current terms with people, organisations and elections, gender balance, rotation
    with django_assert_num_queries(7):
        assert client.get(reverse("governance:steering_group")).status_code == 200


def test_working_group_list_and_detail(db, client, django_assert_max_num_queries):
    lead = member_person()
    group = create_working_group(
        name="Indikatorer for kommuner", theme="Måling", lead_person=lead, leading_organisation=lead.organisation
    )
    for _ in range(3):
        WorkingGroupFactory()
    with django_assert_max_num_queries(5):
        response = client.get(reverse("governance:working_group_list"))
    assert "Indikatorer for kommuner" in response.content.decode()
    detail = client.get(reverse("governance:body_detail", args=[group.slug])).content.decode()
    assert lead.full_name in detail


@pytest.mark.parametrize("name", ["election_list", "rotation", "balance"])
def test_coordinator_pages_are_closed_to_member_contacts(client, member_contact, name):
    client.force_login(member_contact)
    assert client.get(reverse(f"governance:{name}")).status_code == 403


def test_coordinator_runs_an_election_through_the_pages(client, coordinator, steering):
    client.force_login(coordinator)
    year = TODAY.year + 1
    response = client.post(
        reverse("governance:election_list"),
        {"year": year, "terms_start_on": f"{year}-03-20", "nomination_deadline": f"{year}-03-01"},
    )
    assert response.status_code == 302
    election = Election.objects.get(year=year)
    people = [member_person() for _ in range(2)]
    for person in people:
        assert (
            client.post(reverse("governance:election_nominate", args=[year]), {"person": person.pk}).status_code == 302
        )
    a, b = Nomination.objects.filter(election=election).order_by("pk")
    response = client.post(
        reverse("governance:election_result", args=[year]),
        {"decided_on": f"{year}-03-19", f"n{a.pk}": "2", f"n{b.pk}": "1"},
    )
    assert response.status_code == 302
    ta, tb = Term.objects.filter(election=election).order_by("ends_on")
    response = client.post(
        reverse("governance:election_constitute", args=[year]),
        {"leader": tb.pk, "deputy": ta.pk, "constituted_on": f"{year}-03-25"},
    )
    assert response.status_code == 302
    assert dict(Term.objects.filter(election=election).values_list("person", "role")) == {
        people[0].pk: "leader",
        people[1].pk: "deputy",
    }


def test_result_page_shows_the_reason_when_refused(client, coordinator, steering):
    client.force_login(coordinator)
    election = open_election(year=TODAY.year + 1, terms_start_on=datetime.date(TODAY.year + 1, 3, 20))
    person = member_person()
    client.post(reverse("governance:election_nominate", args=[election.year]), {"person": person.pk})
    nomination = election.nominations.get()
    person.organisation.memberships.update(status="applicant", joined_on=None)
    response = client.post(
        reverse("governance:election_result", args=[election.year]),
        {"decided_on": f"{election.year}-03-19", f"n{nomination.pk}": "2"},
    )
    assert response.status_code == 400
    assert "ikke medlem med gode rettigheter" in response.content.decode()
    assert not Term.objects.filter(election=election).exists()


def test_member_contact_nominates_from_the_portal_only_for_own_organisation(client, member_contact, steering):
    open_election(year=TODAY.year + 1, terms_start_on=datetime.date(TODAY.year + 1, 3, 20))
    organisation = member_contact.person.organisation
    colleague = PersonFactory(organisation=organisation)
    client.force_login(member_contact)
    response = client.post(reverse("governance:portal_nominate", args=[organisation.pk]), {"person": colleague.pk})
    assert response.status_code == 302
    assert Nomination.objects.get().via == "portal"
    other = member_person().organisation
    assert client.get(reverse("governance:portal_nominate", args=[other.pk])).status_code == 404


def test_member_contact_asks_to_join_and_the_lead_accepts(client, member_contact):
    lead = member_person()
    lead_user = UserFactory()
    lead.user = lead_user
    lead.save()
    group = create_working_group(name="Anskaffelser", lead_person=lead, leading_organisation=lead.organisation)
    organisation = member_contact.person.organisation
    client.force_login(member_contact)
    response = client.post(
        reverse("governance:portal_join", args=[organisation.pk]),
        {"body": group.pk, "person": member_contact.person.pk},
    )
    assert response.status_code == 302
    join_request = group.join_requests.get()
    assert client.post(reverse("governance:join_request_decide", args=[join_request.pk, "godta"])).status_code == 404
    client.force_login(lead_user)
    client.post(reverse("governance:join_request_decide", args=[join_request.pk, "godta"]))
    assert group.terms.filter(person=member_contact.person, ends_on__isnull=True).exists()


def test_portal_section_lists_the_organisations_people_in_bodies(member_contact, steering):
    organisation: Organisation = member_contact.person.organisation
    add_term(
        body=steering,
        person=member_contact.person,
        organisation=organisation,
        starts_on=TODAY.replace(month=1, day=1),
        ends_on=TODAY.replace(month=12, day=31),
    )
    request = RequestFactory().get("/")
    request.user = member_contact
    context = groups_section_context(request, organisation)
    html = render_to_string("governance/_portal_groups.html", context)
    assert member_contact.person.full_name in html
    assert "Styringsgruppen" in html


def test_closing_a_working_group_ends_its_places_today(client, coordinator):
    lead = member_person()
    group = create_working_group(
        name="Grønne innkjøp",
        lead_person=lead,
        leading_organisation=lead.organisation,
        starts_on=TODAY - datetime.timedelta(days=30),
    )
    assert group.slug == "gronne-innkjop"
    client.force_login(coordinator)
    assert client.post(reverse("governance:body_close", args=[group.slug])).status_code == 302
    group.refresh_from_db()
    assert group.status == "closed"
    assert group.terms.get().ends_on == TODAY


def test_the_lead_is_emailed_about_a_request_to_join(member_contact, django_capture_on_commit_callbacks, mailoutbox):
    from governance.services.working_groups import request_to_join

    lead = member_person(email="leder@kommune.no")
    group = create_working_group(name="Klimabudsjett", lead_person=lead, leading_organisation=lead.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        request_to_join(body=group, person=member_contact.person, message="Vi vil gjerne bidra.", by=member_contact)
    assert mailoutbox[-1].to == ["leder@kommune.no"]
    assert "Vi vil gjerne bidra." in mailoutbox[-1].body


def test_coordinator_edits_a_term_and_is_told_why_a_second_leader_is_refused(client, coordinator, elect):
    start = TODAY.replace(month=1, day=1)
    elect(role="leader", starts_on=start, years=1)
    member = elect(starts_on=start, years=1)
    client.force_login(coordinator)
    url = reverse("governance:term_edit", args=[member.pk])
    response = client.post(
        url, {"role": "leader", "starts_on": start.isoformat(), "ends_on": member.ends_on.isoformat()}
    )
    assert response.status_code == 200
    assert "allerede en leder" in response.content.decode()
    response = client.post(
        url, {"role": "deputy", "starts_on": start.isoformat(), "ends_on": member.ends_on.isoformat()}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "deputy"


def test_balance_page_shows_today_and_stored_history(client, coordinator, elect):
    from governance.services.gender_balance import store_gender_balance

    elect(gender="woman", starts_on=TODAY.replace(month=1, day=1), years=1)
    store_gender_balance(on=TODAY - datetime.timedelta(days=7))
    client.force_login(coordinator)
    html = client.get(reverse("governance:balance")).content.decode()
    assert "Tidligere kontroller" in html
    assert (TODAY - datetime.timedelta(days=7)).strftime("%d.%m.%Y") in html


def test_form_errors_are_tied_to_their_fields(client, coordinator):
    client.force_login(coordinator)
    html = client.post(reverse("governance:working_group_create"), {}).content.decode()
    assert 'aria-describedby="id_name_error"' in html
    assert 'id="id_name_error"' in html


def test_steering_group_page_shows_the_group_on_a_chosen_date(client, elect):
    last_year = elect(starts_on=TODAY.replace(year=TODAY.year - 1, month=1, day=1), years=1)
    html = client.get(reverse("governance:steering_group"), {"dato": f"{TODAY.year - 1}-06-01"}).content.decode()
    assert last_year.person.full_name in html
    html = client.get(reverse("governance:steering_group"), {"dato": "ikke-en-dato"}).content.decode()
    assert last_year.person.full_name not in html
