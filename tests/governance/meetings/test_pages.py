"""Agenda, minutes and register pages: who reads what (R8, R12), and the confidential rule."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from governance.services.meetings import (
    mark_meeting_held,
    publish_agenda,
    publish_minutes,
    record_decision,
)
from tests.factories import scoped
from tests.i18n.pending import english  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

OPEN_TITLE = "Handlingsplan for 2024"
SECRET_TITLE = "Personalsak koordinatorstilling"


@pytest.fixture
def meeting(plan, add_case, coordinator, steering_member):
    meeting = plan(datetime.date(2024, 3, 14))
    add_case(meeting, OPEN_TITLE, background="Se **vedlagt** plan.\n\n<script>alert(1)</script>")
    add_case(meeting, SECRET_TITLE, confidential=True, proposed_decision="Hemmelig forslag")
    return meeting


@pytest.fixture
def published(meeting, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(meeting=meeting, by=coordinator)
    return meeting


@pytest.fixture
def with_minutes(published, coordinator):
    mark_meeting_held(meeting=published, by=coordinator)
    for case in published.cases.all():
        record_decision(case=case, decision=f"Vedtak i {case.title}", by=coordinator)
    publish_minutes(meeting=published, by=coordinator)
    return published


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def agenda(client, meeting):
    return client.get(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}))


# --- who may read --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, published):
    for url in (
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting_detail", kwargs={"pk": published.pk}),
        reverse("meetings:agenda_pdf", kwargs={"pk": published.pk}),
        reverse("meetings:decision_register"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url


def test_a_logged_in_user_without_a_role_gets_404(client, published):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("meetings:meeting_list")).status_code == 404
    assert agenda(client, published).status_code == 404


def test_members_do_not_read_an_unpublished_agenda(client, meeting, member_contact):
    client.force_login(member_contact)

    html = agenda(client, meeting).content.decode()

    assert OPEN_TITLE not in html and "ikke publisert" in html
    assert client.get(reverse("meetings:agenda_pdf", kwargs={"pk": meeting.pk})).status_code == 404


def test_the_coordinator_reads_the_draft_agenda(client, meeting, coordinator):
    client.force_login(coordinator)

    html = agenda(client, meeting).content.decode()

    assert OPEN_TITLE in html and SECRET_TITLE in html and "Utkast" in html


def test_members_read_the_published_agenda_without_confidential_cases(client, published, member_contact):
    client.force_login(member_contact)

    html = agenda(client, published).content.decode()

    assert OPEN_TITLE in html
    assert SECRET_TITLE not in html and "Hemmelig forslag" not in html


def test_members_are_not_told_that_confidential_cases_exist(client, published, member_contact):
    """No count, no hint: the agenda, its PDF and the minutes read as if there were none."""
    client.force_login(member_contact)

    html = agenda(client, published).content.decode().lower()
    text = pdf_text(client.get(reverse("meetings:agenda_pdf", kwargs={"pk": published.pk}))).lower()

    assert "fortrolig" not in html and "vises ikke" not in html
    assert "fortrolig" not in text and "er ikke med" not in text


def test_the_steering_group_reads_confidential_cases(client, published, steering_member):
    client.force_login(steering_member)

    html = agenda(client, published).content.decode()

    assert OPEN_TITLE in html and SECRET_TITLE in html


def test_background_markdown_is_rendered_and_scripts_removed(client, published, member_contact):
    client.force_login(member_contact)

    html = agenda(client, published).content.decode()

    assert "<strong>vedlagt</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_the_agenda_pdf_has_every_case_number_and_title(client, published, steering_member):
    client.force_login(steering_member)

    text = pdf_text(client.get(reverse("meetings:agenda_pdf", kwargs={"pk": published.pk})))

    for case in published.cases.all():
        assert case.number_label in text
        assert case.title in text
    assert "Bærekraftsnettverket" in text


def test_the_agenda_pdf_for_members_leaves_out_confidential_cases(client, published, member_contact):
    client.force_login(member_contact)

    text = pdf_text(client.get(reverse("meetings:agenda_pdf", kwargs={"pk": published.pk})))

    assert OPEN_TITLE in text and "01/24" in text
    assert SECRET_TITLE not in text and "02/24" not in text


def test_publishing_emails_the_agenda_to_the_steering_group(published, steering_member):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [steering_member.person.email]
    assert "14.03.2024" in message.subject
    assert SECRET_TITLE in message.body  # the steering group reads confidential cases
    assert message.attachments[0][2] == "application/pdf"


def test_the_agenda_notice_is_sent_once(published, steering_member):
    from governance.services.meetings import send_agenda_notice

    assert send_agenda_notice(meeting_id=published.pk) == 0
    assert len(mail.outbox) == 1


def test_members_read_published_minutes_without_confidential_decisions(client, with_minutes, member_contact):
    client.force_login(member_contact)

    html = client.get(reverse("meetings:minutes_detail", kwargs={"pk": with_minutes.pk})).content.decode()
    text = pdf_text(client.get(reverse("meetings:minutes_pdf", kwargs={"pk": with_minutes.pk})))

    assert f"Vedtak i {OPEN_TITLE}" in html and f"Vedtak i {OPEN_TITLE}" in text
    assert SECRET_TITLE not in html and SECRET_TITLE not in text
    assert "fortrolig" not in html.lower() and "fortrolig" not in text.lower()


def test_minutes_are_hidden_from_members_until_published(client, published, coordinator, member_contact):
    mark_meeting_held(meeting=published, by=coordinator)
    client.force_login(member_contact)

    assert client.get(reverse("meetings:minutes_detail", kwargs={"pk": published.pk})).status_code == 404


def test_members_cannot_manage_meetings(client, published, member_contact, steering_member):
    for user in (member_contact, steering_member):
        client.force_login(user)
        assert client.get(reverse("meetings:meeting_create")).status_code == 404
        assert client.post(reverse("meetings:meeting_publish", kwargs={"pk": published.pk})).status_code == 404
        case = published.cases.first()
        assert client.get(reverse("meetings:case_edit", kwargs={"pk": case.pk})).status_code == 404


# --- decision register ---------------------------------------------------------------------------


def test_a_decision_has_its_own_address_by_number(client, with_minutes, member_contact):
    client.force_login(member_contact)

    response = client.get(scoped("/vedtak/2024/01/"))

    assert response.status_code == 200
    assert f"Vedtak i {OPEN_TITLE}" in response.content.decode()
    assert reverse("meetings:decision_detail", kwargs={"year": 2024, "number": 7}) == scoped("/vedtak/2024/07/")


def test_members_cannot_open_a_confidential_decision(client, with_minutes, member_contact, steering_member):
    client.force_login(member_contact)
    assert client.get(scoped("/vedtak/2024/02/")).status_code == 404
    client.force_login(steering_member)
    assert client.get(scoped("/vedtak/2024/02/")).status_code == 200


def test_the_register_lists_the_years_decisions_and_searches_them(client, with_minutes, member_contact):
    client.force_login(member_contact)

    everything = client.get(scoped("/vedtak/2024/")).content.decode()
    found = client.get(scoped("/vedtak/2024/"), {"q": "handlingsplan"}).content.decode()
    nothing = client.get(scoped("/vedtak/2024/"), {"q": "budsjett"}).content.decode()

    assert OPEN_TITLE in everything and SECRET_TITLE not in everything
    assert OPEN_TITLE in found
    assert OPEN_TITLE not in nothing and "passer med" in nothing


def test_decisions_are_not_in_the_register_before_the_minutes_are_published(
    client, published, coordinator, member_contact
):
    mark_meeting_held(meeting=published, by=coordinator)
    record_decision(case=published.cases.first(), decision="Vedtatt", by=coordinator)
    client.force_login(member_contact)

    assert client.get(scoped("/vedtak/2024/01/")).status_code == 404


def test_the_meeting_list_makes_the_same_queries_for_few_and_many_meetings(
    client, plan, add_case, member_contact, django_assert_num_queries
):
    for month in (2, 4):
        add_case(plan(datetime.date(2024, month, 1)), "Sak")
    client.force_login(member_contact)
    url = reverse("meetings:meeting_list") + "?year=2024"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for month in (6, 8, 9, 10, 11, 12):
        add_case(plan(datetime.date(2024, month, 1)), "Sak")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("/moter/") >= 8


def test_the_decision_register_makes_the_same_queries_for_few_and_many(
    client, with_minutes, plan, add_case, coordinator, member_contact, django_assert_num_queries
):
    client.force_login(member_contact)
    client.get(scoped("/vedtak/2024/"))
    with CaptureQueriesContext(connection) as few:
        client.get(scoped("/vedtak/2024/"))
    later = plan(datetime.date(2024, 6, 13))
    cases = [add_case(later, f"Sak {i}") for i in range(5)]
    mark_meeting_held(meeting=later, by=coordinator)
    for case in later.cases.all():
        record_decision(case=case, decision="Vedtatt.", by=coordinator)
    publish_minutes(meeting=later, by=coordinator)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(scoped("/vedtak/2024/"))
    assert all(c.title in response.content.decode() for c in cases)


def test_markdown_keeps_safe_links_and_drops_javascript_links():
    from governance.models import render_markdown

    html = render_markdown(
        "[mandat](https://example.no/mandat) og [klikk](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )

    assert 'href="https://example.no/mandat"' in html
    assert "javascript:" not in html and "onerror" not in html and "<img" not in html


def test_the_steering_group_does_not_read_a_draft_agenda(client, meeting, steering_member):
    client.force_login(steering_member)

    html = agenda(client, meeting).content.decode()

    assert OPEN_TITLE not in html and SECRET_TITLE not in html


def test_the_agenda_page_works_in_english(client, published, member_contact):
    client.force_login(member_contact)

    from django.utils import translation

    with translation.override("nb"):  # the request switches this thread to English; switch back after
        response = client.get(scoped(f"/en/moter/{published.pk}/"))

    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


@pytest.mark.parametrize(
    ("reference", "url"), [("07/24", "/vedtak/2024/07/"), ("12/27", "/vedtak/2027/12/"), ("sak 7", None), ("", None)]
)
def test_a_cited_case_number_points_at_the_decision_register(reference, url):
    from django.utils import translation

    from governance.queries.meetings import decision_url

    with translation.override("nb"):
        assert decision_url(reference) == (scoped(url) if url else None)


# --- what the reader notices -------------------------------------------------------------------


def test_the_steering_group_is_lower_case_mid_sentence(client, published, member_contact):
    client.force_login(member_contact)

    html = agenda(client, published).content.decode()

    assert "Møte i styringsgruppen 14. mars 2024" in html
    assert "Møte i Styringsgruppen" not in html


@pytest.mark.usefixtures("english")
def test_the_steering_group_is_named_in_english_on_the_english_page(client, published, member_contact):
    client.force_login(member_contact)

    html = client.get(reverse("meetings:meeting_detail", kwargs={"pk": published.pk})).content.decode()

    heading = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Meeting of the steering group on" in heading and "Styringsgruppen" not in heading


def test_a_working_group_keeps_its_name_as_typed_mid_sentence():
    from governance.models import Body, BodyKind

    group = Body(kind=BodyKind.WORKING_GROUP, name="Agenda 2030-gruppen")
    renamed = Body(kind=BodyKind.STEERING_GROUP, name="Styringsgruppa")
    assert group.name_in_sentence == "Agenda 2030-gruppen"
    assert renamed.name_in_sentence == "styringsgruppa" and renamed.display_name == "Styringsgruppa"


def test_the_first_case_cannot_move_up_nor_the_last_down(client, meeting, add_case, coordinator):
    add_case(meeting, "Eventuelt")
    client.force_login(coordinator)

    html = agenda(client, meeting).content.decode()

    articles = html.split('<article class="meetings-case"')[1:]
    assert len(articles) == 3
    first, middle, last = articles
    assert "Flytt opp" not in first and "Flytt ned" in first
    assert "Flytt opp" in middle and "Flytt ned" in middle
    assert "Flytt opp" in last and "Flytt ned" not in last


def test_a_single_case_offers_no_moving_at_all(client, plan, add_case, coordinator):
    lone = plan(datetime.date(2024, 9, 5))
    add_case(lone, "Eneste sak")
    client.force_login(coordinator)

    html = agenda(client, lone).content.decode()

    assert "Flytt opp" not in html and "Flytt ned" not in html and "rekkefolge" not in html
