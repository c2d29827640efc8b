import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Membership
from network.dashboard.member_list import MemberFilter, members_for_coordinator
from tests.factories import ContactRoleFactory, MembershipFactory, PopulationFigureFactory

TODAY = datetime.date(2026, 11, 23)


def _search(q):
    return [o.name for o in members_for_coordinator(MemberFilter(q=q), today=TODAY)]


@pytest.fixture
def two_members(db):
    first = MembershipFactory(organisation__name="Asker kommune", organisation__number="3203")
    ContactRoleFactory(organisation=first.organisation, person__first_name="Kari", person__last_name="Berg",
                       person__email="kari.berg@asker.kommune.no")
    PopulationFigureFactory(organisation=first.organisation, population=98_000)
    second = MembershipFactory(organisation__name="Bodø kommune", organisation__number="1804",
                               status=Membership.Status.NOTICE, notice_given_on=datetime.date(2026, 10, 1),
                               notice_effective_on=datetime.date(2027, 4, 1))
    ContactRoleFactory(organisation=second.organisation, person__first_name="Per", person__last_name="Holm",
                       person__email="=cmd|' /C calc'!A0")
    return first.organisation, second.organisation


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("asker", ["Asker kommune"]),
        ("1804", ["Bodø kommune"]),
        ("Kari Berg", ["Asker kommune"]),
        ("kari.berg@", ["Asker kommune"]),
        ("holm", ["Bodø kommune"]),
        ("nowhere", []),
    ],
)
def test_search_by_name_number_and_contact(two_members, q, expected):
    assert _search(q) == expected


def test_search_by_org_number(two_members):
    asker, _ = two_members
    assert _search(asker.org_number) == ["Asker kommune"]


def test_filter_by_status_and_sort_by_population(two_members):
    rows = members_for_coordinator(MemberFilter(status="notice"), today=TODAY)
    assert [o.name for o in rows] == ["Bodø kommune"]
    rows = members_for_coordinator(MemberFilter(sort="-population"), today=TODAY)
    assert [o.name for o in rows] == ["Asker kommune", "Bodø kommune"]


def test_unknown_filter_values_are_ignored():
    member_filter = MemberFilter.from_query({"kind": "<script>", "sort": "password", "status": "x"})
    assert (member_filter.kind, member_filter.sort, member_filter.status) == ("", "name", "")


def test_xlsx_export_reads_back_with_contacts(client, coordinator, two_members):
    client.force_login(coordinator)
    response = client.get(reverse("dashboard:member_export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Navn"
    assert [row[0] for row in rows[1:]] == ["Asker kommune", "Bodø kommune"]
    asker = rows[1]
    assert "Kari Berg" in asker and "kari.berg@asker.kommune.no" in asker and 98000 in asker


def test_csv_export_defuses_formulas(client, coordinator, two_members):
    client.force_login(coordinator)
    response = client.get(reverse("dashboard:member_export", kwargs={"fmt": "csv"}) + "?q=bod")
    text = response.content.decode("utf-8-sig")
    assert "'=cmd" in text
    assert text.splitlines()[1].startswith("Bodø kommune;")


def test_member_list_queries_do_not_grow_with_members(client, coordinator, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            membership = MembershipFactory()
            ContactRoleFactory(organisation=membership.organisation)
            PopulationFigureFactory(organisation=membership.organisation)

    client.force_login(coordinator)
    build(10)
    client.get(reverse("dashboard:member_list"))  # rows created lazily on a first visit do not count
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("dashboard:member_list")).status_code == 200
    build(190)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("dashboard:member_list")).status_code == 200
    assert len(large) == len(small)


def test_dashboard_queries_do_not_grow_with_members(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    for _ in range(10):
        ContactRoleFactory(organisation=MembershipFactory().organisation)
    client.get(reverse("dashboard:home"))  # rows created lazily on a first visit do not count
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("dashboard:home")).status_code == 200
    for _ in range(190):
        ContactRoleFactory(organisation=MembershipFactory(agreement_ends_on=TODAY).organisation)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("dashboard:home")).status_code == 200
    assert len(large) == len(small)


def test_dashboard_figures_are_served_from_the_cache_within_a_minute(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    client.get(reverse("dashboard:home"))
    with CaptureQueriesContext(connection) as cached:
        assert client.get(reverse("dashboard:home")).status_code == 200
    assert len(cached) <= 15
