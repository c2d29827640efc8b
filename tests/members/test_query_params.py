"""A number from the query string is plain ASCII digits inside the page's range, else the default."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from members.query_params import EARLIEST_YEAR, LATEST_YEAR, int_param, next_path, year_param


@pytest.mark.parametrize("value", ["2026", " 2026 ", "+2026"])
def test_a_year_in_digits_is_read(value):
    assert year_param(QueryDict(f"year={value.replace('+', '%2B')}"), default=2000) == 2026


@pytest.mark.parametrize(
    "value",
    ["", "abc", "99999", "-1", "0", "10000", "1e3", "1.5", "2026.0", "٢٠٢٦", "２０２６", "1" + "0" * 40, "NaN"],
)
def test_anything_else_is_the_default(value):
    assert year_param({"year": value}, default=2025) == 2025


def test_a_missing_year_is_the_current_year():
    assert year_param(QueryDict("")) == timezone.localdate().year


def test_the_range_is_inclusive_and_the_page_may_narrow_it():
    assert year_param({"year": str(EARLIEST_YEAR)}, default=2025) == EARLIEST_YEAR
    assert year_param({"year": str(LATEST_YEAR)}, default=2025) == LATEST_YEAR
    assert year_param({"year": "2021"}, default=2025, earliest=2022) == 2025
    assert year_param({"ar": "2030"}, "ar", default=2025, latest=2027) == 2025


def test_int_param_reads_negative_numbers_when_the_range_allows_them():
    assert int_param({"n": "-3"}, "n", default=0) == -3
    assert int_param({"n": "-3"}, "n", default=0, minimum=0) == 0
    assert int_param({"n": "9" * 20}, "n", default=7) == 7


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/koordinator/medlemmer/12/", "/koordinator/medlemmer/12/"),
        ("/portal/?year=2026", "/portal/?year=2026"),
        ("dashboard:home", None),  # a bare word: redirect() would take it for a view name
        ("abc", None),
        ("//evil.example/", None),
        ("https://evil.example/", None),
        ("/\x00/", None),
        ("", None),
    ],
)
def test_next_is_kept_only_as_a_path_on_this_site(rf, given, kept):
    assert next_path(rf.get("/start/", {"next": given})) == kept
    assert next_path(rf.post("/x/", {"next": given})) == kept
