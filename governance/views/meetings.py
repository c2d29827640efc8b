"""Pages of meetings, agendas, minutes, the decision register and the calendar feeds (R8).

Thin: access through governance.queries.meetings (404 for "missing" and "not yours" alike),
writes through governance.services.meetings.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.query_params import year_param

from ..forms_meetings import AttachmentForm, CaseForm, MeetingForm, MinutesForm, MoveCaseForm
from ..models import Meeting
from ..models.meetings import minutes_final_error
from ..queries import meetings as q
from ..queries.bodies import steering_group
from ..services import meetings as services


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors_from(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: per field where it names one, else to the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- meetings list and agenda ------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    if not q.can_read_meetings(request.user):
        raise Http404(_("Fant ikke siden."))
    today = timezone.localdate()
    year = year_param(request.GET, default=today.year)
    meetings = list(q.meeting_list(request.user, year=year))
    return render(
        request,
        "governance/meetings/meeting_list.html",
        {
            "year": year,
            "years": q.meeting_years(),
            "meetings": meetings,
            "warning": q.meeting_count_warning(year),
            "can_manage": q.can_manage_meetings(request.user),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not q.can_manage_meetings(request.user):
        raise Http404(_("Fant ikke siden."))
    steering = steering_group()
    form = MeetingForm(request.POST or None, initial={"body": steering, "starts_at": datetime.time(10, 0)})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Møtet er planlagt."))
            return redirect(meeting)
    return render(request, "governance/meetings/meeting_form.html", {"form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.managed_meeting(request.user, pk)
    initial = {f: getattr(meeting, f) for f in ("date", "starts_at", "ends_at", "place", "video_link")}
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Møtet er endret."))
            return redirect(meeting)
    return render(request, "governance/meetings/meeting_form.html", {"form": form, "meeting": meeting})


def _agenda_context(request: HttpRequest, meeting: Meeting) -> dict:
    user = request.user
    return {
        "meeting": meeting,
        "cases": q.agenda_cases(user, meeting),
        "agenda_readable": q.agenda_readable(user, meeting),
        "minutes_readable": q.minutes_readable(user, meeting),
        "can_manage": q.can_manage_meetings(user),
        "can_read_confidential": q.can_read_confidential(user),
        "today": timezone.localdate(),
    }


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.meeting_for(request.user, pk)
    context = _agenda_context(request, meeting)
    if context["can_manage"]:
        context["next_meeting"] = services.next_meeting_after(meeting)
    return render(request, "governance/meetings/meeting_detail.html", context)


@login_required
@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.meeting_for(request.user, pk)
    if not q.agenda_readable(request.user, meeting):
        raise Http404(_("Sakslisten er ikke publisert."))
    pdf = services.agenda_pdf(
        meeting=meeting,
        cases=q.agenda_cases(request.user, meeting),
    )
    return _pdf_response(pdf, services.pdf_filename(meeting, "saksliste"))


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _post_action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    meeting = q.managed_meeting(request.user, pk)
    try:
        action(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect(meeting)


@login_required
@require_POST
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request, pk, services.publish_agenda, _("Sakslisten er publisert og sendt til styringsgruppen.")
    )


@login_required
@require_POST
def meeting_mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.managed_meeting(request.user, pk)
    try:
        services.mark_meeting_held(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(meeting)
    messages.success(request, _("Møtet er markert som avholdt. Før oppmøte og vedtak i protokollen."))
    return redirect("meetings:minutes_edit", pk=meeting.pk)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, services.cancel_meeting, _("Møtet er avlyst."))


# --- minutes --------------------------------------------------------------------------------------


@login_required
@require_GET
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.meeting_for(request.user, pk)
    if not q.minutes_readable(request.user, meeting):
        raise Http404(_("Protokollen er ikke publisert."))
    context = _agenda_context(request, meeting)
    context["attendances"] = list(meeting.attendances.select_related("person", "organisation"))
    return render(request, "governance/meetings/minutes_detail.html", context)


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.meeting_for(request.user, pk)
    if not q.minutes_readable(request.user, meeting):
        raise Http404(_("Protokollen er ikke publisert."))
    pdf = services.minutes_pdf(
        meeting=meeting,
        cases=q.agenda_cases(request.user, meeting),
        attendances=list(meeting.attendances.select_related("person", "organisation")),
    )
    return _pdf_response(pdf, services.pdf_filename(meeting, "protokoll"))


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.managed_meeting(request.user, pk)
    if meeting.minutes_are_published:
        messages.error(request, " ".join(minutes_final_error().messages))
        return redirect(meeting)
    if meeting.status != Meeting.Status.HELD:
        messages.error(request, _("Protokollen føres når møtet er avholdt, og til den er godkjent."))
        return redirect(meeting)
    form = MinutesForm(
        request.POST or None,
        initial={"other_attendees": meeting.other_attendees, "minutes_notes": meeting.minutes_notes},
    )
    cases = q.agenda_cases(request.user, meeting)
    attendances = list(meeting.attendances.select_related("person", "organisation"))
    if request.method == "POST" and form.is_valid():
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        notes = {a.person_id: request.POST.get(f"note-{a.person_id}", "") for a in attendances}
        decisions = {c.pk: request.POST.get(f"decision-{c.pk}", "") for c in cases}
        try:
            services.save_minutes(
                meeting=meeting,
                present_person_ids=present,
                attendance_notes=notes,
                decisions=decisions,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            form.add_error(None, _("Ingenting er lagret."))
            for case in cases:
                case.decision = decisions.get(case.pk, case.decision)
            for row in attendances:
                row.present, row.note = row.person_id in present, notes.get(row.person_id, row.note)
        else:
            messages.success(request, _("Protokollen er lagret."))
            if "publish" in request.POST:
                return _post_action(request, meeting.pk, services.publish_minutes, _("Protokollen er publisert."))
            return redirect("meetings:minutes_edit", pk=meeting.pk)
    return render(
        request,
        "governance/meetings/minutes_form.html",
        {"meeting": meeting, "form": form, "cases": cases, "attendances": attendances},
    )


@login_required
@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, services.publish_minutes, _("Protokollen er publisert."))


# --- cases ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.managed_meeting(request.user, pk)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_case(body=meeting.body, meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Sak %(number)s er satt på sakslisten.") % {"number": case.number_label})
            return redirect("meetings:case_edit", pk=case.pk)
    return render(request, "governance/meetings/case_form.html", {"form": form, "meeting": meeting, "case": None})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = q.managed_case(request.user, pk)
    form = CaseForm(request.POST or None, initial=CaseForm.initial_for(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Saken er lagret."))
            return redirect("meetings:case_edit", pk=case.pk)
    return render(request, "governance/meetings/case_form.html", _case_page_context(case, form=form))


def _case_page_context(case, **forms) -> dict:
    context = {"case": case, "meeting": case.meeting, "attachments": list(case.attachments.all())}
    context.setdefault("form", forms.get("form") or CaseForm(initial=CaseForm.initial_for(case)))
    context["attachment_form"] = forms.get("attachment_form") or AttachmentForm()
    if case.meeting_id and case.status == case.Status.ON_AGENDA:
        context["move_form"] = forms.get("move_form") or MoveCaseForm(case=case)
    return context


@login_required
@require_POST
def case_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = q.managed_case(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                case=case, upload=form.cleaned_data["file"], title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Vedlegget er lastet opp."))
            return redirect("meetings:case_edit", pk=case.pk)
    return render(
        request, "governance/meetings/case_form.html", _case_page_context(case, attachment_form=form), status=400
    )


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not q.can_manage_meetings(request.user):
        raise Http404(_("Fant ikke vedlegget."))
    attachment = q.attachment_for(request.user, pk)
    case_pk = attachment.case_id
    try:
        services.remove_attachment(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Vedlegget er fjernet."))
    return redirect("meetings:case_edit", pk=case_pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = q.attachment_for(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Fant ikke vedlegget.")) from None
    response = FileResponse(
        handle, content_type=attachment.content_type, as_attachment=True, filename=attachment.original_name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = q.managed_case(request.user, pk)
    if case.meeting_id is None or case.status != case.Status.ON_AGENDA:
        messages.error(request, _("Bare saker som er til behandling kan flyttes."))
        return redirect("meetings:case_edit", pk=case.pk)
    form = MoveCaseForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.move_case(case=case, to_meeting=form.cleaned_data["meeting"], by=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("Sak %(number)s er flyttet til møtet %(date)s og beholder nummeret.")
                % {
                    "number": case.number_label,
                    "date": formats.date_format(form.cleaned_data["meeting"].date, "d.m.Y"),
                },
            )
            return redirect("meetings:case_edit", pk=case.pk)
    return render(request, "governance/meetings/case_form.html", _case_page_context(case, move_form=form), status=400)


@login_required
@require_POST
def case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = q.managed_case(request.user, pk)
    try:
        services.withdraw_case(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Sak %(number)s er trukket. Nummeret brukes ikke igjen.") % {"number": case.number_label}
        )
    return redirect("meetings:case_edit", pk=case.pk)


@login_required
@require_POST
def case_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    case = q.managed_case(request.user, pk)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.reorder_case(case=case, direction=direction, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(f"{reverse('meetings:meeting_detail', kwargs={'pk': case.meeting_id})}#sak-{case.pk}")


# --- decision register ---------------------------------------------------------------------------


@login_required
@require_GET
def decision_register(request: HttpRequest, year: int | None = None) -> HttpResponse:
    if not q.can_read_meetings(request.user):
        raise Http404(_("Fant ikke siden."))
    years = q.decision_years(request.user)
    if year is None:
        year = years[0] if years else timezone.localdate().year
    search = request.GET.get("q", "")[:200]
    decisions = list(q.decision_register(request.user, year=year, search=search))
    return render(
        request,
        "governance/meetings/decision_register.html",
        {"year": year, "years": years, "decisions": decisions, "search": search},
    )


@login_required
@require_GET
def decision_detail(request: HttpRequest, year: int, number: int) -> HttpResponse:
    case = q.decision_for(request.user, year=year, number=number)
    return render(
        request,
        "governance/meetings/decision_detail.html",
        {"case": case, "attachments": list(case.attachments.all())},
    )


# --- calendar -------------------------------------------------------------------------------------
