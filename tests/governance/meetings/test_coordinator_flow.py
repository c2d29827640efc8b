"""The coordinator's path through the pages: plan, cases, attachments, publish, minutes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import Case, CaseAttachment, Meeting

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_coordinator_plans_a_meeting_and_puts_cases_on_it(logged_in, steering_group):
    response = logged_in.post(
        reverse("meetings:meeting_create"),
        {"body": steering_group.pk, "date": "2024-03-14", "starts_at": "10:00", "ends_at": "12:00", "place": "Oslo"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()

    response = logged_in.post(
        reverse("meetings:case_create", kwargs={"pk": meeting.pk}),
        {"title": "Årsplan", "background": "Tekst", "proposed_decision": "Årsplanen vedtas.", "presenter": "Leder"},
    )
    case = Case.objects.get()
    assert case.number_label == "01/24"
    assert response["Location"] == reverse("meetings:case_edit", kwargs={"pk": case.pk})
    assert "Sak 01/24" in logged_in.get(meeting.get_absolute_url()).content.decode()


def test_a_meeting_needs_a_place_or_a_video_link_and_says_so(logged_in, steering_group):
    response = logged_in.post(
        reverse("meetings:meeting_create"), {"body": steering_group.pk, "date": "2024-03-14", "starts_at": "10:00"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Oppgi sted eller videolenke" in html
    assert 'aria-describedby="id_place_error"' in html and 'aria-invalid="true"' in html
    assert not Meeting.objects.exists()


def test_an_allowed_attachment_is_stored_privately_and_served_to_readers(
    logged_in, plan, add_case, settings, client, member_contact
):
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Med vedlegg")

    response = logged_in.post(
        reverse("meetings:case_attachment_add", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile("Årsplan 2024.pdf", PDF_BYTES, content_type="application/pdf"), "title": ""},
    )

    assert response.status_code == 302
    attachment = CaseAttachment.objects.get()
    assert attachment.title == "Årsplan 2024" and attachment.content_type == "application/pdf"
    assert str(settings.PRIVATE_MEDIA_ROOT) in attachment.file.path
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    download = logged_in.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    # Members read it only once the agenda is published.
    logged_in.force_login(member_contact)
    assert logged_in.get(attachment.get_absolute_url()).status_code == 404


def test_a_confidential_cases_attachment_is_404_for_members(plan, add_case, coordinator, client, member_contact):
    from governance.services.meetings import add_attachment, publish_agenda

    meeting = plan(datetime.date(2024, 3, 14))
    add_case(meeting, "Åpen")
    secret = add_case(meeting, "Fortrolig", confidential=True)
    attachment = add_attachment(
        case=secret, upload=SimpleUploadedFile("notat.pdf", PDF_BYTES), title="Notat", by=coordinator
    )
    publish_agenda(meeting=meeting, by=coordinator)
    client.force_login(member_contact)

    assert client.get(attachment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Filtypen «.exe» er ikke tillatt"),
        ("falsk.pdf", b"<html>not a pdf</html>", "stemmer ikke med filtypen"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_a_refused_attachment_gets_a_clear_norwegian_error(logged_in, plan, add_case, name, content, message):
    case = add_case(plan(datetime.date(2024, 3, 14)), "Sak")

    response = logged_in.post(
        reverse("meetings:case_attachment_add", kwargs={"pk": case.pk}), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CaseAttachment.objects.exists()


def test_an_attachment_over_20_mb_is_refused(logged_in, plan, add_case):
    case = add_case(plan(datetime.date(2024, 3, 14)), "Sak")
    big = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))

    response = logged_in.post(reverse("meetings:case_attachment_add", kwargs={"pk": case.pk}), {"file": big})

    assert response.status_code == 400
    assert "Filen er for stor" in response.content.decode()


def test_moving_and_withdrawing_through_the_pages_keeps_the_numbers(logged_in, plan, add_case):
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    moved = add_case(march, "Flyttes")
    withdrawn = add_case(march, "Trekkes")

    logged_in.post(reverse("meetings:case_move", kwargs={"pk": moved.pk}), {"meeting": june.pk})
    logged_in.post(reverse("meetings:case_withdraw", kwargs={"pk": withdrawn.pk}))

    moved.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (moved.meeting, moved.number_label) == (june, "01/24")
    assert (withdrawn.status, withdrawn.number_label) == (Case.Status.WITHDRAWN, "02/24")


def test_the_whole_meeting_through_the_pages(
    logged_in, plan, add_case, steering_group, django_capture_on_commit_callbacks
):
    from .factories import TermFactory

    present, absent = TermFactory(body=steering_group), TermFactory(body=steering_group)
    march = plan(datetime.date(2024, 3, 14))
    june = plan(datetime.date(2024, 6, 13))
    case = add_case(march, "Årsplan")

    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(reverse("meetings:meeting_publish", kwargs={"pk": march.pk}))
    response = logged_in.post(reverse("meetings:meeting_mark_held", kwargs={"pk": march.pk}))
    assert response["Location"] == reverse("meetings:minutes_edit", kwargs={"pk": march.pk})
    form = logged_in.get(response["Location"]).content.decode()
    assert present.person.full_name in form and absent.person.full_name in form

    logged_in.post(
        reverse("meetings:minutes_edit", kwargs={"pk": march.pk}),
        {
            "present": [str(present.person_id)],
            f"note-{absent.person_id}": "Forfall",
            f"decision-{case.pk}": "Årsplanen vedtas.",
            "other_attendees": "Koordinator",
            "minutes_notes": "",
            "publish": "1",
        },
    )

    march.refresh_from_db()
    case.refresh_from_db()
    assert march.minutes_published_at is not None
    assert case.decision == "Årsplanen vedtas."
    assert june.cases.filter(approves_minutes_of=march).exists()
    minutes = logged_in.get(reverse("meetings:minutes_detail", kwargs={"pk": march.pk})).content.decode()
    assert "Forfall" in minutes and "Årsplanen vedtas." in minutes
