"""Attendance (R11): check-in at the door, walk-ins, participant lists from file, and anonymising a participant (R12).

Attendance at a physical gathering counts for the yearly obligations (R6).
"""

from __future__ import annotations

import codecs
import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Person, User

from ..models import Attendance, Event, ParticipantImport, ParticipantRow, Registration
from .registrations import normalise_email

WALK_IN_BATCH = "Innsjekking uten påmelding"

# --- attendance -----------------------------------------------------------------------------


def _person_by_email(email: str) -> tuple[Person | None, bool]:
    """The one person with this email; (None, True) when several share it (ambiguous)."""
    if not email:
        return None, False
    people = list(
        Person.objects.filter(email__iexact=email, anonymised_at__isnull=True).select_related("organisation")[:2]
    )
    if len(people) == 1:
        return people[0], False
    return None, len(people) > 1


def _existing_attendance(event: Event, *, person: Person | None, email: str, registration: Registration | None):
    same = Q(pk__in=[])
    if person is not None:
        same |= Q(person=person)
    if email:
        same |= Q(email__iexact=email)
    if registration is not None:
        same |= Q(registration=registration)
    return Attendance.objects.filter(event=event).filter(same).first()


def _record(
    *,
    event: Event,
    source: str,
    by: User | None,
    person: Person | None = None,
    registration: Registration | None = None,
    name: str = "",
    email: str = "",
) -> Attendance:
    email = normalise_email(email or (person.email if person else "") or (registration.email if registration else ""))
    if person is None and registration is not None and registration.person_id:
        person = registration.person
    if person is None and email:
        person, _ambiguous = _person_by_email(email)
    if registration is None:
        same = Q(pk__in=[])
        if person is not None:
            same |= Q(person=person)
        if email:
            same |= Q(email__iexact=email)
        registration = event.registrations.filter(same).exclude(status=Registration.Status.CANCELLED).first()
    existing = _existing_attendance(event, person=person, email=email, registration=registration)
    if existing is not None:
        return existing
    organisation = None
    if person is not None and person.organisation_id:
        organisation = person.organisation
    elif registration is not None and registration.organisation_id:
        organisation = registration.organisation
    attendance = Attendance(
        event=event,
        person=person,
        registration=registration,
        organisation=organisation,
        name=(person.full_name if person else "") or (registration.name if registration else "") or name,
        email=email,
        source=source,
        recorded_by=by,
    )
    attendance.full_clean(
        exclude=["event", "person", "registration", "organisation", "recorded_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    attendance._history_user = by
    attendance.save()
    return attendance


@transaction.atomic
def check_in(*, registration: Registration, by: User | None) -> Attendance:
    """Mark that a registered person came (the coordinator's check-in list). Twice is harmless."""
    Event.objects.select_for_update().get(pk=registration.event_id)
    return _record(event=registration.event, registration=registration, source=Attendance.Source.CHECK_IN, by=by)


@transaction.atomic
def check_in_person(*, event: Event, person: Person, by: User | None) -> Attendance:
    """Mark that a person came without having registered."""
    Event.objects.select_for_update().get(pk=event.pk)
    return _record(event=event, person=person, source=Attendance.Source.CHECK_IN, by=by)


@transaction.atomic
def undo_check_in(*, attendance: Attendance, by: User | None) -> None:
    """Remove a mistaken attendance mark (history keeps who did it)."""
    attendance._history_user = by
    ParticipantRow.objects.filter(attendance=attendance).update(
        status=ParticipantRow.Status.PENDING, attendance=None, resolved_at=None, resolved_by=None
    )
    attendance.delete()


HEADER_ALIASES = {
    "name": {
        "name",
        "navn",
        "fullt navn",
        "full name",
        "deltaker",
        "participant",
        "name (original name)",
        "navn (opprinnelig navn)",
    },
    "first_name": {"fornavn", "first name", "firstname"},
    "last_name": {"etternavn", "last name", "lastname", "surname"},
    "email": {
        "email",
        "e-mail",
        "e-post",
        "epost",
        "mail",
        "e-postadresse",
        "user email",
        "email address",
        "brukerens e-post",
    },
    "organisation": {
        "organisation",
        "organization",
        "organisasjon",
        "kommune",
        "virksomhet",
        "org",
        "company",
        "firma",
    },
}


# A gathering has a few hundred participants; far more rows is a wrong file, and each row costs queries.
MAX_PARTICIPANT_ROWS = 5_000


def _decode_participant_list(content: bytes) -> str:
    """UTF-16 when it says so (Excel's "Unicode text"), else UTF-8 (with or without BOM), else Windows-1252."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Filen kan ikke leses som tekst. Lagre den som CSV (UTF-8) og prøv igjen."))


def _read_csv(content: bytes | str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a participant list as (line number, {name, email, organisation}).

    Reads UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252 as Excel writes them; comma, semicolon or
    tab; a header row in Norwegian or English (Teams and Zoom reports included), else the
    columns name, email, organisation in that order.
    """
    text = _decode_participant_list(content) if isinstance(content, bytes) else content
    if not text.strip():
        raise ValidationError(_("Filen er tom."))
    if "\x00" in text:
        # PostgreSQL stores no NUL characters; such a file is binary or in an encoding we do not read.
        raise ValidationError(_("Filen inneholder ugyldige tegn. Lagre den som CSV (UTF-8) og prøv igjen."))
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = list(reader)
    except csv.Error as error:  # an unterminated quote, a cell over the csv module's size limit
        raise ValidationError(
            _("Filen kan ikke leses som CSV (linje %(line)s). Ingenting er importert.") % {"line": reader.line_num}
        ) from error
    if len(rows) > MAX_PARTICIPANT_ROWS:
        raise ValidationError(
            _("Filen har %(rows)s linjer; høyst %(max)s kan importeres om gangen.")
            % {"rows": len(rows), "max": MAX_PARTICIPANT_ROWS}
        )
    header = [h.strip().lower() for h in rows[0]]
    columns: dict[str, int] = {}
    for key, aliases in HEADER_ALIASES.items():
        for index, title in enumerate(header):
            if title in aliases:
                columns[key] = index
                break
    if "email" in columns:
        data = list(enumerate(rows[1:], start=2))
    else:
        # No header row we recognise: the documented order (name, email, organisation).
        columns = {"name": 0, "email": 1, "organisation": 2}
        data = list(enumerate(rows, start=1))
    result = []
    for line, row in data:
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row=row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        name = cell("name") or " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
        result.append((line, {"name": name, "email": cell("email"), "organisation": cell("organisation")}))
    return result


def _take_row(
    *, event: Event, batch: ParticipantImport, line: int, data: dict[str, str], source: str, by: User | None
) -> Attendance | ParticipantRow | None:
    """One participant: attendance when the email finds one person or a registration, else a review row."""
    email = normalise_email(data["email"])
    person, ambiguous = _person_by_email(email)
    registration = None
    if person is None and email:
        registration = (
            event.registrations.filter(email__iexact=email).exclude(status=Registration.Status.CANCELLED).first()
        )
    if person is not None or registration is not None:
        return _record(
            event=event, person=person, registration=registration, name=data["name"], email=email, source=source, by=by
        )
    if ParticipantRow.objects.filter(
        event=event, email__iexact=data["email"][:254], name__iexact=data["name"][:200]
    ).exists():
        return None  # the same participant is in the review list already
    if not email:
        reason = _("Mangler e-postadresse")
    elif ambiguous:
        reason = _("Flere personer har denne e-postadressen")
    else:
        reason = _("Ingen person eller påmelding med denne e-postadressen")
    return ParticipantRow.objects.create(
        participant_import=batch,
        event=event,
        line_number=line,
        name=data["name"][:200],
        email=data["email"][:254],
        organisation_name=data["organisation"][:200],
        reason=reason,
    )


@transaction.atomic
def import_participants(
    *, event: Event, content: bytes | str, file_name: str = "", by: User | None
) -> ParticipantImport:
    """Record attendance from a participant list (CSV: name, email, organisation).

    Each row is matched by email to a person, else to a registration for the event. Rows
    that match no one (or several people) are kept as ParticipantRow for manual matching:
    never silently dropped. Importing the same list again adds neither attendance nor
    review rows twice.
    """
    rows = _read_csv(content)
    Event.objects.select_for_update().get(pk=event.pk)
    batch = ParticipantImport.objects.create(
        event=event, file_name=file_name[:200], imported_by=by, row_count=len(rows)
    )
    matched = 0
    for line, data in rows:
        taken = _take_row(event=event, batch=batch, line=line, data=data, source=Attendance.Source.IMPORT, by=by)
        matched += isinstance(taken, Attendance)
    batch.matched_count = matched
    batch.save(update_fields=["matched_count"])
    return batch


@transaction.atomic
def record_walk_in(
    *, event: Event, name: str, email: str, organisation_name: str = "", by: User | None
) -> Attendance | ParticipantRow | None:
    """Someone came without registering (the check-in page): attendance, or a row to match by hand."""
    if not (name or "").strip() and not (email or "").strip():
        raise ValidationError(_("Skriv inn navn eller e-post."))
    Event.objects.select_for_update().get(pk=event.pk)
    batch, _created = ParticipantImport.objects.get_or_create(
        event=event, file_name=WALK_IN_BATCH, defaults={"imported_by": by}
    )
    taken = _take_row(
        event=event,
        batch=batch,
        line=batch.row_count + 1,
        data={"name": name.strip(), "email": email.strip(), "organisation": organisation_name.strip()},
        source=Attendance.Source.CHECK_IN,
        by=by,
    )
    batch.row_count += 1
    batch.matched_count += isinstance(taken, Attendance)
    batch.save(update_fields=["row_count", "matched_count"])
    return taken


@transaction.atomic
def match_participant_row(*, row: ParticipantRow, person: Person, by: User | None) -> Attendance:
    """The coordinator says who an unmatched row is: attendance is recorded for that person."""
    Event.objects.select_for_update().get(pk=row.event_id)
    locked = ParticipantRow.objects.select_for_update().get(pk=row.pk)
    if locked.status != ParticipantRow.Status.PENDING:
        raise ValidationError(_("Raden er allerede behandlet."))
    attendance = _record(event=locked.event, person=person, source=Attendance.Source.MANUAL, by=by)
    locked.status = ParticipantRow.Status.MATCHED
    locked.attendance = attendance
    locked.resolved_at = timezone.now()
    locked.resolved_by = by
    locked._history_user = by
    locked.save()
    return attendance


@transaction.atomic
def dismiss_participant_row(*, row: ParticipantRow, by: User | None) -> ParticipantRow:
    """The coordinator decides a row is no one to count (a test line, a guest): kept, marked dismissed."""
    locked = ParticipantRow.objects.select_for_update().get(pk=row.pk)
    if locked.status != ParticipantRow.Status.PENDING:
        raise ValidationError(_("Raden er allerede behandlet."))
    locked.status = ParticipantRow.Status.DISMISSED
    locked.resolved_at = timezone.now()
    locked.resolved_by = by
    locked._history_user = by
    locked.save()
    return locked


# --- personal data (R12) ----------------------------------------------------------------------


@transaction.atomic
def anonymise_participant(*, email: str, person: Person | None = None, by: User | None) -> int:
    """Remove name and email from registrations, attendance and review rows of one participant.

    The rows stay (attendance still counts for the organisation's obligations, R6); only
    what identifies the person goes. Returns how many rows were changed.
    """
    email = normalise_email(email)
    label = _("Anonymisert")
    same = Q(pk__in=[])
    if email:
        same |= Q(email__iexact=email)
    if person is not None:
        same |= Q(person=person)
    changed = 0
    for model in (Registration, Attendance):
        for row in model.objects.select_for_update().filter(same):
            row.name = label
            row.email = ""
            if model is Registration:
                row.organisation_name = "" if row.organisation_id is None else row.organisation_name
            row._history_user = by
            row.save()
            changed += 1
    if email:
        for row in ParticipantRow.objects.select_for_update().filter(email__iexact=email):
            row.name, row.email, row._history_user = label, "", by
            row.save()
            changed += 1
    # The history keeps who changed what and when, but not the person's name and email any more.
    history_filter = Q(email__iexact=email) if email else Q(pk__in=[])
    if person is not None:
        history_filter |= Q(person_id=person.pk)
    Registration.history.filter(history_filter).update(name=label, email="")
    Attendance.history.filter(history_filter).update(name=label, email="")
    if email:
        ParticipantRow.history.filter(email__iexact=email).update(name=label, email="")
    return changed

