"""Actions on meetings, minutes and decisions (R8); cases and attachments are in
governance.services.cases, whose actions are re-exported here. Every write of this area goes
through these two modules."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.links import site_url, using_site_url
from members.emails import sender
from members.models import User
from members.networks import using_network

from ..models import (
    Attendance,
    Body,
    BodyKind,
    CalendarToken,
    Case,
    Meeting,
    Term,
)
from ..models.meetings import minutes_final_error
from ..queries.bodies import current_terms

# The cases' part of this area, re-exported for the callers of governance.services.meetings.
from .cases import MAX_ATTACHMENT_BYTES as MAX_ATTACHMENT_BYTES
from .cases import _lock_case, _lock_meeting, _place_on_agenda, _save
from .cases import add_attachment as add_attachment
from .cases import create_case as create_case
from .cases import move_case as move_case
from .cases import put_case_on_agenda as put_case_on_agenda
from .cases import remove_attachment as remove_attachment
from .cases import reorder_case as reorder_case
from .cases import update_case as update_case
from .cases import validate_attachment as validate_attachment
from .cases import withdraw_case as withdraw_case


@transaction.atomic
def schedule_meeting(
    *,
    body: Body,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time | None = None,
    place: str = "",
    video_link: str = "",
    by: User | None = None,
) -> Meeting:
    """Plan a meeting. Minutes of an earlier meeting still waiting for approval go on its agenda."""
    if body.kind not in (BodyKind.STEERING_GROUP, BodyKind.WORKING_GROUP):
        raise ValidationError(_("Møter kan bare planlegges for styringsgruppen og arbeidsgrupper."))
    meeting = Meeting(
        body=body, date=date, starts_at=starts_at, ends_at=ends_at, place=place.strip(), video_link=video_link.strip()
    )
    _check_meeting(meeting)
    _save(meeting, by=by)
    for earlier in Meeting.objects.filter(
        body=body, date__lt=date, status=Meeting.Status.HELD, approval_case__isnull=True
    ).order_by("date"):
        ensure_minutes_approval_case(meeting=earlier, by=by)
    return meeting


def _check_meeting(meeting: Meeting) -> None:
    if not meeting.place and not meeting.video_link:
        raise ValidationError({"place": _("Oppgi sted eller videolenke (eller begge).")})
    if meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("Møtet må slutte etter at det starter.")})


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time | None,
    place: str,
    video_link: str,
    by: User | None = None,
) -> Meeting:
    meeting = _lock_meeting(meeting)
    if meeting.status != Meeting.Status.PLANNED and meeting.status != Meeting.Status.AGENDA_PUBLISHED:
        raise ValidationError(_("Et avholdt eller avlyst møte kan ikke endres."))
    if meeting.date.year != date.year and meeting.cases.exclude(status=Case.Status.DRAFT).exists():
        raise ValidationError(
            {
                "date": _("Møtet har nummererte saker for %(year)s og kan ikke flyttes til et annet år.")
                % {"year": meeting.date.year}
            }
        )
    meeting.date, meeting.starts_at, meeting.ends_at = date, starts_at, ends_at
    meeting.place, meeting.video_link = place.strip(), video_link.strip()
    _check_meeting(meeting)
    _save(meeting, by=by)
    return meeting


@transaction.atomic
def publish_agenda(*, meeting: Meeting, by: User | None = None, notify: bool = True) -> Meeting:
    """Make the agenda readable to the members and email it to the steering group (R8).

    `notify=False` only for history loaded after the fact (demo data, imports): nobody is emailed.
    """
    meeting = _lock_meeting(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Sakslisten er allerede publisert, eller møtet er avholdt eller avlyst."))
    if not meeting.cases.exclude(status=Case.Status.WITHDRAWN).exists():
        raise ValidationError(_("Sakslisten er tom: sett minst én sak på den før den publiseres."))
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.agenda_published_at = timezone.now()
    _save(meeting, by=by)
    if notify:
        notify_agenda_published.delay_on_commit(meeting.pk, site_url=site_url())
    return meeting


def agenda_recipients(meeting: Meeting) -> list[tuple[str, str]]:
    """(email, language) of everyone holding a seat in the meeting's body on the meeting date."""
    recipients: dict[str, str] = {}
    for term in current_terms(meeting.body, meeting.date):
        email = term.person.email or (term.person.user.email if term.person.user_id else "")
        if email:
            recipients.setdefault(email.lower(), term.person.preferred_language)
    return sorted(recipients.items())


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by: User | None = None) -> Meeting:
    meeting = _lock_meeting(meeting)
    if meeting.is_closed_for_agenda:
        raise ValidationError(_("Et avholdt eller avlyst møte kan ikke avlyses."))
    if meeting.cases.filter(status=Case.Status.ON_AGENDA).exists():
        raise ValidationError(_("Flytt eller trekk sakene på sakslisten før møtet avlyses."))
    meeting.status = Meeting.Status.CANCELLED
    _save(meeting, by=by)
    return meeting


@transaction.atomic
def mark_meeting_held(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """The meeting took place: attendance is pre-filled and the next meeting gets the approval case."""
    meeting = _lock_meeting(meeting)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.AGENDA_PUBLISHED):
        raise ValidationError(_("Møtet er allerede markert som avholdt, eller det er avlyst."))
    if meeting.date > timezone.localdate():
        raise ValidationError(_("Møtet kan ikke markeres som avholdt før møtedagen."))
    meeting.status = Meeting.Status.HELD
    meeting.held_at = timezone.now()
    _save(meeting, by=by)
    prefill_attendance(meeting=meeting, by=by)
    ensure_minutes_approval_case(meeting=meeting, by=by)
    return meeting


def prefill_attendance(*, meeting: Meeting, by: User | None = None) -> list[Attendance]:
    """One row per seat holder on the meeting date, present by default; existing rows are kept."""
    existing = set(meeting.attendances.values_list("person_id", flat=True))
    created = []
    for term in current_terms(meeting.body, meeting.date).order_by("role", "person__last_name", "person__first_name"):
        if term.person_id in existing:
            continue
        existing.add(term.person_id)
        row = Attendance(
            meeting=meeting,
            person=term.person,
            organisation=term.organisation,
            role=str(Term.Role(term.role).label),
            present=True,
        )
        row._history_user = by
        row.save()
        created.append(row)
    return created


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, present_person_ids: set[int], notes: dict[int, str] | None = None, by: User | None = None
) -> None:
    """Mark who was present (the rest absent) among the meeting's attendance rows."""
    meeting = _lock_meeting(meeting)
    if meeting.minutes_published_at:
        raise minutes_final_error()
    if meeting.status not in (Meeting.Status.HELD,):
        raise ValidationError(_("Oppmøte føres når møtet er avholdt og før protokollen er godkjent."))
    notes = notes or {}
    for row in meeting.attendances.select_for_update():
        present = row.person_id in present_person_ids
        note = notes.get(row.person_id, row.note).strip()
        if row.present != present or row.note != note:
            row.present, row.note = present, note
            row._history_user = by
            row.save(update_fields=["present", "note"])


@transaction.atomic
def update_minutes(*, meeting: Meeting, other_attendees: str, minutes_notes: str, by: User | None = None) -> Meeting:
    meeting = _lock_meeting(meeting)
    if meeting.minutes_published_at:
        raise minutes_final_error()
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Protokollen kan bare endres før den er godkjent, etter at møtet er avholdt."))
    meeting.other_attendees = other_attendees.strip()
    meeting.minutes_notes = minutes_notes.strip()
    _save(meeting, by=by)
    return meeting


@transaction.atomic
def save_minutes(
    *,
    meeting: Meeting,
    present_person_ids: set[int],
    attendance_notes: dict[int, str],
    other_attendees: str,
    minutes_notes: str,
    decisions: dict[int, str],
    by: User | None = None,
) -> Meeting:
    """Save the minutes form in one go: attendance, notes and the decision of each case (blank = not yet)."""
    meeting = update_minutes(meeting=meeting, other_attendees=other_attendees, minutes_notes=minutes_notes, by=by)
    record_attendance(meeting=meeting, present_person_ids=present_person_ids, notes=attendance_notes, by=by)
    cases = {c.pk: c for c in meeting.cases.filter(status__in=[Case.Status.ON_AGENDA, Case.Status.DECIDED])}
    for pk, text in decisions.items():
        case = cases.get(pk)
        if case is None or not text.strip() or text.strip() == case.decision:
            continue
        try:
            record_decision(case=case, decision=text, by=by)
        except ValidationError as error:
            raise ValidationError(
                _("Sak %(number)s: %(error)s") % {"number": case.number_label, "error": " ".join(error.messages)}
            ) from error
    return meeting


@transaction.atomic
def publish_minutes(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Publish the minutes for the members; they await approval in the next meeting."""
    meeting = _lock_meeting(meeting)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Møtet må være markert som avholdt før protokollen publiseres."))
    if meeting.minutes_published_at:
        raise ValidationError(_("Protokollen er allerede publisert."))
    undecided = [c.number_label for c in meeting.cases.filter(status=Case.Status.ON_AGENDA).order_by("year", "number")]
    if undecided:
        raise ValidationError(
            _("Før vedtak i sak %(cases)s, eller flytt eller trekk dem, før protokollen publiseres.")
            % {"cases": ", ".join(undecided)}
        )
    meeting.minutes_published_at = timezone.now()
    _save(meeting, by=by)
    ensure_minutes_approval_case(meeting=meeting, by=by)
    return meeting


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The body's next meeting that can still take cases."""
    return (
        Meeting.objects.filter(body=meeting.body, status__in=[Meeting.Status.PLANNED, Meeting.Status.AGENDA_PUBLISHED])
        .filter(date__gt=meeting.date)
        .order_by("date", "starts_at", "pk")
        .first()
    )


def minutes_approval_title(meeting: Meeting) -> str:
    return _("Godkjenning av protokoll fra møtet %(date)s") % {"date": formats.date_format(meeting.date, "d.m.Y")}


@transaction.atomic
def ensure_minutes_approval_case(*, meeting: Meeting, by: User | None = None) -> Case | None:
    """Put "Godkjenning av protokoll fra møtet <dato>" first on the next meeting's agenda, once.

    Idempotent: the case is found by its link to the meeting (one-to-one in the database). When no
    next meeting is planned yet, nothing happens now; `schedule_meeting` adds it later.
    """
    meeting = _lock_meeting(meeting)
    existing = Case.objects.filter(approves_minutes_of=meeting).first()
    if existing is not None:
        return existing
    target = next_meeting_after(meeting)
    if target is None:
        return None
    case = Case(
        body=meeting.body,
        title=minutes_approval_title(meeting),
        proposed_decision=_("Protokollen fra møtet %(date)s godkjennes.")
        % {"date": formats.date_format(meeting.date, "d.m.Y")},
        approves_minutes_of=meeting,
    )
    _save(case, by=by)
    case = _place_on_agenda(case=case, meeting=target, by=by, order=0)
    return case


@transaction.atomic
def approve_minutes(*, meeting: Meeting, approved_in: Meeting, by: User | None = None) -> Meeting:
    meeting = _lock_meeting(meeting)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        return meeting
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Bare protokollen fra et avholdt møte kan godkjennes."))
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_in = approved_in
    if not meeting.minutes_published_at:
        meeting.minutes_published_at = meeting.minutes_approved_at
    _save(meeting, by=by)
    return meeting


# --- cases ---------------------------------------------------------------------------------------


@transaction.atomic
def record_decision(*, case: Case, decision: str, by: User | None = None) -> Case:
    """The decision (vedtak) of a held meeting; approving minutes marks that meeting's minutes approved."""
    case = _lock_case(case)
    decision = decision.strip()
    if not decision:
        raise ValidationError({"decision": _("Skriv inn vedtaket.")})
    if case.status not in (Case.Status.ON_AGENDA, Case.Status.DECIDED):
        raise ValidationError(_("Saken står ikke til behandling."))
    meeting = case.meeting
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Vedtak føres når møtet er markert som avholdt, og før protokollen er godkjent."))
    if meeting.minutes_published_at:
        raise ValidationError(_("Protokollen er publisert; vedtaket kan ikke endres."))
    case.decision = decision
    case.status = Case.Status.DECIDED
    case.decided_at = case.decided_at or timezone.now()
    _save(case, by=by)
    if case.approves_minutes_of_id:
        approve_minutes(meeting=case.approves_minutes_of, approved_in=meeting, by=by)
    return case


@transaction.atomic
def calendar_token_for(*, user: User, renew: bool = False) -> CalendarToken:
    """The user's private calendar token; `renew` replaces it so the old feed URL stops working."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(
        user=user, defaults={"token": CalendarToken.new_token()}
    )
    if renew and not created:
        token.token = CalendarToken.new_token()
        token.save(update_fields=["token"])
    return token


# --- documents and notices -------------------------------------------------------------------------


def render_pdf(*, template: str, context: dict) -> bytes:
    """A PDF from an HTML template (WeasyPrint), with the site as base URL for any links."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=site_url()).write_pdf()


def agenda_pdf(*, meeting: Meeting, cases: list[Case]) -> bytes:
    """The agenda with the cases the reader may read; confidential ones left out without a trace."""
    return render_pdf(
        template="governance/meetings/pdf/agenda.html",
        context={
            "network": meeting.body.network,
            "meeting": meeting,
            "cases": cases,
            "generated_on": timezone.localdate(),
        },
    )


def minutes_pdf(*, meeting: Meeting, cases: list[Case], attendances: list[Attendance]) -> bytes:
    return render_pdf(
        template="governance/meetings/pdf/minutes.html",
        context={
            "network": meeting.body.network,
            "meeting": meeting,
            "cases": cases,
            "attendances": attendances,
            "generated_on": timezone.localdate(),
        },
    )


def pdf_filename(meeting: Meeting, kind: str) -> str:
    return f"{kind}-{meeting.body.slug}-{meeting.date:%Y-%m-%d}.pdf"


def send_agenda_notice(*, meeting_id: int) -> int:
    """Email the published agenda, PDF attached, to the body's seat holders; once per meeting.

    The meeting row stays locked while sending, so two workers never both send; if sending fails
    the claim rolls back and a retry sends again. Returns how many emails were sent.
    """
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
        if meeting.agenda_notified_at or not meeting.agenda_published_at:
            return 0
        # Seat holders read confidential cases too (R12): the notice carries the whole agenda.
        cases = list(
            meeting.cases.exclude(status=Case.Status.DRAFT)
            .prefetch_related("attachments")
            .order_by("order", "year", "number", "pk")
        )
        recipients = agenda_recipients(meeting)
        sent = 0
        pdfs: dict[str, bytes] = {}
        for email, language in recipients:
            # Links in the notice (the meeting's page) point into the meeting's network.
            with translation.override(language or "nb"), using_network(meeting.body.network):
                if language not in pdfs:
                    pdfs[language] = agenda_pdf(meeting=meeting, cases=cases)
                pdf = pdfs[language]
                context = {
                    "meeting": meeting,
                    "cases": cases,
                    "site_url": site_url(),
                    "network": meeting.body.network,
                }
                subject = render_to_string("governance/meetings/email/agenda_subject.txt", context).strip()
                body = render_to_string("governance/meetings/email/agenda_body.txt", context)
                message = EmailMessage(
                    subject=subject, body=body, from_email=sender(meeting.body.network), to=[email]
                )
                message.attach(pdf_filename(meeting, "saksliste"), pdf, "application/pdf")
                message.send()
                sent += 1
        meeting.agenda_notified_at = timezone.now()
        meeting.save(update_fields=["agenda_notified_at"])
    return sent


# --- Celery task: a thin, idempotent wrapper around send_agenda_notice (docs/architecture.md) ---


@shared_task(
    bind=True,
    name="governance.tasks_meetings.notify_agenda_published",  # its name from before it moved here; keep it
    max_retries=5,
    acks_late=True,
    default_retry_delay=60,
)
def notify_agenda_published(self, meeting_id: int, site_url: str | None = None) -> None:
    """Email the published agenda (with its PDF) to everyone in the body on the meeting date, once."""
    with using_site_url(site_url):
        send_agenda_notice(meeting_id=meeting_id)
