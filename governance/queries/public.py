"""What anyone may read of a body with open meetings (kommuneloven's møteoffentlighet; seed 004).

A body with `meetings_public` shows, without login: its meetings once their agenda is published, the
open cases on them with their attachments, and the minutes once approved. Never a draft case, never a
confidential one (visibility "steering group only", R12) nor its attachments. Every other body's
meetings stay for members (governance.queries.meetings); here they are 404 like a meeting that does
not exist. The pages under a network's address show that network's open meetings only; another
network's meeting or attachment is 404 there too.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Network
from members.networks import current_network

from ..models import Attendance, Case, CaseAttachment, Meeting

OPEN_CASES = Q(visibility=Case.Visibility.MEMBERS) & ~Q(status=Case.Status.DRAFT)


def public_meetings(network: Network | None = None) -> QuerySet[Meeting]:
    """Meetings of bodies with open meetings whose agenda is published (of `network`, or of every network)."""
    meetings = Meeting.objects.filter(body__meetings_public=True, agenda_published_at__isnull=False)
    if network is not None:
        meetings = meetings.filter(body__network=network)
    return meetings.select_related("body", "body__network")


def public_meeting_list(network: Network | None = None, *, year: int | None = None) -> QuerySet[Meeting]:
    """For the list page and the front page: with the number of open cases on each, in date order."""
    meetings = public_meetings(network)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    open_cases = Q(cases__visibility=Case.Visibility.MEMBERS) & ~Q(cases__status=Case.Status.DRAFT)
    return meetings.annotate(open_cases=Count("cases", filter=open_cases, distinct=True)).order_by(
        "date", "starts_at", "pk"
    )


def upcoming_and_recent(network: Network | None, *, limit: int = 5) -> dict[str, list[Meeting]]:
    """The front page's two short lists: the next open meetings, and the latest with approved minutes."""
    today = timezone.localdate()
    meetings = public_meetings(network)
    return {
        "upcoming": list(meetings.filter(date__gte=today).exclude(status=Meeting.Status.CANCELLED)[:limit]),
        "minutes": list(meetings.filter(minutes_approved_at__isnull=False).order_by("-date", "-starts_at")[:limit]),
    }


def public_years(network: Network | None = None) -> list[int]:
    years = {d.year for d in public_meetings(network).dates("date", "year")}
    years.add(timezone.localdate().year)
    return sorted(years)


def public_meeting(pk: int, network: Network | None = None) -> Meeting:
    """An open meeting of `network` (the page's) with a published agenda, or 404 (also for a closed body's
    meeting, and for another network's)."""
    meeting = public_meetings(network or current_network()).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Fant ikke møtet."))
    return meeting


def public_minutes_readable(meeting: Meeting) -> bool:
    """The minutes are public once approved (by the next meeting)."""
    return meeting.minutes_approved_at is not None


def public_cases(meeting: Meeting) -> list[Case]:
    """The open cases on the meeting's agenda, in agenda order, with their attachments."""
    return list(
        meeting.cases.filter(OPEN_CASES)
        .select_related("body", "approves_minutes_of")
        .prefetch_related(Prefetch("attachments", queryset=CaseAttachment.objects.order_by("uploaded_at", "pk")))
        .order_by("order", "year", "number", "pk")
    )


def public_attendances(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendances.select_related("person", "organisation"))


def public_attachment(pk: int, network: Network | None = None) -> CaseAttachment:
    """An attachment of an open case on an open meeting's published agenda of `network` (the page's), or 404."""
    attachment = (
        CaseAttachment.objects.select_related("case__meeting__body")
        .filter(
            pk=pk,
            case__meeting__body__network=network or current_network(),
            case__visibility=Case.Visibility.MEMBERS,
            case__meeting__body__meetings_public=True,
            case__meeting__agenda_published_at__isnull=False,
        )
        .exclude(case__status=Case.Status.DRAFT)
        .first()
    )
    if attachment is None:
        raise Http404(_("Fant ikke vedlegget."))
    return attachment
