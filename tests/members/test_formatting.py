"""Money, numbers and dates follow the active language: 1 234 567,00 kr, 717 710 and 22.11.2026 in
Norwegian; NOK 1,234,567.00, 717,710 and 22 Nov 2026 in English."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from members.templatetags.formatting import dato, format_dato, format_kroner, format_tall, kroner, tall

NBSP = "\u00a0"


def render(source: str, **context) -> str:
    return Template("{% load formatting %}" + source).render(Context(context))


def test_ore_as_int_are_shown_as_kroner_with_no_break_space_groups_and_comma_decimals():
    assert kroner(123456700) == f"1{NBSP}234{NBSP}567,00{NBSP}kr"


def test_decimal_is_kroner():
    assert kroner(Decimal("1234567")) == f"1{NBSP}234{NBSP}567,00{NBSP}kr"
    assert kroner(Decimal("25000.5")) == f"25{NBSP}000,50{NBSP}kr"


@pytest.mark.parametrize(
    ("ore", "expected"),
    [
        (0, "0,00"),
        (1, "0,01"),
        (99, "0,99"),
        (100000, f"1{NBSP}000,00"),
        (2500000, f"25{NBSP}000,00"),
        (7500000, f"75{NBSP}000,00"),
        (99999999, f"999{NBSP}999,99"),
        (100000000000, f"1{NBSP}000{NBSP}000{NBSP}000,00"),
    ],
)
def test_groups_of_three_digits_from_the_right(ore, expected):
    assert kroner(ore) == f"{expected}{NBSP}kr"


def test_negative_amounts_such_as_credit_notes_keep_their_minus():
    assert kroner(-2500000) == f"-25{NBSP}000,00{NBSP}kr"
    assert kroner(Decimal("-0.5")) == f"-0,50{NBSP}kr"


def test_decimal_kroner_round_half_up_to_whole_ore():
    assert kroner(Decimal("0.005")) == f"0,01{NBSP}kr"
    assert kroner(Decimal("10.004")) == f"10,00{NBSP}kr"


def test_without_unit_for_columns_headed_with_the_currency():
    assert render('{{ amount|kroner:"uten" }}', amount=2500000) == f"25{NBSP}000,00"


@pytest.mark.parametrize("value", [12.5, True, "100", [1]])
def test_floats_and_other_types_are_refused_never_rounded(value):
    with pytest.raises(TypeError):
        kroner(value)


def test_missing_amount_shows_nothing():
    assert kroner(None) == ""
    assert render("[{{ amount|kroner }}]", amount=None) == "[]"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_formatted_ore_read_back_to_the_same_amount(ore):
    text = format_kroner(ore, unit=False)
    assert int(text.replace(NBSP, "").replace(",", "")) == ore
    assert " " not in text  # never an ordinary, breakable space


def test_amounts_in_english_are_nok_with_comma_groups_and_a_decimal_point():
    with translation.override("en"):
        assert render("{{ amount|kroner }}", amount=1250050) == f"NOK{NBSP}12,500.50"
        assert render('{{ amount|kroner:"uten" }}', amount=123456700) == "1,234,567.00"
        assert kroner(-2500000) == f"NOK{NBSP}-25,000.00"
    assert format_kroner(Decimal("-25000"), language="en") == f"NOK{NBSP}-25,000.00"
    assert format_kroner(1250050, language="nb") == f"12{NBSP}500,50{NBSP}kr"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_english_amounts_read_back_to_the_same_amount(ore):
    text = format_kroner(ore, unit=False, language="en")
    assert int(text.replace(",", "").replace(".", "")) == ore


@pytest.mark.parametrize(
    ("number", "nb", "en"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (717710, f"717{NBSP}710", "717,710"),
        (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
    ],
)
def test_a_population_or_count_is_grouped_by_the_language(number, nb, en):
    assert render("{{ n|tall }}", n=number) == nb
    with translation.override("en"):
        assert render("{{ n|tall }}", n=number) == en
    assert format_tall(-number, language="en") == (f"-{en}" if number else "0")


def test_a_missing_number_shows_nothing_and_a_float_is_refused():
    assert tall(None) == "" and render("[{{ n|tall }}]", n=None) == "[]"
    with pytest.raises(TypeError):
        format_tall(1.5)


def test_date_is_day_month_year_with_dots_and_leading_zeros():
    assert dato(datetime.date(2026, 11, 22)) == "22.11.2026"
    assert dato(datetime.date(2027, 2, 1)) == "01.02.2027"


def test_aware_datetime_is_the_date_in_oslo():
    late_evening_utc = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert dato(late_evening_utc) == "01.01.2027"
    oslo = datetime.datetime(2026, 6, 30, 0, 15, tzinfo=ZoneInfo("Europe/Oslo"))
    assert dato(oslo) == "30.06.2026"


def test_date_filter_in_a_template_in_both_languages():
    with translation.override("nb"):
        assert render("{{ day|dato }}", day=datetime.date(2026, 11, 22)) == "22.11.2026"
    with translation.override("en"):
        assert render("{{ day|dato }}", day=datetime.date(2026, 11, 22)) == f"22{NBSP}Nov{NBSP}2026"
        assert render("{{ day|dato }}", day=datetime.date(2027, 2, 1)) == f"1{NBSP}Feb{NBSP}2027"
    assert format_dato(datetime.date(2026, 7, 4), language="en") == f"4{NBSP}Jul{NBSP}2026"
    assert render("[{{ day|dato }}]", day=None) == "[]"


def test_date_filter_refuses_what_is_not_a_date():
    with pytest.raises(TypeError):
        dato("2026-11-22")


def test_a_long_date_names_the_month_in_the_active_language():
    day = datetime.date(2024, 3, 14)
    assert render('{{ day|dato:"lang" }}', day=day) == "14. mars 2024"
    with translation.override("en"):
        assert render('{{ day|dato:"lang" }}', day=day) == "14 March 2024"
