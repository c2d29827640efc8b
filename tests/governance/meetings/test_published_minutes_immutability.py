"""Published minutes are final (R8): their notes, attendance and the attachments of final decisions.

Like a final decision (test_decision_immutability.py), no path changes them: the pages, the
admin, the ORM and raw SQL all refuse, while approving them in the next meeting still works.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from governance.models import Attendance, CaseAttachment, Meeting
from governance.services.meetings import (
    add_attachment,
    mark_meeting_held,
    publish_minutes,
    record_attendance,
    record_decision,
    remove_attachment,
    save_minutes,
    update_minutes,
)
from tests.conftest import on_postgresql
from tests.factories import PersonFactory

from .factories import TermFactory

pytestmark = pytest.mark.django_db

DECISION = "Styringsgruppen vedtar årsplanen for 2024."


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


NOTES = "Møtet ble ledet av nestlederen."
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def minutes(plan, add_case, coordinator, steering_group) -> SimpleNamespace:
    """The meeting of 14 March 2024: one seat holder (absent, with a note), notes, sak 01/24 with an
    attachment, decided; the minutes are published (not yet approved: the status is still "held")."""
    term = TermFactory(body=steering_group)
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Årsplan 2024")
    attachment = add_attachment(
        case=case, upload=SimpleUploadedFile("arsplan.pdf", PDF_BYTES), title="Årsplan", by=coordinator
    )
    mark_meeting_held(meeting=meeting, by=coordinator)
    save_minutes(
        meeting=meeting,
        present_person_ids=set(),
        attendance_notes={term.person_id: "Meldt forfall"},
        other_attendees="Nettverkskoordinator (referent)",
        minutes_notes=NOTES,
        decisions={case.pk: DECISION},
        by=coordinator,
    )
    publish_minutes(meeting=meeting, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.minutes_are_published
    return SimpleNamespace(
        meeting=meeting,
        published_at=meeting.minutes_published_at,
        case=case,
        attendance=meeting.attendances.get(),
        attachment=attachment,
    )


def _minutes_unchanged(m: SimpleNamespace) -> None:
    meeting = Meeting.objects.get(pk=m.meeting.pk)
    assert (meeting.minutes_notes, meeting.other_attendees, meeting.place, meeting.date) == (
        NOTES,
        "Nettverkskoordinator (referent)",
        "KS-huset, Oslo",
        datetime.date(2024, 3, 14),
    )
    assert meeting.minutes_published_at == m.published_at
    assert list(meeting.attendances.values_list("person_id", "present", "note")) == [
        (m.attendance.person_id, False, "Meldt forfall")
    ]
    attachment = CaseAttachment.objects.get(case=m.case)
    assert (attachment.pk, attachment.title, attachment.file.name) == (
        m.attachment.pk,
        "Årsplan",
        m.attachment.file.name,
    )
    assert attachment.file.storage.exists(attachment.file.name)


def test_the_admin_shows_published_minutes_and_attendance_read_only_and_refuses_a_post(admin_client, minutes):
    url = reverse("admin:governance_meeting_change", args=[minutes.meeting.pk])

    page = admin_client.get(url).content.decode()
    assert NOTES in page
    for name in ('name="minutes_notes"', 'name="other_attendees"', 'name="place"', 'name="attendances-0-present"'):
        assert name not in page
    response = admin_client.post(
        url,
        {
            "minutes_notes": "Omskrevet i admin.",
            "attendances-TOTAL_FORMS": "1",
            "attendances-INITIAL_FORMS": "1",
            "attendances-0-id": minutes.attendance.pk,
            "attendances-0-present": "on",
        },
    )
    assert response.status_code == 403
    _minutes_unchanged(minutes)


def test_the_admin_history_cannot_revert_a_meeting_to_unpublished_minutes(admin_client, minutes):
    first = minutes.meeting.history.earliest("history_date")
    url = reverse("admin:governance_meeting_simple_history", args=[minutes.meeting.pk, first.history_id])

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"minutes_notes": ""}).status_code == 403
    _minutes_unchanged(minutes)


def test_the_admin_cannot_delete_or_replace_an_attachment_of_a_final_decision(admin_client, minutes):
    url = reverse("admin:governance_case_change", args=[minutes.case.pk])

    page = admin_client.get(url).content.decode()
    assert "Årsplan" in page and "attachments-0-DELETE" not in page
    response = admin_client.post(
        url,
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": minutes.attachment.pk,
            "attachments-0-DELETE": "on",
        },
    )
    assert response.status_code == 403
    _minutes_unchanged(minutes)


def test_the_minutes_page_and_services_refuse_published_minutes(client, coordinator, minutes):
    """Published minutes keep the status "held" until approved: the page used to save notes and attendance."""
    client.force_login(coordinator)
    url = reverse("meetings:minutes_edit", kwargs={"pk": minutes.meeting.pk})

    assert client.get(url).status_code == 302
    response = client.post(
        url, {"other_attendees": "", "minutes_notes": "Omskrevet.", "present": [minutes.attendance.person_id]}
    )
    assert response.status_code == 302
    for write in (
        lambda: update_minutes(meeting=minutes.meeting, other_attendees="", minutes_notes="Omskrevet.", by=coordinator),
        lambda: record_attendance(meeting=minutes.meeting, present_person_ids={minutes.attendance.person_id}),
        lambda: remove_attachment(attachment=minutes.attachment, by=coordinator),
    ):
        with pytest.raises(ValidationError):
            write()
    _minutes_unchanged(minutes)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes_notes", "Omskrevet."),
        ("other_attendees", ""),
        ("place", "Bergen"),
        ("date", datetime.date(2024, 3, 15)),
        ("minutes_published_at", None),
    ],
)
def test_save_of_a_changed_published_minutes_field_is_refused(minutes, field, value):
    setattr(minutes.meeting, field, value)
    with pytest.raises(ValidationError) as raised:
        minutes.meeting.save()
    assert raised.value.code == "minutes_final"
    with pytest.raises(ValidationError):
        minutes.meeting.save(update_fields=[field])
    _minutes_unchanged(minutes)


def test_published_minutes_can_still_be_approved_in_the_next_meeting(plan, coordinator, minutes):
    """Approval is a later event, not a change of the minutes: status and approval fields still move."""
    june = plan(datetime.date(2024, 6, 13))
    approval = june.cases.get(approves_minutes_of=minutes.meeting)
    mark_meeting_held(meeting=june, by=coordinator)

    record_decision(case=approval, decision="Protokollen godkjennes.", by=coordinator)

    meeting = Meeting.objects.get(pk=minutes.meeting.pk)
    assert (meeting.status, meeting.minutes_approved_in) == (Meeting.Status.MINUTES_APPROVED, june)
    meeting.save()  # nothing changed: allowed
    _minutes_unchanged(minutes)


def test_queryset_update_bulk_update_and_delete_of_published_minutes_are_refused(minutes):
    with pytest.raises(ValidationError):
        Meeting.objects.filter(pk=minutes.meeting.pk).update(minutes_notes="Omskrevet.")
    with pytest.raises(ValidationError):
        Meeting.objects.all().update(place="Bergen")
    minutes.meeting.other_attendees = ""
    with pytest.raises(ValidationError), transaction.atomic():
        Meeting.objects.bulk_update([minutes.meeting], ["other_attendees"])
    with pytest.raises(ValidationError):
        minutes.meeting.delete()
    with pytest.raises(ValidationError):
        Meeting.objects.filter(pk=minutes.meeting.pk).delete()
    _minutes_unchanged(minutes)


def test_attendance_of_published_minutes_is_never_added_changed_or_deleted(minutes):
    row = minutes.attendance
    row.present = True
    with pytest.raises(ValidationError) as raised:
        row.save()
    assert raised.value.code == "minutes_final"
    with pytest.raises(ValidationError):
        Attendance.objects.filter(pk=row.pk).update(note="")
    with pytest.raises(ValidationError), transaction.atomic():
        Attendance.objects.bulk_update([row], ["present"])
    with pytest.raises(ValidationError):
        row.delete()
    with pytest.raises(ValidationError):
        minutes.meeting.attendances.all().delete()
    newcomer = Attendance(meeting=minutes.meeting, person=PersonFactory(), role="Gjest")
    with pytest.raises(ValidationError):
        newcomer.save()
    with pytest.raises(ValidationError):
        Attendance.objects.bulk_create([newcomer])
    _minutes_unchanged(minutes)


def test_an_attachment_of_a_final_decision_is_never_deleted_replaced_or_added(minutes):
    attachment = CaseAttachment.objects.get(pk=minutes.attachment.pk)
    with pytest.raises(ValidationError) as raised:
        attachment.file.delete()  # would remove the file from disk before saving the row
    assert raised.value.code == "attachment_final"
    with pytest.raises(ValidationError):
        attachment.file.save("annen.pdf", ContentFile(b"%PDF-1.4\nannen\n"))
    attachment = CaseAttachment.objects.get(pk=minutes.attachment.pk)
    attachment.title = "Annen tittel"
    with pytest.raises(ValidationError):
        attachment.save()
    with pytest.raises(ValidationError):
        CaseAttachment.objects.filter(pk=attachment.pk).update(file="cases/annen.pdf")
    with pytest.raises(ValidationError):
        attachment.delete()
    with pytest.raises(ValidationError):
        CaseAttachment.objects.filter(case=minutes.case).delete()
    extra = CaseAttachment(
        case=minutes.case, title="Ny", original_name="ny.pdf", content_type="application/pdf", size=1
    )
    with pytest.raises(ValidationError):
        extra.save()
    _minutes_unchanged(minutes)


def test_attachments_of_open_cases_and_attendance_of_unpublished_minutes_still_change(
    plan, add_case, coordinator, steering_group
):
    TermFactory(body=steering_group)
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Åpen sak")
    attachment = add_attachment(case=case, upload=SimpleUploadedFile("a.pdf", PDF_BYTES), by=coordinator)
    mark_meeting_held(meeting=meeting, by=coordinator)

    Attendance.objects.filter(meeting=meeting).update(note="Kom sent")
    update_minutes(meeting=meeting, other_attendees="", minutes_notes="Utkast.", by=coordinator)
    attachment.delete()

    assert meeting.attendances.get().note == "Kom sent"
    assert not case.attachments.exists()


def test_the_database_refuses_raw_sql_on_published_minutes_attendance_and_attachments(minutes):
    if not on_postgresql():
        pytest.skip("the triggers of governance 0007 exist only on PostgreSQL")
    person = PersonFactory()
    for sql, params, message in (
        ("UPDATE governance_meeting SET minutes_notes = 'Omskrevet.' WHERE id = %s", [minutes.meeting.pk], "never"),
        ("UPDATE governance_meeting SET other_attendees = '' WHERE id = %s", [minutes.meeting.pk], "never"),
        ("UPDATE governance_meeting SET place = 'Bergen' WHERE id = %s", [minutes.meeting.pk], "never"),
        ("UPDATE governance_attendance SET present = true WHERE id = %s", [minutes.attendance.pk], "attendance"),
        ("DELETE FROM governance_attendance WHERE id = %s", [minutes.attendance.pk], "attendance"),
        (
            "INSERT INTO governance_attendance (meeting_id, person_id, role, present, note)"
            " VALUES (%s, %s, '', true, '')",
            [minutes.meeting.pk, person.pk],
            "attendance",
        ),
        ("UPDATE governance_caseattachment SET file = 'x.pdf' WHERE id = %s", [minutes.attachment.pk], "final"),
        ("DELETE FROM governance_caseattachment WHERE id = %s", [minutes.attachment.pk], "final"),
        (
            "INSERT INTO governance_caseattachment (case_id, file, title, original_name, content_type, size,"
            " uploaded_at) VALUES (%s, 'x.pdf', 'x', 'x.pdf', 'application/pdf', 1, now())",
            [minutes.case.pk],
            "final",
        ),
    ):
        with pytest.raises(DatabaseError, match=message):
            _raw(sql, params)
    _minutes_unchanged(minutes)


def test_the_database_still_lets_published_minutes_be_approved(minutes):
    if not on_postgresql():
        pytest.skip("the triggers of governance 0007 exist only on PostgreSQL")
    _raw(
        "UPDATE governance_meeting SET status = 'minutes_approved', minutes_approved_at = now() WHERE id = %s",
        [minutes.meeting.pk],
    )
    assert Meeting.objects.get(pk=minutes.meeting.pk).status == Meeting.Status.MINUTES_APPROVED
    _minutes_unchanged(minutes)
