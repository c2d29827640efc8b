"""Reads about meetings, cases and decisions, and who may read what (R8, R12).

Who reads what:
- the coordinator: everything, drafts included;
- steering-group members (a current term): published agendas and minutes, confidential cases included;
- member contacts: published agendas and minutes, without confidential cases;
- anyone else: nothing (404).

Every read is of the page's network (members.networks.current_network): another network's meeting, case,
attachment or decision is not found (404), whoever asks, its coordinator included.
"""

from __future__ import annotations

import datetime
import re

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Network, User
from members.networks import current_network, default_network
from members.roles import is_coordinator, is_member_contact

from ..models import BodyKind, BodyKindSettings, CalendarToken, Case, CaseAttachment, Meeting
from .bodies import is_steering_group_member

# --- who may read ------------------------------------------------------------------------------


def can_manage_meetings(user: User | AnonymousUser) -> bool:
    """Preparing cases and minutes is the coordinator's job (agreement §6)."""
    return is_coordinator(user)


def can_read_confidential(user: User | AnonymousUser) -> bool:
    """Papers for the steering group only: the steering group and the coordinator (R12)."""
    if not user.is_authenticated:
        return False
    network = current_network()
    cache = user.__dict__.setdefault("_meetings_confidential", {})  # per network: a job may speak for several
    if network.pk not in cache:
        cache[network.pk] = is_coordinator(user, network) or is_steering_group_member(user)
    return cache[network.pk]


def can_read_meetings(user: User | AnonymousUser) -> bool:
    """Members read published agendas, minutes and decisions; the public does not."""
    return user.is_authenticated and (can_read_confidential(user) or is_member_contact(user))


def _cases_filter_for(user: User | AnonymousUser, prefix: str = "") -> Q:
    """The cases `user` may read on meetings they may read (`prefix` = "cases__" from a meeting)."""
    if can_manage_meetings(user):
        return Q()
    q = ~Q(**{f"{prefix}status": Case.Status.DRAFT})
    if not can_read_confidential(user):
        q &= Q(**{f"{prefix}visibility": Case.Visibility.MEMBERS})
    return q


def meetings_of_network(network: Network | None = None) -> QuerySet[Meeting]:
    """The meetings of `network`'s bodies (the page's network when not given)."""
    return Meeting.objects.filter(body__network=network or current_network())


def cases_of_network(network: Network | None = None) -> QuerySet[Case]:
    return Case.objects.filter(body__network=network or current_network())


def meetings_visible_to(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Meetings `user` may see listed: all of the page's network's for anyone who may read its meetings."""
    if not can_read_meetings(user):
        return Meeting.objects.none()
    return meetings_of_network().select_related("body")


def meeting_for(user: User | AnonymousUser, pk: int) -> Meeting:
    """The meeting, or 404 for missing and for not yours alike."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Fant ikke møtet."))
    return meeting


def agenda_readable(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """The coordinator reads drafts; others read the agenda once it is published."""
    return can_manage_meetings(user) or (can_read_meetings(user) and meeting.agenda_is_published)


def minutes_readable(user: User | AnonymousUser, meeting: Meeting) -> bool:
    if can_manage_meetings(user):
        return meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)
    return can_read_meetings(user) and meeting.minutes_are_published


def agenda_cases(user: User | AnonymousUser, meeting: Meeting) -> list[Case]:
    """The cases on the meeting's agenda that `user` may read, in agenda order, with attachments."""
    if not agenda_readable(user, meeting):
        return []
    return list(
        meeting.cases.filter(_cases_filter_for(user))
        .select_related("body", "approves_minutes_of")
        .prefetch_related(Prefetch("attachments", queryset=CaseAttachment.objects.order_by("uploaded_at", "pk")))
        .order_by("order", "year", "number", "pk")
    )


def case_for(user: User | AnonymousUser, pk: int) -> Case:
    """A case `user` may read, or 404."""
    case = cases_of_network().select_related("meeting", "body").filter(pk=pk).first()
    if case is None or not _may_read_case(user, case):
        raise Http404(_("Fant ikke saken."))
    return case


def _may_read_case(user: User | AnonymousUser, case: Case) -> bool:
    if can_manage_meetings(user):
        return True
    if case.meeting is None or not agenda_readable(user, case.meeting):
        return False
    return not case.is_confidential or can_read_confidential(user)


def attachment_for(user: User | AnonymousUser, pk: int) -> CaseAttachment:
    attachment = (
        CaseAttachment.objects.filter(case__body__network=current_network())
        .select_related("case__meeting", "case__body")
        .filter(pk=pk)
        .first()
    )
    if attachment is None or not _may_read_case(user, attachment.case):
        raise Http404(_("Fant ikke vedlegget."))
    return attachment


def managed_case(user: User | AnonymousUser, pk: int) -> Case:
    """A case the coordinator may change; 404 for everyone else."""
    if not can_manage_meetings(user):
        raise Http404(_("Fant ikke saken."))
    case = cases_of_network().select_related("meeting", "body").filter(pk=pk).first()
    if case is None:
        raise Http404(_("Fant ikke saken."))
    return case


def managed_meeting(user: User | AnonymousUser, pk: int) -> Meeting:
    if not can_manage_meetings(user):
        raise Http404(_("Fant ikke møtet."))
    meeting = meetings_of_network().select_related("body").filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Fant ikke møtet."))
    return meeting


# --- lists ---------------------------------------------------------------------------------------


def meeting_list(user: User | AnonymousUser, *, year: int | None = None) -> QuerySet[Meeting]:
    """Meetings for the list page, with the number of cases `user` may read on each, in date order."""
    meetings = meetings_visible_to(user)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    case_filter = _cases_filter_for(user, prefix="cases__")
    if not can_manage_meetings(user):
        case_filter &= Q(agenda_published_at__isnull=False)
    return meetings.annotate(visible_cases=Count("cases", filter=case_filter, distinct=True)).order_by(
        "date", "starts_at", "pk"
    )


def meeting_years(network: Network | None = None) -> list[int]:
    years = {d.year for d in meetings_of_network(network).dates("date", "year")}
    years.add(timezone.localdate().year)
    return sorted(years)


def upcoming_steering_group_meetings(
    on: datetime.date | None = None, network: Network | None = None
) -> QuerySet[Meeting]:
    """The steering group's coming meetings, of `network` (the page's when not given)."""
    on = on or timezone.localdate()
    return (
        meetings_of_network(network)
        .of_steering_group()
        .counted()
        .filter(date__gte=on)
        .select_related("body")
        .order_by("date", "starts_at")
    )


# --- the meeting-count rule (R7) ------------------------------------------------------------------


def meetings_per_year_bounds(network: Network | None = None) -> tuple[int | None, int | None]:
    """The steering group's meetings a year, fewest and most, from `network`'s settings (default: the first).

    Either may be None: the agreement sets no such bound (the partnership of seed 004: at least two)."""
    settings = BodyKindSettings.for_kind(BodyKind.STEERING_GROUP, network or default_network())
    return settings.meetings_per_year_min, settings.meetings_per_year_max


def meetings_target_text(low: int | None, high: int | None) -> str:
    """«4–5 møter i året», «minst 2 møter i året», «høyst 5 …», or "" when the agreement sets no target."""
    if low is not None and high is not None:
        if low == high:
            return ngettext("%(low)d møte i året", "%(low)d møter i året", low) % {"low": low}
        return _("%(low)d–%(high)d møter i året") % {"low": low, "high": high}
    if low is not None:
        return ngettext("minst %(low)d møte i året", "minst %(low)d møter i året", low) % {"low": low}
    if high is not None:
        return ngettext("høyst %(high)d møte i året", "høyst %(high)d møter i året", high) % {"high": high}
    return ""


def steering_group_meeting_count(year: int, network: Network | None = None) -> int:
    """Meetings planned or held in `year` by the steering group of `network` (default: the first)."""
    network = network or default_network()
    return Meeting.objects.of_steering_group().counted().filter(date__year=year, body__network=network).count()


def meeting_count_warning(year: int, network: Network | None = None) -> str | None:
    """A warning when the steering group has fewer or more meetings planned or held in `year` than agreed."""
    network = network or default_network()
    low, high = meetings_per_year_bounds(network)
    count = steering_group_meeting_count(year, network)
    values = {"count": count, "year": year, "target": meetings_target_text(low, high)}
    if low is not None and count < low:
        return (
            ngettext(
                "I %(year)d er bare %(count)d møte planlagt eller avholdt. Avtalen sier %(target)s.",
                "I %(year)d er bare %(count)d møter planlagt eller avholdt. Avtalen sier %(target)s.",
                count,
            )
            % values
        )
    if high is not None and count > high:
        return _("I %(year)d er %(count)d møter planlagt eller avholdt. Avtalen sier %(target)s.") % values
    return None


# --- decision register --------------------------------------------------------------------------


def decisions_visible_to(user: User | AnonymousUser) -> QuerySet[Case]:
    """Decided cases of the steering group that `user` may read: decided at meetings whose minutes are out."""
    if not can_read_meetings(user):
        return Case.objects.none()
    cases = cases_of_network().filter(status=Case.Status.DECIDED, body__kind=BodyKind.STEERING_GROUP)
    if not can_manage_meetings(user):
        cases = cases.filter(meeting__minutes_published_at__isnull=False)
    if not can_read_confidential(user):
        cases = cases.filter(visibility=Case.Visibility.MEMBERS)
    return cases.select_related("meeting")


def decision_register(user: User | AnonymousUser, *, year: int, search: str = "") -> QuerySet[Case]:
    cases = decisions_visible_to(user).filter(year=year)
    search = search.strip()
    if search:
        cases = cases.filter(Q(title__icontains=search) | Q(decision__icontains=search))
    return cases.order_by("number")


def decision_years(user: User | AnonymousUser) -> list[int]:
    return sorted(set(decisions_visible_to(user).values_list("year", flat=True).distinct()), reverse=True)


def decision_for(user: User | AnonymousUser, *, year: int, number: int) -> Case:
    case = decisions_visible_to(user).filter(year=year, number=number).first()
    if case is None:
        raise Http404(_("Fant ikke vedtaket."))
    return case


# --- calendar -----------------------------------------------------------------------------------


def user_for_calendar_token(token: str) -> User | None:
    """The active user whose private feed this is, if they may still read meetings."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active or not can_read_meetings(row.user):
        return None
    return row.user


def calendar_meetings(user: User | AnonymousUser) -> list[Meeting]:
    """Steering-group meetings for a feed: a year back and everything ahead, not cancelled ones."""
    since = timezone.localdate() - datetime.timedelta(days=366)
    meetings = list(
        meetings_visible_to(user)
        .filter(body__kind=BodyKind.STEERING_GROUP, date__gte=since)
        .order_by("date", "starts_at")
    )
    visible = _cases_filter_for(user)
    by_meeting: dict[int, list[Case]] = {m.pk: [] for m in meetings}
    readable = [m.pk for m in meetings if agenda_readable(user, m)]
    for case in Case.objects.filter(visible, meeting_id__in=readable).order_by("order", "year", "number"):
        by_meeting[case.meeting_id].append(case)
    for meeting in meetings:
        meeting.feed_cases = by_meeting[meeting.pk]
    return meetings


_CASE_REFERENCE = re.compile(r"^\s*(\d{1,4})/(\d{2})\s*$")


def decision_url(reference: str) -> str | None:
    """The register address of a case cited as `NN/YY` ("07/24" -> "/vedtak/2024/07/"), for change logs.

    Only the form is checked: the page itself decides who may read the decision.
    """
    match = _CASE_REFERENCE.match(reference or "")
    if not match:
        return None
    number, year = int(match.group(1)), 2000 + int(match.group(2))
    return reverse("meetings:decision_detail", kwargs={"year": year, "number": number})
