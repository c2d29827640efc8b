"""Every figure of the dashboard's billing, obligations, activities and governance parts, on data built for it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Event
from billing.services.dues import issue_dues_invoice
from billing.services.payments import register_payment
from network.dashboard import sections
from network.obligations.rules import obligations_for_year
from tests.factories import AttendanceFactory, ContactRoleFactory, EventFactory, dues_member, oslo

YEAR = timezone.localdate().year
ISSUED = datetime.date(YEAR, 1, 15)  # due 30 days later: overdue by the time the dashboard is read


@pytest.fixture
def two_members(db):
    small = dues_member(population=12_000, name="Liten kommune")
    mid = dues_member(population=45_000, name="Mellomstor kommune")
    for membership in (small, mid):
        ContactRoleFactory(organisation=membership.organisation)
    small_invoice = issue_dues_invoice(membership=small, year=YEAR, issue_date=ISSUED)
    issue_dues_invoice(membership=mid, year=YEAR, issue_date=ISSUED)
    register_payment(invoice=small_invoice, amount_ore=small_invoice.amount_ore, paid_on=ISSUED)
    return small.organisation, mid.organisation


def test_dues_figures_for_the_year(two_members):
    small, mid = two_members
    section = sections.dues_section(YEAR)
    summary = section["summary"]
    assert summary["invoiced_ore"] == 7_500_000
    assert summary["paid_ore"] == 2_500_000
    assert summary["outstanding_ore"] == 5_000_000
    assert (summary["overdue_ore"], summary["overdue_count"]) == (5_000_000, 1)
    assert [invoice.organisation for invoice in section["overdue"]] == [mid]


def test_dues_chart_has_the_years_numbers(two_members):
    chart = sections.dues_chart(timezone.localdate())
    assert chart.categories[-1] == str(YEAR)
    assert chart.table_rows[-1] == (str(YEAR), [25_000, 50_000])


def test_tier_chart_counts_members_per_tier(two_members):
    chart = sections.tier_chart(timezone.localdate())
    per_tier = {name: values[-1] for name, values in zip(chart.series_names, chart.values, strict=True)}
    assert per_tier == {"Kommune 20 000–80 000 innbyggere": 1, "Kommune under 20 000 innbyggere": 1}


def test_obligations_combine_paid_dues_and_gathering_attendance(two_members):
    small, mid = two_members
    gathering = EventFactory(kind=Event.Kind.GATHERING, starts_at=oslo(YEAR, 3, 10))
    AttendanceFactory(event=gathering, organisation=small)
    verdicts = {r.organisation: r for r in obligations_for_year(YEAR)}
    assert verdicts[small].all_met
    assert verdicts[mid].missing_keys == {"dues", "gathering"}
    counts = sections.obligations_section(YEAR)
    assert (counts.members, counts.all_met) == (2, 1)
    assert dict((key, n) for key, _label, n in counts.missing) == {
        "decision": 0, "contact": 0, "dues": 1, "gathering": 1
    }


def test_a_digital_meeting_does_not_count_as_a_gathering(two_members):
    small, _ = two_members
    meeting = EventFactory(kind=Event.Kind.MEMBER_MEETING, starts_at=oslo(YEAR, 3, 10))
    AttendanceFactory(event=meeting, organisation=small)
    verdicts = {r.organisation: r for r in obligations_for_year(YEAR)}
    assert "gathering" in verdicts[small].missing_keys


def test_gatherings_against_the_target_of_two(db):
    first = EventFactory(kind=Event.Kind.GATHERING, starts_at=oslo(YEAR, 3, 10))
    assert sections.activities_section(timezone.localdate())["gathering_warning"]
    EventFactory(kind=Event.Kind.GATHERING, starts_at=oslo(YEAR, 9, 10))
    AttendanceFactory(event=first)
    AttendanceFactory(event=first)
    section = sections.activities_section(timezone.localdate())
    assert section["gatherings"] == 2 and section["gathering_warning"] is None
    assert section["attendance_chart"].values[0] == [2, 0]


def test_meetings_against_the_four_to_five_target(db):
    section = sections.governance_section(timezone.localdate())
    assert section["meeting_count"] == 0
    assert section["meeting_warning"]
    assert section["meeting_bounds"] == (4, 5)


def test_the_dashboard_page_shows_billing_and_obligations(client, coordinator, two_members):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Mellomstor kommune" in page  # in the overdue list
    assert "0 av 2 medlemmer oppfyller alle minsteforpliktelsene" in page  # nobody attended a gathering
    assert "50\u00a0000,00\u00a0kr" in page


def test_billing_admin_sees_dues_but_no_member_figures(client, billing_admin, two_members):
    client.force_login(billing_admin)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Mellomstor kommune" in page
    assert "Minsteforpliktelser" not in page


def test_obligations_page_filters_and_exports(client, coordinator, two_members):
    import io

    from openpyxl import load_workbook

    client.force_login(coordinator)
    page = client.get(reverse("dashboard:obligations") + "?missing=dues").content.decode()
    assert "Mellomstor kommune" in page and "Liten kommune" not in page
    response = client.get(reverse("dashboard:obligations") + "?missing=dues&format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Mellomstor kommune"]
    assert rows[1][4] == "Nei"  # dues column


def test_member_list_shows_tier_and_filters_on_missing_obligation(client, coordinator, two_members):
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:member_list") + "?missing=dues").content.decode()
    assert "Mellomstor kommune" in page and "Liten kommune" not in page
    assert "Kommune 20 000–80 000 innbyggere" in page


def test_chart_coordinates_are_not_localised(client, coordinator, two_members):
    """SVG needs 12.5, not the Norwegian 12,5, or the bars vanish in the browser."""
    import re

    client.force_login(coordinator)
    page = client.get(reverse("dashboard:home")).content.decode()
    coordinates = re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', page)
    assert coordinates
    for values in coordinates:
        for value in values:
            float(value)
