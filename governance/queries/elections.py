"""Reads about steering-group elections (R7)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet

from members.models import Network
from members.networks import current_network

from ..models import BodyKind, Election, Nomination, Term


def elections(network: Network | None = None) -> QuerySet[Election]:
    """The elections of `network`'s bodies (the page's network when not given)."""
    return Election.objects.filter(body__network=network or current_network())


def open_election(network: Network | None = None) -> Election | None:
    """The steering group's open election in `network` (the page's), if any (one query)."""
    return (
        elections(network)
        .filter(body__kind=BodyKind.STEERING_GROUP, status=Election.Status.OPEN)
        .select_related("body")
        .order_by("body_id", "year")
        .first()
    )


def expiring_seats(election: Election) -> QuerySet[Term]:
    """Elected seats that end before the new terms start: the seats this election fills."""
    return (
        election.body.terms.filter(obtained=Term.Obtained.ELECTED, ends_on__lt=election.terms_start_on)
        # Seats ending in the year since the previous annual meeting; a seat split at the last constitution
        # (the part before a new role) ended before that and is not listed.
        .filter(ends_on__gte=election.terms_start_on - relativedelta(years=1))
        .select_related("person", "organisation")
        .order_by("ends_on", "person__last_name")
    )


def continuing_seats(election: Election) -> QuerySet[Term]:
    """Elected seats still held when the new terms start."""
    return (
        election.body.terms.filter(
            obtained=Term.Obtained.ELECTED, starts_on__lt=election.terms_start_on, ends_on__gte=election.terms_start_on
        )
        .select_related("person", "organisation")
        .order_by("ends_on", "person__last_name")
    )


def seats_to_fill(election: Election) -> int:
    from ..models import BodyKindSettings

    maximum = BodyKindSettings.for_kind(election.body.kind, election.body.network).max_elected_seats or 0
    return max(0, maximum - continuing_seats(election).count())


def nominations(election: Election) -> QuerySet[Nomination]:
    return election.nominations.select_related("person", "organisation").order_by(
        "status", "person__last_name", "person__first_name"
    )


def nominations_of_organisation(organisation, election: Election | None) -> QuerySet[Nomination]:
    """The organisation's nominations in `election` (usually the open one; none when there is none)."""
    if election is None:
        return Nomination.objects.none()
    return election.nominations.filter(organisation=organisation).select_related("person")
