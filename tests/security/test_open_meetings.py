"""Open meetings (kommuneloven; seed 004): a body with `meetings_public` shows its published agendas, open
papers and approved minutes to anyone — never a confidential (exempt) case or its attachment, never a
draft — while every other body's meetings stay for members (R12)."""

import pytest
from django.test import Client
from django.urls import reverse

from members.networks import using_network
from tests.factories import EXEMPT_PAPER_TITLE, OPEN_PAPER_TITLE, make_coordinator, open_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(settings, tmp_path, coordinator):
    """The partnership's open meetings; the test speaks for the partnership (its pages, its addresses), and
    the coordinator coordinates it too."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    made = open_meetings(by=coordinator)
    make_coordinator(coordinator, made["network"])
    with using_network(made["network"]):
        yield made


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_anyone_reads_the_agenda_and_the_approved_minutes_without_the_exempt_case(made):
    anonymous = Client()
    for name in ("meetings:public_meeting_detail", "meetings:public_minutes"):
        page = text(anonymous.get(reverse(name, kwargs={"pk": made["meeting"].pk})))
        assert OPEN_PAPER_TITLE in page and EXEMPT_PAPER_TITLE not in page, name
        assert "Fokusliste" in page and "Notat" not in page  # the attachments' titles
    listing = text(anonymous.get(reverse("meetings:public_meeting_list") + f"?year={made['meeting'].date.year}"))
    assert "Utkast som ikke er publisert" not in listing
    assert reverse("meetings:public_meeting_detail", kwargs={"pk": made["meeting"].pk}) in listing


def test_the_open_attachment_downloads_and_the_exempt_one_is_404(made):
    anonymous = Client()
    response = anonymous.get(reverse("meetings:public_attachment", kwargs={"pk": made["open_attachment"].pk}))
    assert response.status_code == 200 and b"fokus.pdf" in b"".join(response.streaming_content)
    exempt = anonymous.get(reverse("meetings:public_attachment", kwargs={"pk": made["exempt_attachment"].pk}))
    assert exempt.status_code == 404


def test_a_draft_agenda_and_unapproved_minutes_are_not_public(made):
    anonymous = Client()
    assert anonymous.get(reverse("meetings:public_meeting_detail", kwargs={"pk": made["draft"].pk})).status_code == 404
    # The second meeting's agenda is out, its minutes are not yet approved (nor published).
    approving = made["approving"].pk
    assert anonymous.get(reverse("meetings:public_meeting_detail", kwargs={"pk": approving})).status_code == 200
    assert anonymous.get(reverse("meetings:public_minutes", kwargs={"pk": approving})).status_code == 404


def test_a_closed_bodys_meeting_stays_refused_for_anonymous(settings, tmp_path, coordinator):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    closed = open_meetings(by=coordinator, public=False)
    with using_network(closed["network"]):
        _closed_body_is_refused(closed)


def _closed_body_is_refused(closed):
    anonymous = Client()
    pk = closed["meeting"].pk
    for name in ("meetings:public_meeting_detail", "meetings:public_minutes"):
        assert anonymous.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    attachment = closed["open_attachment"].pk
    assert anonymous.get(reverse("meetings:public_attachment", kwargs={"pk": attachment})).status_code == 404
    # The members' pages still send the public to log in.
    for name in ("meetings:meeting_detail", "meetings:minutes_detail"):
        response = anonymous.get(reverse(name, kwargs={"pk": pk}))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), name
    listing = text(anonymous.get(reverse("meetings:public_meeting_list") + f"?year={closed['meeting'].date.year}"))
    assert reverse("meetings:public_meeting_detail", kwargs={"pk": pk}) not in listing


def test_closing_a_bodys_meetings_takes_them_off_the_public_pages(made):
    from governance.models import Body

    body = Body.objects.get(pk=made["body"].pk)
    body.meetings_public = False
    body.save()
    assert body.history.first().meetings_public is False  # the change is in the body's history
    url = reverse("meetings:public_meeting_detail", kwargs={"pk": made["meeting"].pk})
    assert Client().get(url).status_code == 404


def test_the_front_page_lists_the_first_networks_open_meetings(settings, tmp_path, coordinator, client):
    from governance.models import BodyKind
    from tests.factories import first_network

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    page = text(client.get(reverse("home")))
    assert reverse("meetings:public_meeting_list") not in page  # no open meetings: no section
    made = open_meetings(by=coordinator, network=first_network(), kind=BodyKind.WORKING_GROUP)
    page = text(client.get(reverse("home")))
    assert reverse("meetings:public_minutes", kwargs={"pk": made["meeting"].pk}) in page
    assert reverse("meetings:public_meeting_detail", kwargs={"pk": made["draft"].pk}) not in page
    assert EXEMPT_PAPER_TITLE not in page


def test_the_members_page_of_an_open_meeting_links_to_its_public_page(made, client, coordinator):
    client.force_login(coordinator)
    page = text(client.get(reverse("meetings:meeting_detail", kwargs={"pk": made["meeting"].pk})))
    assert reverse("meetings:public_meeting_detail", kwargs={"pk": made["meeting"].pk}) in page
    draft = text(client.get(reverse("meetings:meeting_detail", kwargs={"pk": made["draft"].pk})))
    assert reverse("meetings:public_meeting_detail", kwargs={"pk": made["draft"].pk}) not in draft
