"""Pages for activities (R11): the events page, public registration, the portal, check-in and import.

Thin: they read through activities.queries, write through activities.services and answer 404 for
anything the person asking may not see (R12), and for anything of another network than the page's.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.access import role_required
from members.models import Organisation
from members.networks import current_network
from members.queries import organisation_for
from members.query_params import year_param
from members.roles import is_coordinator

from . import ical, queries, services
from .forms import (
    ColleagueForm,
    EventForm,
    MatchRowForm,
    ParticipantImportForm,
    PeopleForm,
    PublicRegistrationForm,
    WalkInForm,
)
from .models import Attendance, Event, Registration

# Activity management answers 404, not 403, to everyone but the coordinator.
coordinator_required = role_required(is_coordinator, refuse=Http404)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _client_key(request) -> str:
    """The client's address for the rate limit: REMOTE_ADDR, or the proxy-appended X-Forwarded-For entry."""
    proxies = getattr(settings, "ACTIVITIES_TRUSTED_PROXIES", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


# --- public and shared pages ---------------------------------------------------------------


@require_GET
def event_list(request):
    """Upcoming events for whoever asks; the coordinator also sees the year's plan and its warnings."""
    context = {"upcoming": queries.upcoming_events_for(request.user), "is_coordinator": is_coordinator(request.user)}
    if context["is_coordinator"]:
        year = year_param(request.GET, "ar")
        per_month = queries.events_per_month(year)
        context.update(
            year=year,
            previous_year=year - 1,
            next_year=year + 1,
            year_events=queries.events_in_year(year),
            gathering_warning=queries.gathering_plan_warning(year),
            per_month=per_month,
            # Months that have started (a month still ahead is planned, not missed), July left out.
            months_without_meeting=queries.months_missing(
                per_month, Event.Kind.MEMBER_MEETING, until=timezone.localdate()
            ),
            months_without_fredag=queries.months_missing(
                per_month, Event.Kind.BAEREKRAFTSFREDAG, until=timezone.localdate()
            ),
            pending_rows=queries.pending_participant_rows().count(),
        )
    return render(request, "activities/event_list.html", context)


@require_GET
def public_events(request):
    """The public page: upcoming open events, with the calendar feed."""
    return render(request, "activities/public_events.html", {"events": queries.upcoming_open_events()})


@require_GET
def event_detail(request, pk: int):
    event = queries.event_for(request.user, pk)
    return render(request, "activities/event_detail.html", _detail_context(request, event))


def _detail_context(request, event: Event, form: PublicRegistrationForm | None = None) -> dict:
    user = request.user
    coordinator = is_coordinator(user)
    return {
        "registrations": queries.checkin_list(event) if coordinator else None,
        "waiting": queries.waiting_list(event) if coordinator else None,
        "event": event,
        "registration_open": event.registration_open(),
        "form": form or (PublicRegistrationForm() if event.is_open else None),
        "contact_organisations": queries.contact_organisations_in_network(user).order_by("name"),
        "is_coordinator": coordinator,
        "confirmed_count": event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
    }


@require_POST
def event_register(request, pk: int):
    """Public registration: honeypot, rate limit, one per email (polite refusal), redirect after post."""
    event = queries.public_event(pk)
    form = PublicRegistrationForm(request.POST)
    if not services.allow_public_attempt(client_key=_client_key(request)):
        messages.error(request, _("For mange påmeldinger fra samme sted. Vent litt og prøv igjen."))
        return render(request, "activities/event_detail.html", _detail_context(request, event, form), status=429)
    if not form.is_valid():
        return render(request, "activities/event_detail.html", _detail_context(request, event, form), status=400)
    if form.is_spam():
        # Looks like a success to the bot; nothing is stored or sent.
        messages.success(request, _("Takk! Du får en bekreftelse på e-post."))
        return redirect("activities:event_detail", pk=event.pk)
    try:
        outcome = services.register_publicly(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            organisation_name=form.cleaned_data["organisation_name"],
        )
    except services.AlreadyRegistered as error:
        messages.info(request, _error_text(error))
        return redirect("activities:event_detail", pk=event.pk)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return render(request, "activities/event_detail.html", _detail_context(request, event, form), status=400)
    if outcome.waiting:
        messages.warning(request, _("Arrangementet er fullt. Du står på venteliste og får e-post hvis du får plass."))
    else:
        messages.success(request, _("Takk! Du er påmeldt og får en bekreftelse på e-post."))
    return redirect("activities:event_detail", pk=event.pk)


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    """The cancel link from the email. GET asks (mail scanners follow links); POST cancels."""
    registration = services.registration_from_token(token)
    if registration is None or registration.event.network_id != current_network().pk:
        raise Http404
    if request.method == "POST":
        services.cancel_registration(registration=registration, by=request.user if request.user.is_authenticated else None)
        registration.refresh_from_db()
        messages.success(request, _("Du er meldt av «%(event)s».") % {"event": registration.event.title})
    return render(request, "activities/registration_cancel.html", {"registration": registration})


@require_GET
def calendar_feed(request):
    """iCalendar feed of the network's public events."""
    network = current_network()
    name = _("%(network)s – åpne arrangementer") % {"network": network.name}
    body = ical.calendar(queries.public_calendar_events(), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{network.slug}.ics"'
    return response


@require_GET
def event_ics(request, pk: int):
    event = queries.event_for(request.user, pk)
    response = HttpResponse(
        ical.calendar([event], name=event.network.name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="arrangement-{event.pk}.ics"'
    return response


# --- member portal ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def portal_register(request, pk: int, organisation_pk: int):
    """A member contact registers themselves and colleagues of their own organisation (404 for others)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = queries.network_member(organisation_for(request.user, organisation_pk))
    event = queries.event_for(request.user, pk)
    people = queries.organisation_people(organisation)
    people_form = PeopleForm(people=people)
    colleague_form = ColleagueForm()
    if request.method == "POST":
        if "add_colleague" in request.POST:
            colleague_form = ColleagueForm(request.POST)
            if colleague_form.is_valid():
                try:
                    services.register_colleague(
                        event=event,
                        organisation=organisation,
                        name=colleague_form.cleaned_data["name"],
                        email=colleague_form.cleaned_data["email"],
                        by=request.user,
                    )
                    messages.success(request, _("%(name)s er påmeldt.") % {"name": colleague_form.cleaned_data["name"]})
                    return redirect("activities:portal_register", pk=event.pk, organisation_pk=organisation.pk)
                except ValidationError as error:
                    colleague_form.add_error(None, _error_text(error))
        else:
            people_form = PeopleForm(request.POST, people=people)
            if people_form.is_valid():
                for person in people_form.cleaned_data["people"]:
                    try:
                        outcome = services.register_person(event=event, person=person, by=request.user)
                        if outcome.waiting:
                            messages.warning(request, _("%(name)s står på venteliste.") % {"name": person.full_name})
                        else:
                            messages.success(request, _("%(name)s er påmeldt.") % {"name": person.full_name})
                    except ValidationError as error:
                        messages.info(request, _error_text(error))
                return redirect("activities:portal_register", pk=event.pk, organisation_pk=organisation.pk)
    return render(
        request,
        "activities/portal_register.html",
        {
            "event": event,
            "organisation": organisation,
            "registrations": queries.organisation_registrations(organisation, event).select_related("person"),
            "people_form": people_form,
            "colleague_form": colleague_form,
            "registration_open": event.registration_open(),
        },
    )


@require_POST
def portal_cancel(request, registration_pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = queries.registration_for_contact(request.user, registration_pk)
    services.cancel_registration(registration=registration, by=request.user)
    messages.success(request, _("%(name)s er meldt av.") % {"name": registration.name})
    if registration.organisation_id:
        return redirect("activities:portal_register", pk=registration.event_id, organisation_pk=registration.organisation_id)
    return redirect("activities:event_detail", pk=registration.event_id)


# --- coordinator --------------------------------------------------------------------------------


@coordinator_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int | None = None):
    event = queries.coordinated_event(pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if event is None:
                event = services.create_event(by=request.user, network=current_network(), **fields)
            else:
                event = services.update_event(event=event, by=request.user, **fields)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Arrangementet er lagret."))
            return redirect("activities:event_detail", pk=event.pk)
    return render(request, "activities/event_form.html", {"form": form, "event": event})


@coordinator_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk: int):
    """Cancel an event (asks first); registered and waiting people are told by email."""
    event = queries.coordinated_event(pk)
    if request.method == "POST":
        services.cancel_event(event=event, by=request.user)
        messages.success(request, _("«%(title)s» er avlyst. De påmeldte får beskjed på e-post.") % {"title": event.title})
        return redirect("activities:event_detail", pk=event.pk)
    return render(request, "activities/event_cancel.html", {"event": event})


@coordinator_required
@require_GET
def checkin(request, pk: int):
    """The phone-friendly check-in list."""
    event = queries.coordinated_event(pk)
    return render(
        request,
        "activities/checkin.html",
        {
            "event": event,
            "registrations": queries.checkin_list(event),
            "walk_ins": queries.attendances_without_registration(event),
            "walk_in_form": WalkInForm(),
        },
    )


@coordinator_required
@require_POST
def checkin_walk_in(request, pk: int):
    """Someone came without registering: found by email, or kept for manual matching."""
    event = queries.coordinated_event(pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            taken = services.record_walk_in(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            if isinstance(taken, Attendance):
                messages.success(request, _("%(name)s er registrert som deltaker.") % {"name": taken.name})
            else:
                messages.warning(
                    request,
                    _("Fant ingen med denne e-postadressen. Personen står i listen for manuell kobling."),
                )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("activities:checkin", pk=event.pk)


@coordinator_required
@require_POST
def checkin_toggle(request, pk: int, registration_pk: int):
    """Mark or unmark one registration as present. htmx swaps the row; without JS, back to the list."""
    event = queries.coordinated_event(pk)
    registration = get_object_or_404(event.registrations, pk=registration_pk)
    attendance = Attendance.objects.filter(registration=registration).first()
    if request.POST.get("present") == "1":
        services.check_in(registration=registration, by=request.user)
    elif attendance is not None:
        services.undo_check_in(attendance=attendance, by=request.user)
    if request.headers.get("HX-Request"):
        registration = queries.checkin_list(event).get(pk=registration.pk)
        return render(request, "activities/_checkin_row.html", {"event": event, "registration": registration})
    return redirect("activities:checkin", pk=event.pk)


@coordinator_required
@require_http_methods(["GET", "POST"])
def attendance_import(request, pk: int):
    """Upload a participant list; rows that match no one are listed below for manual matching."""
    event = queries.coordinated_event(pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_participants(event=event, content=upload.read(), file_name=upload.name, by=request.user)
        except ValidationError as error:
            form.add_error("file", _error_text(error))
        else:
            unmatched = batch.row_count - batch.matched_count
            messages.success(
                request,
                _("%(matched)s av %(rows)s rader ble koblet. %(unmatched)s venter på manuell kobling.")
                % {"matched": batch.matched_count, "rows": batch.row_count, "unmatched": unmatched},
            )
            return redirect("activities:attendance_import", pk=event.pk)
    rows = list(queries.pending_participant_rows(event))
    candidates = queries.person_candidates(rows, network=event.network)
    return render(
        request,
        "activities/attendance_import.html",
        {
            "event": event,
            "form": form,
            "rows": [(row, MatchRowForm(prefix=f"row{row.pk}"), candidates[row.pk]) for row in rows],
        },
    )


@coordinator_required
@require_POST
def participant_row_match(request, row_pk: int):
    row = queries.participant_row_for(request.user, row_pk)
    form = MatchRowForm(request.POST, prefix=f"row{row.pk}", people=queries.network_people(row.event.network))
    if form.is_valid():
        try:
            attendance = services.match_participant_row(row=row, person=form.cleaned_data["person"], by=request.user)
            messages.success(request, _("%(name)s er registrert som deltaker.") % {"name": attendance.name})
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("activities:attendance_import", pk=row.event_id)


@coordinator_required
@require_POST
def participant_row_dismiss(request, row_pk: int):
    row = queries.participant_row_for(request.user, row_pk)
    try:
        services.dismiss_participant_row(row=row, by=request.user)
        messages.success(request, _("Raden er avvist og telles ikke."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("activities:attendance_import", pk=row.event_id)


def portal_events_context(request, organisation: Organisation) -> dict:
    """The member portal's events section for one organisation at the network's events (registered in
    NetworkConfig.ready)."""
    year = timezone.localdate().year
    return {"organisation": organisation, "year": year, "activity": queries.organisation_activity(organisation, year)}
