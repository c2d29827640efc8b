"""What the coordinator's dashboard shows, each part one function with a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet

from members.models import ContactRole, Membership, Organisation, Person
from members.networks import current_network


@dataclass(frozen=True)
class MemberCounts:
    """Members by kind and status today: a row per kind of party the network admits or has, columns the
    statuses."""

    rows: list[dict]
    total_in_good_standing: int
    resigned_this_year: int
    applicants: int


def member_counts(today: datetime.date) -> MemberCounts:
    """Current memberships by kind and status, and those that ended this calendar year (one query)."""
    aggregates = {
        f"{kind}_{status}": Count("pk", filter=Q(organisation__kind=kind, status=status, ended_on__isnull=True))
        for kind in Organisation.Kind.values
        for status in Membership.Status.values
    }
    aggregates["resigned_this_year"] = Count(
        "pk", filter=Q(status=Membership.Status.RESIGNED, ended_on__year=today.year)
    )
    network = current_network()
    counts = Membership.objects.filter(network=network).aggregate(**aggregates)
    rows = []
    for kind, kind_label in Organisation.Kind.choices:
        cells = {status: counts[f"{kind}_{status}"] for status in Membership.Status.values}
        if network.admitted_kinds and kind not in network.admitted_kinds and not any(cells.values()):
            continue  # a kind of party this network neither admits nor has (none listed: it admits all)
        rows.append(
            {
                "kind": kind,
                "label": kind_label,
                "cells": cells,
                "in_good_standing": sum(cells[s] for s in Membership.GOOD_STANDING),
            }
        )
    return MemberCounts(
        rows=rows,
        total_in_good_standing=sum(row["in_good_standing"] for row in rows),
        resigned_this_year=counts["resigned_this_year"],
        applicants=sum(row["cells"][Membership.Status.APPLICANT] for row in rows),
    )


def pending_resignations(today: datetime.date) -> QuerySet[Membership]:
    """The network's members in their notice period, soonest effective date first."""
    return (
        Membership.objects.filter(network=current_network(), status=Membership.Status.NOTICE)
        .select_related("organisation")
        .order_by("notice_effective_on", "organisation__name")
    )


def agreements_ending(today: datetime.date) -> QuerySet[Membership]:
    """Agreements of current members that end within the reminder window (three months, R1)."""
    network = current_network()
    months = network.renewal_reminder_months
    return (
        Membership.objects.filter(network=network)
        .in_good_standing()
        .filter(agreement_ends_on__gte=today, agreement_ends_on__lte=today + relativedelta(months=months))
        .select_related("organisation")
        .order_by("agreement_ends_on")
    )


def members_without_contact() -> QuerySet[Organisation]:
    """The network's members in good standing with no contact person for it (R2): flagged on the dashboard."""
    network = current_network()
    return (
        Organisation.objects.filter(memberships__network=network, memberships__status__in=Membership.GOOD_STANDING)
        .exclude(pk__in=ContactRole.objects.filter(network=network).values("organisation_id"))
        .order_by("name")
        .distinct()
    )


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: str
    what: str
    object: str
    kind: str  # "+", "~" or "-"


def latest_changes(sources, *, limit: int) -> list[Change]:
    """The newest `limit` changes over `sources` ((model, history queryset, describe), ...), newest
    first: one query per history table, each limited, so the cost does not grow with the history."""
    changes = []
    for model, queryset, describe in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            changes.append(
                Change(
                    when=record.history_date,
                    who=record.history_user.email if record.history_user else "",
                    what=str(model._meta.verbose_name),
                    object=describe(record),
                    kind=record.history_type,
                )
            )
    return sorted(changes, key=lambda c: c.when, reverse=True)[:limit]


def recent_changes(limit: int = 12) -> list[Change]:
    """The latest changes to the network's memberships, members, contacts and people, newest first."""
    network = current_network()
    members = Membership.objects.filter(network=network).values("organisation_id")
    sources = [
        (
            Membership,
            Membership.history.filter(network_id=network.pk).select_related("organisation"),
            lambda h: h.organisation.name,
        ),
        (Organisation, Organisation.history.filter(id__in=members), lambda h: h.name),
        (Person, Person.history.filter(organisation_id__in=members), lambda h: f"{h.first_name} {h.last_name}"),
        (
            ContactRole,
            ContactRole.history.filter(network_id=network.pk).select_related("organisation"),
            lambda h: h.organisation.name,
        ),
    ]
    return latest_changes(sources, limit=limit)
