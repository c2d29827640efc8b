"""The dashboard's parts that come from billing, governance and activities.

network may import every app (DESIGN.md, Architecture); each function here asks one app its own
queries and shapes the answer for the dashboard, with a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from activities.models import Event
from activities.queries import gathering_plan_warning, physical_gatherings_in_year, year_against_targets
from billing.models import FIRST_DUES_YEAR, DuesRun, Invoice
from billing.queries import Status as InvoiceStatus
from billing.queries import dues_invoices, dues_summary, with_balance
from billing.tier_labels import tier_label
from governance.queries.meetings import (
    meeting_count_warning,
    meetings_per_year_bounds,
    meetings_target_text,
    steering_group_meeting_count,
    upcoming_steering_group_meetings,
)
from governance.services.gender_balance import gender_balance_report
from members.models import Network
from members.networks import default_network
from network.obligations import rules as obligations

from .charts import bar_chart


def dues_section(year: int) -> dict:
    """The page's network's dues: its summary, its overdue invoices, its run of the year."""
    network = default_network()
    summary = dues_summary(year, network=network)
    overdue = list(
        with_balance(dues_invoices(year, network))
        .filter(status=InvoiceStatus.OVERDUE)
        .select_related("organisation")
        .order_by("due_date", "organisation__name")
    )
    return {
        "summary": summary,
        "overdue": overdue,
        "this_year_run": DuesRun.objects.filter(network=network, year=year)
        .exclude(status=DuesRun.Status.PLANNED)
        .first(),
    }


def running_dues_runs() -> list[DuesRun]:
    return list(
        DuesRun.objects.filter(
            network=default_network(), status__in=[DuesRun.Status.QUEUED, DuesRun.Status.RUNNING]
        )
    )


def dues_chart(today: datetime.date) -> object:
    """Dues paid vs outstanding per year, in kroner, one query per year (a handful of years)."""
    years = list(range(FIRST_DUES_YEAR, today.year + 1))
    paid, outstanding = [], []
    for year in years:
        summary = dues_summary(year)
        paid.append(round(summary["paid_ore"] / 100))
        outstanding.append(round(summary["outstanding_ore"] / 100))
    return bar_chart(
        title=_("Kontingent betalt og utestående per år"),
        categories=[str(y) for y in years],
        series={_("Betalt"): paid, _("Utestående"): outstanding},
        unit="kr",
    )


def tier_chart(today: datetime.date) -> object:
    """Members per dues tier over the years, read from the dues invoices' tier snapshot (one query)."""
    rows = (
        Invoice.objects.filter(type=Invoice.Type.INVOICE, purpose=Invoice.Purpose.DUES, network=default_network())
        .values("dues_year", "tier_label")
        .annotate(n=Count("pk"))
        .order_by("dues_year", "tier_label")
    )
    years = list(range(FIRST_DUES_YEAR, today.year + 1))
    tiers: dict[str, list[int]] = {}
    for row in rows:
        if row["dues_year"] not in years:
            continue
        label = tier_label(row["tier_label"]) or _("Uten trinn")
        tiers.setdefault(label, [0] * len(years))[years.index(row["dues_year"])] = row["n"]
    return bar_chart(
        title=_("Medlemmer per kontingenttrinn og år"),
        categories=[str(y) for y in years],
        series=dict(sorted(tiers.items())) or {_("Medlemmer"): [0] * len(years)},
        unit=_("medlemmer"),
    )


def governance_section(today: datetime.date, network: Network | None = None) -> dict:
    """Gender balance and the steering group's meetings against `network`'s targets (default: the first)."""
    network = network or default_network()
    report = gender_balance_report(today)
    low, high = meetings_per_year_bounds(network)
    upcoming = upcoming_steering_group_meetings(today).filter(body__network=network).first()
    return {
        "gender_balance": report,
        "gender_chart": bar_chart(
            title=_("Kjønnsfordeling per organ"),
            categories=[str(r.label)[:28] for r in report],
            series={
                _("Kvinner"): [r.women for r in report],
                _("Menn"): [r.men for r in report],
                _("Ukjent eller annet"): [r.unknown + r.other for r in report],
            },
            unit=_("personer"),
        ),
        "meeting_count": steering_group_meeting_count(today.year, network),
        "meeting_bounds": (low, high),
        "meeting_target": meetings_target_text(low, high),
        "meeting_warning": meeting_count_warning(today.year, network),
        "next_meeting": upcoming,
    }


def activities_section(today: datetime.date, network: Network | None = None) -> dict:
    """The year's gatherings, member meetings and Bærekraftsfredager against `network`'s targets (default: the
    first), and the attendance at each gathering."""
    network = network or default_network()
    gatherings = list(
        Event.objects.filter(
            network=network, kind=Event.Kind.GATHERING, starts_at__year=today.year, cancelled_at__isnull=True
        )
        .annotate(
            attended_people=Count("attendances", distinct=True),
            attended_members=Count(
                "attendances__organisation", distinct=True, filter=Q(attendances__organisation__isnull=False)
            ),
        )
        .order_by("starts_at")
    )
    return {
        "gatherings": physical_gatherings_in_year(today.year, network),
        "gathering_warning": gathering_plan_warning(today.year, network),
        "targets": year_against_targets(today.year, network),
        "attendance_chart": bar_chart(
            title=_("Oppmøte per nettverkssamling i år"),
            categories=[f"{g.starts_at:%d.%m}" for g in gatherings],
            series={
                _("Personer"): [g.attended_people for g in gatherings],
                _("Medlemmer"): [g.attended_members for g in gatherings],
            },
            unit=_("antall"),
        ),
    }


@dataclass(frozen=True)
class ObligationCounts:
    year: int
    members: int
    all_met: int
    missing: list[tuple[str, str, int]]  # key, label, count


def obligations_section(year: int) -> ObligationCounts:
    """The page's network's members and the obligations it checks, labelled as the network says them."""
    network = default_network()
    results = obligations.obligations_for_year(year, network=network)
    counts = obligations.summary(results)
    return ObligationCounts(
        year=year,
        members=counts["members"],
        all_met=counts["all_met"],
        missing=[(o.key, o.label_for(network), counts[o.key]) for o in obligations.applied_obligations(network)],
    )
