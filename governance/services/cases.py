"""Cases on a steering-group agenda and their attachments (R8); the locks and history that every
write of this area shares. Meetings, minutes and decisions are in governance.services.meetings.

Case numbers: `NN/YY`, sequential per body and calendar year of the meeting, given when a case is
first put on an agenda from one locked `CaseNumberSeries` row and never reused.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from ..models import (
    Body,
    Case,
    CaseAttachment,
    CaseNumberSeries,
    Meeting,
)

# --- attachments: what may be uploaded ------------------------------------------------------

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
_ZIP = b"PK\x03\x04"
# extension -> (content type, magic bytes the file must start with)
ALLOWED_ATTACHMENTS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (_ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (_ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def validate_attachment(upload: UploadedFile) -> str:
    """The content type of an allowed upload, or a ValidationError in plain Norwegian."""
    name = Path(upload.name or "").name
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_ATTACHMENTS:
        raise ValidationError(
            _(
                "Filtypen «%(ext)s» er ikke tillatt. Last opp PDF, Word (docx), Excel (xlsx), PowerPoint (pptx), PNG eller JPG."
            )
            % {"ext": extension or name},
            code="file_type",
        )
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Filen er for stor (%(size)s MB). Største tillatte størrelse er %(max)s MB.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "max": MAX_ATTACHMENT_BYTES // 1024 // 1024,
            },
            code="file_size",
        )
    if not upload.size:
        raise ValidationError(_("Filen er tom."), code="file_empty")
    content_type, magics = ALLOWED_ATTACHMENTS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise ValidationError(
            _("Innholdet i filen stemmer ikke med filtypen «%(ext)s». Er filen skadet eller feil navngitt?")
            % {"ext": extension},
            code="file_content",
        )
    return content_type


# --- numbering -----------------------------------------------------------------------------------


def _next_case_number(*, body: Body, year: int) -> int:
    """The next number in the body's series for `year`, with the series row locked until commit."""
    CaseNumberSeries.objects.bulk_create([CaseNumberSeries(body=body, year=year)], ignore_conflicts=True)
    series = CaseNumberSeries.objects.select_for_update().get(body=body, year=year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def _next_order(meeting: Meeting) -> int:
    highest = meeting.cases.aggregate(m=Max("order"))["m"]
    return 1 if highest is None else highest + 1


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("body").get(pk=case.pk)


def _save(obj, *, by: User | None, update_fields: list[str] | None = None) -> None:
    obj.full_clean()
    obj._history_user = by
    obj.save(update_fields=update_fields) if update_fields else obj.save()


# --- meetings ------------------------------------------------------------------------------------


@transaction.atomic
def create_case(
    *,
    body: Body,
    title: str,
    background: str = "",
    proposed_decision: str = "",
    presenter: str = "",
    confidential: bool = False,
    meeting: Meeting | None = None,
    by: User | None = None,
) -> Case:
    """A new case; on `meeting`'s agenda (and numbered) when a meeting is given."""
    case = Case(
        body=body,
        title=title.strip(),
        background=background.strip(),
        proposed_decision=proposed_decision.strip(),
        presenter=presenter.strip(),
        visibility=Case.Visibility.STEERING_GROUP if confidential else Case.Visibility.MEMBERS,
    )
    _save(case, by=by)
    if meeting is not None:
        case = put_case_on_agenda(case=case, meeting=meeting, by=by)
    return case


@transaction.atomic
def update_case(
    *,
    case: Case,
    title: str,
    background: str,
    proposed_decision: str,
    presenter: str,
    confidential: bool,
    by: User | None = None,
) -> Case:
    case = _lock_case(case)
    if case.status in (Case.Status.DECIDED, Case.Status.WITHDRAWN):
        raise ValidationError(_("En vedtatt eller trukket sak kan ikke endres."))
    case.title = title.strip()
    case.background = background.strip()
    case.proposed_decision = proposed_decision.strip()
    case.presenter = presenter.strip()
    case.visibility = Case.Visibility.STEERING_GROUP if confidential else Case.Visibility.MEMBERS
    _save(case, by=by)
    return case


def _place_on_agenda(*, case: Case, meeting: Meeting, by: User | None, order: int | None = None) -> Case:
    if meeting.body_id != case.body_id:
        raise ValidationError(_("Saken hører til et annet organ enn møtet."))
    if meeting.is_closed_for_agenda:
        raise ValidationError(_("Møtet %(meeting)s tar ikke imot flere saker.") % {"meeting": meeting})
    case.meeting = meeting
    if case.number is None:
        case.year = meeting.date.year
        case.number = _next_case_number(body=case.body, year=case.year)
    case.status = Case.Status.ON_AGENDA
    case.order = _next_order(meeting) if order is None else order
    _save(case, by=by)
    return case


@transaction.atomic
def put_case_on_agenda(*, case: Case, meeting: Meeting, by: User | None = None) -> Case:
    """Put a draft case on a meeting's agenda; it gets the next number of the meeting's year."""
    case = _lock_case(case)
    meeting = _lock_meeting(meeting)
    if case.status != Case.Status.DRAFT:
        raise ValidationError(_("Saken står allerede på en saksliste. Bruk «Flytt til et senere møte»."))
    return _place_on_agenda(case=case, meeting=meeting, by=by)


@transaction.atomic
def move_case(*, case: Case, to_meeting: Meeting, by: User | None = None) -> Case:
    """Move a case to a later meeting. It keeps its number, even into a new year."""
    case = _lock_case(case)
    to_meeting = _lock_meeting(to_meeting)
    if case.status != Case.Status.ON_AGENDA:
        raise ValidationError(_("Bare saker som er til behandling kan flyttes."))
    current = case.meeting
    if (to_meeting.date, to_meeting.starts_at) <= (current.date, current.starts_at):
        raise ValidationError(_("En sak kan bare flyttes til et senere møte."))
    return _place_on_agenda(case=case, meeting=to_meeting, by=by)


@transaction.atomic
def withdraw_case(*, case: Case, by: User | None = None) -> Case:
    """Withdraw a case from the agenda. It keeps its number, which is never given to another case."""
    case = _lock_case(case)
    if case.status != Case.Status.ON_AGENDA:
        raise ValidationError(_("Bare saker som er til behandling kan trekkes."))
    if case.approves_minutes_of_id:
        raise ValidationError(_("Saken om godkjenning av protokoll kan ikke trekkes; flytt den heller."))
    case.status = Case.Status.WITHDRAWN
    case.withdrawn_at = timezone.now()
    _save(case, by=by)
    return case


@transaction.atomic
def reorder_case(*, case: Case, direction: int, by: User | None = None) -> None:
    """Move a case one place up (-1) or down (+1) on its agenda."""
    case = _lock_case(case)
    meeting = _lock_meeting(case.meeting)
    if meeting.is_closed_for_agenda:
        raise ValidationError(_("Sakslisten til et avholdt møte kan ikke endres."))
    cases = list(meeting.cases.order_by("order", "year", "number", "pk"))
    index = next(i for i, c in enumerate(cases) if c.pk == case.pk)
    other = index + (1 if direction > 0 else -1)
    if not 0 <= other < len(cases):
        return
    cases[index], cases[other] = cases[other], cases[index]
    for position, item in enumerate(cases, start=1):
        if item.order != position:
            item.order = position
            item._history_user = by
            item.save(update_fields=["order"])


@transaction.atomic
def add_attachment(*, case: Case, upload: UploadedFile, title: str = "", by: User | None = None) -> CaseAttachment:
    case = _lock_case(case)
    if case.status in (Case.Status.DECIDED, Case.Status.WITHDRAWN):
        raise ValidationError(_("Vedlegg kan ikke legges til en vedtatt eller trukket sak."))
    content_type = validate_attachment(upload)
    name = Path(upload.name).name
    attachment = CaseAttachment(
        case=case,
        title=(title.strip() or Path(name).stem)[:200],
        original_name=name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: CaseAttachment, by: User | None = None) -> None:
    case = _lock_case(attachment.case)
    if case.meeting_id and case.meeting.agenda_is_published:
        raise ValidationError(_("Vedlegg til en publisert saksliste kan ikke fjernes."))
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- calendar ------------------------------------------------------------------------------------
