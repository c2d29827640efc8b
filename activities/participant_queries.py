"""Reads about the rows of an imported participant list and the people each might be (R11, R13).

A coordinator matches only their own network's rows, and picks among their own network's people.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from members.models import Membership, Network, Person, User
from members.networks import current_network
from members.roles import is_coordinator

from .models import Attendance, Event, ParticipantRow, Registration


def pending_participant_rows(event: Event | None = None, network: Network | None = None) -> QuerySet[ParticipantRow]:
    """Rows waiting for manual matching: of `event`, else of the network's events."""
    qs = ParticipantRow.objects.filter(status=ParticipantRow.Status.PENDING).select_related("event")
    qs = qs.filter(event=event) if event is not None else qs.filter(event__network=network or current_network())
    return qs.order_by("event__starts_at", "line_number", "pk")


def participant_row_for(user: User, pk: int) -> ParticipantRow:
    """A participant row of the network's events, for its coordinator; else 404."""
    if not is_coordinator(user):
        raise Http404
    try:
        return ParticipantRow.objects.select_related("event").get(pk=pk, event__network=current_network())
    except ParticipantRow.DoesNotExist:
        raise Http404 from None


def network_people(network: Network | None = None) -> QuerySet[Person]:
    """The people a coordinator of `network` may pick among when matching participants: those of its
    members (present or past), those of an organisation that is no member of any network, and those of no
    organisation who took part in this network's events or in none yet; never the people of another
    network's members only, nor someone of no organisation known only from another network's events."""
    network = network or current_network()
    memberships = Membership.objects.filter(organisation=OuterRef("organisation"))
    registrations = Registration.objects.filter(person=OuterRef("pk"))
    attendances = Attendance.objects.filter(person=OuterRef("pk"))
    taken_part_here = Exists(registrations.filter(event__network=network)) | Exists(
        attendances.filter(event__network=network)
    )
    of_no_network = ~Exists(registrations) & ~Exists(attendances)
    return Person.objects.filter(anonymised_at__isnull=True).filter(
        (Q(organisation__isnull=True) & (taken_part_here | of_no_network))
        | Exists(memberships.filter(network=network))
        | (Q(organisation__isnull=False) & ~Exists(memberships))
    )


def _candidate_keys(row: ParticipantRow) -> tuple[str, str, str]:
    words = [w for w in row.name.split() if len(w) > 1]
    return (
        words[0].lower() if words else "",
        words[-1].lower() if len(words) > 1 else "",
        row.organisation_name.strip().lower(),
    )


def person_candidates(
    rows: list[ParticipantRow], limit: int = 10, network: Network | None = None
) -> dict[int, list[Person]]:
    """For each unmatched row, people of the network it could be (same surname, or first name, or
    organisation name; network_people).

    One query for all rows, so the review list costs the same for 2 rows as for 200.
    """
    firsts, lasts, orgs = set(), set(), set()
    for row in rows:
        first, last, org = _candidate_keys(row)
        firsts.add(first)
        lasts.add(last)
        orgs.add(org)
    firsts.discard("")
    lasts.discard("")
    orgs.discard("")
    q = Q(pk__in=[])
    if lasts:
        q |= Q(last_lower__in=lasts)
    if firsts:
        q |= Q(first_lower__in=firsts)
    if orgs:
        q |= Q(org_lower__in=orgs)
    people = list(
        network_people(network)
        .annotate(
            last_lower=Lower("last_name"), first_lower=Lower("first_name"), org_lower=Lower("organisation__name")
        )
        .filter(q)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")[:2000]
    )
    result: dict[int, list[Person]] = {}
    for row in rows:
        first, last, org = _candidate_keys(row)

        def score(person: Person, first=first, last=last, org=org) -> int:
            points = 0
            if last and person.last_name.lower() == last:
                points += 2
            if first and person.first_name.lower() == first:
                points += 1
            if org and person.organisation and person.organisation.name.lower() == org:
                points += 2
            return points

        ranked = sorted((p for p in people if score(p) > 0), key=lambda p: -score(p))
        result[row.pk] = ranked[:limit]
    return result
