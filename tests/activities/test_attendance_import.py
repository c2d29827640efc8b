"""Participant lists (CSV): rows are matched by email; rows that match no one are kept for review."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities import services
from activities.models import Attendance, ParticipantRow
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CSV = (
    "Navn;E-post;Organisasjon\n"
    "Kari Hansen;KARI.HANSEN@asker.kommune.no;Asker kommune\n"
    "Gjest Gjestesen;gjest@firma.no;Firma AS\n"
    "Uten Epost;;Bærum kommune\n"
    "Public Deltaker;public@example.no;Eget firma\n"
)


def test_rows_are_matched_by_email_and_the_rest_kept_for_manual_matching(coordinator):
    kari = PersonFactory(first_name="Kari", last_name="Hansen", email="kari.hansen@asker.kommune.no")
    event = EventFactory()
    registered = RegistrationFactory(event=event, name="Public Deltaker", email="public@example.no")

    batch = services.import_participants(event=event, content=CSV.encode("utf-8-sig"), file_name="liste.csv", by=coordinator)

    assert batch.row_count == 4 and batch.matched_count == 2
    assert Attendance.objects.get(event=event, person=kari).organisation == kari.organisation
    assert Attendance.objects.get(event=event, registration=registered).name == "Public Deltaker"
    kept = ParticipantRow.objects.filter(event=event, status=ParticipantRow.Status.PENDING).order_by("line_number")
    assert [(r.line_number, r.name, r.email) for r in kept] == [
        (3, "Gjest Gjestesen", "gjest@firma.no"),
        (4, "Uten Epost", ""),
    ]
    assert "e-post" in kept[1].reason.lower()


def test_an_email_shared_by_two_people_is_kept_for_review_not_guessed(coordinator):
    PersonFactory(email="felles@kommune.no")
    PersonFactory(email="felles@kommune.no")
    event = EventFactory()
    services.import_participants(event=event, content="navn,email\nNoen,felles@kommune.no\n", by=coordinator)
    assert not Attendance.objects.exists()
    row = ParticipantRow.objects.get()
    assert "Flere personer" in row.reason


def test_a_list_without_header_is_read_as_name_email_organisation(coordinator):
    person = PersonFactory(email="ola@kommune.no")
    event = EventFactory()
    services.import_participants(event=event, content="Ola Nordmann,ola@kommune.no,Kommune\n", by=coordinator)
    assert Attendance.objects.get().person == person


def test_importing_the_same_list_twice_counts_each_person_once(coordinator):
    PersonFactory(email="ola@kommune.no")
    event = EventFactory()
    for _ in range(2):
        services.import_participants(event=event, content="navn,e-post\nOla,ola@kommune.no\n", by=coordinator)
    assert Attendance.objects.count() == 1


def test_manual_matching_records_attendance_for_the_chosen_person(coordinator):
    event = EventFactory()
    services.import_participants(event=event, content="navn,e-post\nK. Hansen,privat@gmail.com\n", by=coordinator)
    row = ParticipantRow.objects.get()
    person = PersonFactory(first_name="Kari", last_name="Hansen")

    attendance = services.match_participant_row(row=row, person=person, by=coordinator)

    row.refresh_from_db()
    assert row.status == ParticipantRow.Status.MATCHED and row.attendance == attendance
    assert attendance.organisation == person.organisation and attendance.source == Attendance.Source.MANUAL


def test_dismissing_a_row_keeps_it_with_who_decided(coordinator):
    event = EventFactory()
    services.import_participants(event=event, content="navn,e-post\nTest,test@test.no\n", by=coordinator)
    row = services.dismiss_participant_row(row=ParticipantRow.objects.get(), by=coordinator)
    assert ParticipantRow.objects.filter(pk=row.pk, status="dismissed", resolved_by=coordinator).exists()


def test_import_page_shows_unmatched_rows_and_matches_by_email(client, coordinator):
    event = EventFactory()
    client.force_login(coordinator)
    upload = SimpleUploadedFile("liste.csv", b"navn;e-post;organisasjon\nUkjent Person;ukjent@x.no;X\n")
    response = client.post(reverse("activities:attendance_import", args=[event.pk]), {"file": upload}, follow=True)
    assert "Ukjent Person" in response.content.decode()

    row = ParticipantRow.objects.get()
    person = PersonFactory(email="riktig@kommune.no")
    client.post(reverse("activities:participant_row_match", args=[row.pk]), {f"row{row.pk}-email": "riktig@kommune.no"})
    assert Attendance.objects.get(event=event).person == person


def test_an_empty_file_is_refused_with_a_message(client, coordinator):
    event = EventFactory()
    client.force_login(coordinator)
    upload = SimpleUploadedFile("tom.csv", b"")
    response = client.post(reverse("activities:attendance_import", args=[event.pk]), {"file": upload})
    assert response.status_code == 200
    assert not ParticipantRow.objects.exists()


def test_importing_the_same_unmatched_rows_twice_keeps_one_review_row_each(coordinator):
    event = EventFactory()
    content = "navn,e-post\nGjest,gjest@firma.no\nUten e-post,\n"
    for _ in range(2):
        services.import_participants(event=event, content=content, by=coordinator)
    assert ParticipantRow.objects.filter(event=event).count() == 2


def test_a_teams_report_with_first_and_last_name_columns_is_read(coordinator):
    person = PersonFactory(email="kari@kommune.no")
    event = EventFactory()
    content = "Fornavn\tEtternavn\tE-post\nKari\tNordmann\tkari@kommune.no\nPer\tUkjent\tper@x.no\n"
    services.import_participants(event=event, content=content.encode("cp1252"), by=coordinator)
    assert Attendance.objects.get().person == person
    assert ParticipantRow.objects.get().name == "Per Ukjent"


def test_a_windows_1252_file_with_norwegian_letters_is_read(coordinator):
    event = EventFactory()
    services.import_participants(
        event=event, content="navn;e-post\nBjørn Ødegård;bjorn@x.no\n".encode("cp1252"), by=coordinator
    )
    assert ParticipantRow.objects.get().name == "Bjørn Ødegård"


def test_the_review_list_suggests_people_with_the_same_surname_or_organisation(coordinator):
    from activities import queries

    hansen = PersonFactory(first_name="Kari", last_name="Hansen")
    colleague = PersonFactory(first_name="Per", last_name="Berg", organisation__name="Lillevik kommune")
    PersonFactory(first_name="Ola", last_name="Annen")
    event = EventFactory()
    services.import_participants(
        event=event, content="navn,e-post,organisasjon\nK. Hansen,k@privat.no,\nNoen,n@privat.no,Lillevik kommune\n", by=coordinator
    )
    rows = list(queries.pending_participant_rows(event))
    candidates = queries.person_candidates(rows)
    assert candidates[rows[0].pk] == [hansen]
    assert candidates[rows[1].pk] == [colleague]
