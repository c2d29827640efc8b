"""Calendars of meetings (R8): one meeting as .ics, the private feed behind a token, and the page
where a user finds and renews their feed address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import ical
from core.links import absolute_url

from ..models import Meeting
from ..queries import meetings as q
from ..services import meetings as services


def _meeting_event(meeting: Meeting, cases, *, request: HttpRequest) -> ical.Event:
    summary = _("%(body)s: møte") % {"body": meeting.body.display_name}
    lines = []
    if meeting.video_link:
        lines.append(_("Videolenke: %(url)s") % {"url": meeting.video_link})
    if cases:
        lines.append(_("Saksliste:"))
        lines += [f"{c.number_label} {c.title}" for c in cases]
    url = absolute_url(meeting.get_absolute_url(), request=request)
    lines.append(url)
    status = "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
    # The UID stays the same however the site is reached, so calendars update the event, not add one.
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "nettverksadmin"
    return ical.Event(
        uid=f"meeting-{meeting.pk}@{host}",
        starts=meeting.starts(),
        ends=meeting.ends(),
        summary=str(summary),
        description="\n".join(str(line) for line in lines),
        location=meeting.place or meeting.video_link,
        url=url,
        status=status,
    )


def _ics_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.meeting_for(request.user, pk)
    cases = q.agenda_cases(request.user, meeting)
    text = ical.calendar([_meeting_event(meeting, cases, request=request)])
    return _ics_response(text, f"mote-{meeting.date:%Y-%m-%d}.ics")


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no login (calendar apps cannot log in), the token in the URL is the key."""
    user = q.user_for_calendar_token(token)
    if user is None:
        raise Http404(_("Ukjent eller utgått kalenderlenke."))
    events = [_meeting_event(m, m.feed_cases, request=request) for m in q.calendar_meetings(user)]
    return _ics_response(ical.calendar(events, name=_("Styringsgruppens møter")), "styringsgruppen.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not q.can_read_meetings(request.user):
        raise Http404(_("Fant ikke siden."))
    if request.method == "POST":
        services.calendar_token_for(user=request.user, renew=True)
        messages.success(request, _("Du har fått en ny kalenderlenke. Den gamle virker ikke lenger."))
        return redirect("meetings:calendar")
    token = services.calendar_token_for(user=request.user)
    feed_url = absolute_url(reverse("meetings:calendar_feed", kwargs={"token": token.token}), request=request)
    return render(
        request,
        "governance/meetings/calendar.html",
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[-1]},
    )
