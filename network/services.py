"""Actions on activities (R11): events, registrations with waiting list, attendance, participant lists.

Every write to events, registrations and attendance goes through here; views, admin,
tasks and the demo seeder call these functions.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url, site_url, using_site_url
from members.models import Organisation, Person, User

from . import ical
from .models import Attendance, Event, ParticipantImport, ParticipantRow, Registration

CANCEL_SALT = "network.registration.cancel"
WALK_IN_BATCH = "Innsjekking uten påmelding"

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "video_url",
    "registration_deadline",
    "capacity",
    "audience",
)


class AlreadyRegistered(ValidationError):
    """The person (or email) already has a place or is on the waiting list: said politely, nothing changes."""

    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(
            _("%(email)s er allerede påmeldt «%(event)s». Du trenger ikke melde deg på igjen.")
            % {"email": registration.email or registration.name, "event": registration.event.title},
            code="already_registered",
        )


# --- events ---------------------------------------------------------------------------------


@transaction.atomic
def create_event(*, by: User | None, **fields: Any) -> Event:
    event = Event(**{k: v for k, v in fields.items() if k in EVENT_FIELDS})
    event.full_clean()
    event._history_user = by
    event.save()
    return event


@transaction.atomic
def update_event(*, event: Event, by: User | None, **fields: Any) -> Event:
    """Change an event; when places open up (more capacity), the waiting list moves up."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    for key, value in fields.items():
        if key in EVENT_FIELDS:
            setattr(locked, key, value)
    locked.full_clean()
    locked._history_user = by
    locked.save()
    _promote_waiting(locked)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, by: User | None) -> Event:
    """Cancel an event; everyone registered or waiting is told by email (once). Twice is harmless."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.cancelled_at is not None:
        return locked
    locked.cancelled_at = timezone.now()
    locked._history_user = by
    locked.save(update_fields=["cancelled_at"])
    if locked.ends_at > locked.cancelled_at:
        for registration_id in (
            locked.registrations.exclude(status=Registration.Status.CANCELLED)
            .exclude(email="")
            .values_list("pk", flat=True)
        ):
            send_event_cancelled_task.delay_on_commit(registration_id, site_url=site_url())
    return locked


# --- registration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    waiting: bool


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    person: Person | None = None,
    organisation: Organisation | None = None,
    by: User | None = None,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> RegistrationOutcome:
    now = now or timezone.now()
    email = _normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Skriv inn navnet.")})
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Skriv inn en gyldig e-postadresse.")}) from None
    with transaction.atomic():
        # The event row is the lock: places and the queue are decided one registration at a time.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            raise ValidationError(_("Arrangementet er avlyst."))
        if not locked.registration_open(now):
            raise ValidationError(_("Påmeldingen til «%(event)s» er stengt.") % {"event": locked.title})
        same = Q(pk__in=[])
        if email:
            same |= Q(email__iexact=email)
        if person is not None:
            same |= Q(person=person)
        existing = Registration.objects.select_for_update().filter(event=locked).filter(same).first()
        if existing is not None and existing.status != Registration.Status.CANCELLED:
            raise AlreadyRegistered(existing)
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        waiting_exists = locked.registrations.filter(status=Registration.Status.WAITING).exists()
        full = locked.capacity is not None and (confirmed >= locked.capacity or waiting_exists)
        registration = existing or Registration(event=locked)
        registration.person = person
        registration.organisation = organisation
        registration.name = name
        registration.email = email
        registration.organisation_name = organisation_name.strip() if organisation is None else organisation.name
        registration.status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
        registration.registered_at = now
        registration.registered_by = by
        registration.cancelled_at = None
        registration.confirmation_sent_at = None
        registration.promotion_sent_at = None
        # Related rows are known to exist (we hold them); the database checks constraints on save.
        registration.full_clean(
            exclude=["event", "person", "organisation", "registered_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        registration._history_user = by
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The database is the last guard against a second registration with the same email.
            raise AlreadyRegistered(
                Registration.objects.filter(event=locked).filter(same).exclude(status="cancelled").first()
                or registration
            ) from None
        if registration.email and notify:
            send_registration_confirmation_task.delay_on_commit(registration.pk, site_url=site_url())
    return RegistrationOutcome(registration=registration, waiting=registration.status == Registration.Status.WAITING)


def register_publicly(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> RegistrationOutcome:
    """Registration without an account, for open events (Bærekraftsfredag). One per email per event."""
    if not event.is_open:
        raise ValidationError(_("Dette arrangementet er bare for medlemmer."))
    if not _normalise_email(email):
        raise ValidationError({"email": _("Skriv inn e-postadressen din.")})
    person = (
        Person.objects.filter(email__iexact=_normalise_email(email), anonymised_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    return _register(
        event=event,
        name=name,
        email=email,
        organisation_name=organisation_name,
        person=person,
        organisation=person.organisation if person and person.organisation_id else None,
        now=now,
        notify=notify,
    )


def register_person(
    *, event: Event, person: Person, by: User | None, now: datetime.datetime | None = None, notify: bool = True
) -> RegistrationOutcome:
    """A member contact registers someone of their own organisation (the view checks it is theirs)."""
    return _register(
        event=event,
        name=person.full_name,
        email=person.email,
        person=person,
        organisation=person.organisation,
        by=by,
        now=now,
        notify=notify,
    )


def register_colleague(
    *,
    event: Event,
    organisation: Organisation,
    name: str,
    email: str,
    by: User | None,
    now: datetime.datetime | None = None,
) -> RegistrationOutcome:
    """A member contact registers a colleague who is not yet in the register, by name and email."""
    if not _normalise_email(email):
        raise ValidationError({"email": _("Skriv inn e-postadressen til kollegaen.")})
    person = Person.objects.filter(
        organisation=organisation, email__iexact=_normalise_email(email), anonymised_at__isnull=True
    ).first()
    if person is not None:
        return register_person(event=event, person=person, by=by, now=now)
    return _register(event=event, name=name, email=email, organisation=organisation, by=by, now=now)


def _promote_waiting(event: Event) -> list[Registration]:
    """Give free places to the first on the waiting list. The caller holds the event's row lock."""
    if event.capacity is None:
        waiting = list(event.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk"))
    else:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = max(event.capacity - confirmed, 0)
        waiting = list(
            event.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk")[:free]
        )
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        if registration.email:
            send_waiting_list_promotion_task.delay_on_commit(registration.pk, site_url=site_url())
    return waiting


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User | None = None) -> Registration | None:
    """Cancel a place; the first on the waiting list gets it. Returns who moved up, if anyone.

    Cancelling twice is harmless: the second time nothing changes.
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == Registration.Status.CANCELLED:
        return None
    locked.status = Registration.Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked._history_user = by
    locked.save(update_fields=["status", "cancelled_at"])
    promoted = _promote_waiting(event)
    return promoted[0] if promoted else None


def cancel_token(registration: Registration) -> str:
    """A signed token for the cancel link in the confirmation email."""
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a cancel link points at, or None for a forged or stale link."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    registration = Registration.objects.select_related("event").filter(pk=data.get("r")).first()
    if registration is None or registration.email != data.get("e"):
        return None
    return registration


def cancel_url(registration: Registration) -> str:
    return absolute_url(reverse("network:registration_cancel", args=[cancel_token(registration)]))


def allow_public_attempt(*, client_key: str, now: float | None = None) -> bool:
    """Rate limit on public registration, kept in the cache: at most N attempts per window per client."""
    limit, window = getattr(settings, "ACTIVITIES_PUBLIC_REGISTRATION_RATE", (10, 600))
    key = f"network:public-registration:{client_key}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return True
    return count <= limit


# --- emails ---------------------------------------------------------------------------------


def _language_for(registration: Registration) -> str:
    if registration.person_id and registration.person.preferred_language:
        return registration.person.preferred_language
    return settings.LANGUAGE_CODE


def _send_registration_email(registration: Registration, *, template: str, with_cancel_link: bool = True) -> None:
    with translation.override(_language_for(registration)):
        context = {
            "registration": registration,
            "event": registration.event,
            "cancel_url": cancel_url(registration) if with_cancel_link else "",
            "event_url": absolute_url(reverse("network:event_detail", args=[registration.event_id])),
        }
        subject = render_to_string(f"network/events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"network/events/email/{template}.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[registration.email])
        message.attach(
            "arrangement.ics",
            ical.calendar([registration.event], method="PUBLISH", with_video_links=True),
            "text/calendar",
        )
        message.send()


def send_registration_confirmation(*, registration_id: int) -> bool:
    """Email the confirmation (or waiting-list notice) once, with a cancel link and a .ics file."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.confirmation_sent_at or not registration.email:
            return False
        if registration.status == Registration.Status.CANCELLED:
            return False
        template = "waiting" if registration.status == Registration.Status.WAITING else "confirmation"
        _send_registration_email(registration, template=template)
        registration.confirmation_sent_at = timezone.now()
        registration.save(update_fields=["confirmation_sent_at"])
    return True


def send_waiting_list_promotion(*, registration_id: int) -> bool:
    """Tell someone who moved up from the waiting list that they have a place. Once."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.promotion_sent_at or not registration.email:
            return False
        if registration.status != Registration.Status.CONFIRMED:
            return False
        _send_registration_email(registration, template="promoted")
        registration.promotion_sent_at = timezone.now()
        registration.save(update_fields=["promotion_sent_at"])
    return True


def send_event_cancelled(*, registration_id: int) -> bool:
    """Tell someone registered (or waiting) that the event is cancelled. Once."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.event_cancelled_sent_at or not registration.email:
            return False
        if not registration.event.is_cancelled or registration.status == Registration.Status.CANCELLED:
            return False
        _send_registration_email(registration, template="cancelled", with_cancel_link=False)
        registration.event_cancelled_sent_at = timezone.now()
        registration.save(update_fields=["event_cancelled_sent_at"])
    return True


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
    email = _normalise_email(email or (person.email if person else "") or (registration.email if registration else ""))
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
    email = _normalise_email(data["email"])
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
    email = _normalise_email(email)
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


# --- Celery tasks: thin, idempotent wrappers around the emails above, each takes an id (docs/architecture.md) ---
# Registered under their names from before they moved here (network/tasks.py gathers them).


@shared_task(
    name="network.tasks.send_registration_confirmation",
    bind=True,
    max_retries=5,
    acks_late=True,
    default_retry_delay=60,
)
def send_registration_confirmation_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Confirmation (or waiting-list notice) with a cancel link and a .ics file; sent once."""
    try:
        with using_site_url(site_url):
            send_registration_confirmation(registration_id=registration_id)
    except OSError as error:  # SMTP down: try again later
        raise self.retry(exc=error) from error


@shared_task(
    name="network.tasks.send_waiting_list_promotion", bind=True, max_retries=5, acks_late=True, default_retry_delay=60
)
def send_waiting_list_promotion_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell someone who moved up from the waiting list that they have a place; sent once."""
    try:
        with using_site_url(site_url):
            send_waiting_list_promotion(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error


@shared_task(
    name="network.tasks.send_event_cancelled", bind=True, max_retries=5, acks_late=True, default_retry_delay=60
)
def send_event_cancelled_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell one registered person that the event is cancelled; sent once."""
    try:
        with using_site_url(site_url):
            send_event_cancelled(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error
