"""Reads about activities: what a year holds, who came, what someone may see (R6, R11, R12).

Every page speaks for one network (members.networks.current_network): its lists, its counts and the
objects it opens are that network's only; another network's id answers 404 like a missing one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Network, Organisation, Person, User
from members.networks import current_network, default_network
from members.roles import contact_organisation_ids, is_coordinator, is_member_contact

from .models import ActivityTargets, Attendance, Event, Registration

# The rows of an imported participant list and whom they might be live in their own module; the pages
# read them from here with the rest (explicit re-exports).
from .participant_queries import network_people as network_people
from .participant_queries import participant_row_for as participant_row_for
from .participant_queries import pending_participant_rows as pending_participant_rows
from .participant_queries import person_candidates as person_candidates

# --- the contract for the obligations check and the dashboard ------------------------------


def organisations_with_gathering_attendance(year: int, network: Network | None = None) -> set[int]:
    """Ids of organisations with at least one representative at a physical gathering in `year` (R6).

    Only physical network gatherings count (not member meetings, Bærekraftsfredager or joint
    initiatives), only events that start in `year` in Norwegian time, never cancelled ones; only
    `network`'s gatherings (the page's when not given): a member's obligations count its own network's.
    """
    return set(gathering_attendances(year, network).values_list("organisation_id", flat=True).distinct())


def gathering_attendances(year: int, network: Network | None = None) -> QuerySet[Attendance]:
    """Attendances of organisations' representatives that count for R6 (see above), at `network`'s
    gatherings (the page's when not given)."""
    attendances = Attendance.objects.filter(
        event__kind=Event.Kind.GATHERING,
        event__starts_at__year=year,
        event__cancelled_at__isnull=True,
        organisation__isnull=False,
    )
    return attendances.filter(event__network=network or current_network())


def physical_gatherings_in_year(year: int, network: Network | None = None) -> int:
    """The network's physical gatherings planned or held in `year` (default: the first network's)."""
    events = Event.objects.filter(network=network or default_network())
    return events.physical_gatherings().not_cancelled().in_year(year).count()


def gathering_plan_warning(year: int, network: Network | None = None) -> str | None:
    """A warning when fewer physical gatherings than the network's target (ActivityTargets) are planned or held
    in `year`."""
    network = network or default_network()
    target = ActivityTargets.for_network(network).physical_gatherings_per_year
    if target is None:
        return None  # the agreement sets no target
    planned = physical_gatherings_in_year(year, network)
    if planned >= target:
        return None
    return ngettext(
        "%(year)s har %(planned)s fysisk nettverkssamling planlagt; målet er %(target)s i året.",
        "%(year)s har %(planned)s fysiske nettverkssamlinger planlagt; målet er %(target)s i året.",
        planned,
    ) % {"year": year, "planned": planned, "target": target}


def next_physical_gathering(now: datetime.datetime | None = None, network: Network | None = None) -> Event | None:
    """The network's next physical gathering still open for registration (for the autumn reminder, R6)."""
    now = now or timezone.now()
    candidates = (
        network_events(network).physical_gatherings().not_cancelled().filter(starts_at__gt=now).order_by("starts_at", "pk")
    )
    return next((event for event in candidates[:10] if event.registration_open(now)), None)


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date
    gatherings: int
    member_meetings: int
    baerekraftsfredager: int
    joint_initiatives: int


def events_per_month(year: int, network: Network | None = None) -> list[MonthCount]:
    """For each month of `year`: how many events of each kind (not cancelled) the network has (default: the
    first). One query."""
    rows = (
        Event.objects.filter(network=network or default_network())
        .not_cancelled()
        .in_year(year)
        .annotate(month=ExtractMonth("starts_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, str], int] = {(r["month"], r["kind"]): r["n"] for r in rows}
    return [
        MonthCount(
            month=datetime.date(year, m, 1),
            gatherings=counts.get((m, Event.Kind.GATHERING), 0),
            member_meetings=counts.get((m, Event.Kind.MEMBER_MEETING), 0),
            baerekraftsfredager=counts.get((m, Event.Kind.BAEREKRAFTSFREDAG), 0),
            joint_initiatives=counts.get((m, Event.Kind.JOINT_INITIATIVE), 0),
        )
        for m in range(1, 13)
    ]


# July is the Norwegian summer holiday (fellesferie): no member meeting or Bærekraftsfredag is
# expected then (the targets of about ten a year leave it out), so its absence is no warning.
HOLIDAY_MONTHS = frozenset({7})

_MONTHLY_KINDS = {Event.Kind.MEMBER_MEETING: "member_meetings", Event.Kind.BAEREKRAFTSFREDAG: "baerekraftsfredager"}


def months_without(
    year: int, kind: str, *, until: datetime.date | None = None, network: Network | None = None
) -> list[datetime.date]:
    """Months (up to `until`) without an event of `kind`: the mandate asks for about one a month."""
    return months_missing(events_per_month(year, network), kind, until=until)


def months_missing(per_month: list[MonthCount], kind: str, *, until: datetime.date | None = None) -> list[datetime.date]:
    """The months of `per_month` (events_per_month's rows) that started by `until` and have no event of
    `kind`, the summer holiday left out: the months worth a warning."""
    attr = _MONTHLY_KINDS[kind]
    return [
        row.month
        for row in per_month
        if getattr(row, attr) == 0
        and row.month.month not in HOLIDAY_MONTHS
        and (until is None or row.month <= until)
    ]


@dataclass(frozen=True)
class TargetProgress:
    """One kind of activity in a year against the network's target (ActivityTargets)."""

    kind: str
    target: int
    planned: int  # held or still to come, never cancelled
    held: int  # of those, the ones that have started
    months_without: list[datetime.date]  # monthly kinds: months so far without one (holiday left out)


def year_against_targets(
    year: int, network: Network | None = None, *, now: datetime.datetime | None = None
) -> dict[str, TargetProgress]:
    """Gatherings, member meetings and Bærekraftsfredager of `network` (default: the first) in `year`
    against its targets, keyed by the target's name: only the targets the network sets. Three queries."""
    network = network or default_network()
    now = now or timezone.now()
    targets = ActivityTargets.for_network(network)
    per_month = events_per_month(year, network)
    held = dict(
        Event.objects.filter(network=network, starts_at__lt=now)
        .not_cancelled()
        .in_year(year)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    until = timezone.localtime(now).date()
    kinds = (
        ("physical_gatherings_per_year", Event.Kind.GATHERING, "gatherings"),
        ("member_meetings_per_year", Event.Kind.MEMBER_MEETING, "member_meetings"),
        ("baerekraftsfredager_per_year", Event.Kind.BAEREKRAFTSFREDAG, "baerekraftsfredager"),
    )
    return {
        name: TargetProgress(
            kind=kind,
            target=getattr(targets, name),
            planned=sum(getattr(row, attr) for row in per_month),
            held=held.get(kind, 0),
            months_without=months_missing(per_month, kind, until=until) if kind in _MONTHLY_KINDS else [],
        )
        for name, kind, attr in kinds
        if getattr(targets, name) is not None
    }


# --- lists -----------------------------------------------------------------------------------


def network_events(network: Network | None = None) -> QuerySet[Event]:
    """The events of `network` (default: the one the page speaks for): where every list and lookup starts."""
    return Event.objects.filter(network=network or current_network())


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED), distinct=True),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING), distinct=True),
        attended_count=Count("attendances", distinct=True),
    )


def upcoming_open_events(now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Public page: the network's upcoming events open to anyone."""
    return _with_counts(network_events().open_to_public().not_cancelled().upcoming(now)).order_by("starts_at", "pk")


def public_calendar_events(now: datetime.datetime | None = None) -> QuerySet[Event]:
    """The network's iCalendar feed: its open events from a year back, cancelled ones included (so calendars
    drop them)."""
    since = (now or timezone.now()) - datetime.timedelta(days=365)
    return network_events().open_to_public().filter(ends_at__gte=since).order_by("starts_at", "pk")


def public_event(pk: int) -> Event:
    """An open event of the network (public registration), else 404."""
    try:
        return network_events().open_to_public().get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def coordinated_event(pk: int) -> Event:
    """An event of the network for its coordinator's pages (the view has checked the role), else 404."""
    try:
        return network_events().get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def events_visible_to(user: User) -> QuerySet[Event]:
    """The network's open events for anyone; its members-only events too for its member contacts and
    coordinators (R12)."""
    events = network_events()
    if is_coordinator(user) or is_member_contact(user):
        return events
    return events.open_to_public()


def event_for(user: User, pk: int) -> Event:
    """The event if `user` may see it, else 404."""
    try:
        return events_visible_to(user).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def upcoming_events_for(user: User, now: datetime.datetime | None = None) -> QuerySet[Event]:
    return _with_counts(events_visible_to(user).not_cancelled().upcoming(now)).order_by("starts_at", "pk")


def events_in_year(year: int) -> QuerySet[Event]:
    """The coordinator's overview of the network's year, with counts (constant number of queries)."""
    return _with_counts(network_events().in_year(year)).order_by("starts_at", "pk")


def checkin_list(event: Event) -> QuerySet[Registration]:
    """Registrations with a place, each with its attendance (or none), by name."""
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("organisation", "attendance")
        .order_by("name", "pk")
    )


def attendances_without_registration(event: Event) -> QuerySet[Attendance]:
    return event.attendances.filter(registration__isnull=True).select_related("organisation").order_by("name")


def waiting_list(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk")


# --- member contacts --------------------------------------------------------------------------


def registration_for_contact(user: User, pk: int) -> Registration:
    """A registration for the network's events of the user's own organisation (or any, for its
    coordinator), else 404."""
    qs = Registration.objects.select_related("event", "organisation").filter(event__network=current_network())
    if not is_coordinator(user):
        qs = qs.filter(organisation_id__in=contact_organisation_ids(user))
    try:
        return qs.get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None


def network_member(organisation: Organisation) -> Organisation:
    """`organisation` (one the user may see) if it is or was a member of the network, else 404."""
    if not organisation.memberships.filter(network=current_network()).exists():
        raise Http404
    return organisation


def contact_organisations_in_network(user: User) -> QuerySet[Organisation]:
    """The user's organisations that are or were members of the network: whom they may register."""
    return Organisation.objects.filter(
        pk__in=contact_organisation_ids(user), memberships__network=current_network()
    ).distinct()


def organisation_people(organisation: Organisation) -> QuerySet[Person]:
    return organisation.people.filter(anonymised_at__isnull=True).order_by("last_name", "first_name")


def organisation_registrations(organisation: Organisation, event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(organisation=organisation).exclude(status=Registration.Status.CANCELLED)


@dataclass(frozen=True)
class OrganisationYear:
    registrations: list[Registration]
    attendances: list[Attendance]
    upcoming: list[Event]
    attended_gathering: bool


def registration_state(registration: Registration, *, now: datetime.datetime) -> str:
    """What a registration came to: before the event its status; after it whether the person came.

    `registration.attended` is annotated by organisation_activity (an attendance of the registration,
    or of the same person at the event).
    """
    if registration.event.ends_at >= now:
        return str(registration.get_status_display())
    if registration.attended:
        return str(_("Deltok"))
    if registration.status == Registration.Status.WAITING:
        return str(_("Sto på venteliste"))
    return str(_("Påmeldt, ikke registrert oppmøte"))


def organisation_activity(
    organisation: Organisation, year: int, now: datetime.datetime | None = None, network: Network | None = None
) -> OrganisationYear:
    """The portal section: this year's registrations and attendance of one organisation at the network's
    events, and what the network has coming."""
    now = now or timezone.now()
    network = network or current_network()
    came = Attendance.objects.filter(event=OuterRef("event")).filter(
        Q(registration=OuterRef("pk")) | Q(person=OuterRef("person"))
    )
    registrations = list(
        Registration.objects.filter(organisation=organisation, event__network=network, event__starts_at__year=year)
        .exclude(status=Registration.Status.CANCELLED)
        .annotate(attended=Exists(came))
        .select_related("event")
        .order_by("event__starts_at", "name")
    )
    for registration in registrations:
        registration.state_label = registration_state(registration, now=now)
    attendances = list(
        Attendance.objects.filter(organisation=organisation, event__network=network, event__starts_at__year=year)
        .select_related("event")
        .order_by("event__starts_at", "name")
    )
    mine = Registration.objects.filter(organisation=organisation).exclude(status=Registration.Status.CANCELLED)
    upcoming = list(
        _with_counts(network_events(network).not_cancelled().upcoming(now))
        .prefetch_related(Prefetch("registrations", queryset=mine, to_attr="own_registrations"))
        .order_by("starts_at", "pk")[:10]
    )
    return OrganisationYear(
        registrations=registrations,
        attendances=attendances,
        upcoming=upcoming,
        attended_gathering=any(
            a.event.kind == Event.Kind.GATHERING and a.event.cancelled_at is None for a in attendances
        ),
    )



def dashboard_activity(year: int, network: Network | None = None) -> dict:
    """The dashboard's activities section: `{"template": DASHBOARD_TEMPLATE, "data": dashboard_activity(year)}`."""
    network = network or default_network()
    return {
        "year": year,
        "gathering_warning": gathering_plan_warning(year, network),
        "gatherings": physical_gatherings_in_year(year, network),
        "per_month": events_per_month(year, network),
        "targets": ActivityTargets.for_network(network),
        "pending_rows": pending_participant_rows(network=network).count(),
    }


DASHBOARD_TEMPLATE = "activities/_dashboard_activities.html"


def personal_data_for(email: str) -> dict[str, list]:
    """Everything activities hold about one email address, for an export on request (R12)."""
    email = (email or "").strip()
    if not email:
        return {"registrations": [], "attendances": []}
    return {
        "registrations": list(
            Registration.objects.filter(email__iexact=email).select_related("event").order_by("registered_at")
        ),
        "attendances": list(Attendance.objects.filter(email__iexact=email).select_related("event").order_by("recorded_at")),
    }
