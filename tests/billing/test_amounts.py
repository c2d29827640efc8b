"""Amounts typed by a person: decimal notation only, at most two decimals, within a sane maximum (R4).

Finding 4 of issue 20: a payment of `1e9` was stored as 1 000 000 000 kr without a question.
"""

import inspect
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from billing.amounts import MAX_AMOUNT, AmountField, format_amount, kroner_to_ore, parse_amount
from billing.models import Payment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 500,50", Decimal("12500.50")),
        ("12\u00a0500,50", Decimal("12500.50")),  # no-break space, as Norwegian number formats write it
        ("12\u202f500,50", Decimal("12500.50")),  # narrow no-break space
        ("12\u2009500,50", Decimal("12500.50")),  # thin space
        ("1 234 567,89", Decimal("1234567.89")),
        ("12500,5", Decimal("12500.50")),
        ("12500.50", Decimal("12500.50")),
        ("12500", Decimal("12500.00")),
        ("  0,01 ", Decimal("0.01")),
        ("100 000 000", MAX_AMOUNT),
    ],
)
def test_norwegian_and_plain_decimal_notation_is_read_exactly(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1e9", "invalid"),
        ("1E9", "invalid"),
        ("12,345", "decimals"),
        ("12.345", "decimals"),
        ("0,001", "decimals"),
        ("", "required"),
        ("   ", "required"),
        ("0", "positive"),
        ("0,00", "positive"),
        ("-5", "negative"),
        ("\u22125", "negative"),  # minus sign
        ("+5", "invalid"),
        ("abc", "invalid"),
        ("12 kr", "invalid"),
        ("inf", "invalid"),
        ("Infinity", "invalid"),
        ("nan", "invalid"),
        ("NaN", "invalid"),
        ("1.234.567", "invalid"),
        ("1,234.56", "invalid"),
        ("12 50", "invalid"),  # a space that separates no group of three
        ("1  000", "invalid"),
        ("\u0661\u0662", "invalid"),  # Arabic-Indic digits are digits to Python, not to us
        ("１２", "invalid"),  # full-width digits
        ("12\x00", "invalid"),
        ("100 000 000,01", "max"),
        ("99999999999999999999999999", "max"),
        ("9" * 100, "invalid"),
    ],
)
def test_anything_else_is_refused_with_the_reason(text, code):
    with pytest.raises(ValidationError) as raised:
        parse_amount(text)
    assert raised.value.code == code


def _message(text: str) -> str:
    with pytest.raises(ValidationError) as raised:
        parse_amount(text)
    return raised.value.messages[0]


def test_the_refusals_are_explained_in_norwegian():
    with translation.override("nb"):
        assert "høyst to desimaler" in _message("1,234")
        assert "100\u00a0000\u00a0000 kr" in _message("1 000 000 000")
        assert "for eksempel 12 500,50" in _message("1e9")


# English comes from the merged catalogue (locale/pending/money.po until then).
@pytest.mark.i18n
def test_the_refusals_are_explained_in_english():
    with translation.override("en"):
        assert "at most two decimals" in _message("1,234")
        assert "for example 12 500,50" in _message("1e9")


def test_zero_is_allowed_only_where_asked_for():
    assert parse_amount("0", allow_zero=True) == Decimal("0.00")


amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@given(amount=amounts)
def test_every_amount_written_the_norwegian_way_reads_back_exactly(amount):
    whole, fraction = f"{amount:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    assert parse_amount(f"{grouped},{fraction}") == amount
    assert parse_amount(f"{whole}.{fraction}") == amount
    assert kroner_to_ore(parse_amount(f"{whole},{fraction}")) == int(whole) * 100 + int(fraction)


@given(amount=amounts)
def test_the_field_shows_an_amount_as_it_reads_it(amount):
    for language in ("nb", "en"):
        with translation.override(language):
            assert parse_amount(format_amount(amount)) == amount


@given(text=st.text(max_size=60))
def test_any_text_is_either_refused_or_an_exact_amount_within_the_bounds(text):
    try:
        amount = parse_amount(text)
    except ValidationError:
        return
    assert isinstance(amount, Decimal)
    assert amount.is_finite()
    assert Decimal("0.01") <= amount <= MAX_AMOUNT
    assert amount.as_tuple().exponent == -2


@given(mantissa=st.integers(1, 9), exponent=st.integers(-5, 400), sign=st.sampled_from(["e", "E", "e+", "e-"]))
def test_exponent_notation_is_never_an_amount(mantissa, exponent, sign):
    with pytest.raises(ValidationError):
        parse_amount(f"{mantissa}{sign}{exponent}")


def _form_classes():
    import activities.forms
    import billing.forms
    import governance.forms
    import governance.forms_meetings
    import members.forms
    import network.dashboard.forms

    for module in (
        billing.forms,
        members.forms,
        governance.forms,
        governance.forms_meetings,
        activities.forms,
        network.dashboard.forms,
    ):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_no_form_takes_money_as_a_float_or_a_bare_decimal_field():
    offenders = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.FloatField | forms.DecimalField)
    ]
    assert offenders == []


def test_every_amount_input_of_billing_is_the_amount_field():
    import billing.forms

    amount_fields = {
        f"{cls.__name__}.{name}": type(field).__name__
        for cls in _form_classes()
        if cls.__module__ == billing.forms.__name__
        for name, field in cls.base_fields.items()
        if "amount" in name
    }
    assert amount_fields
    assert set(amount_fields.values()) == {AmountField.__name__}


@pytest.mark.django_db
def test_a_payment_of_1e9_is_refused_with_a_field_error_and_nothing_is_stored(client, billing_admin):
    from billing.services.dues import issue_dues_invoice
    from tests.factories import dues_member

    invoice = issue_dues_invoice(membership=dues_member(population=50_000), year=2025)
    client.force_login(billing_admin)
    response = client.post(
        reverse("billing:invoice_register_payment", args=[invoice.pk]), {"amount": "1e9", "paid_on": "2025-02-01"}
    )
    assert response.status_code == 400
    assert "12 500,50" in response.context["payment_form"].errors["amount"][0]
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_dues_tier_amount_is_typed_in_kroner_in_the_admin_and_stored_in_ore():
    from billing.admin import DuesTierForm
    from tests.factories import dues_schedule_2023

    schedule = dues_schedule_2023()
    data = {"kind": "kommune", "population_min": "", "population_max": "19999", "label": "Liten kommune"}
    form = DuesTierForm({**data, "amount": "25 000"}, instance=schedule.tiers.model(schedule=schedule))
    assert form.is_valid(), form.errors
    assert form.save().amount_ore == 2_500_000
    refused = DuesTierForm({**data, "amount": "1e9"}, instance=schedule.tiers.model(schedule=schedule))
    assert not refused.is_valid() and "amount" in refused.errors
    shown = DuesTierForm(instance=schedule.tiers.get(label="Fylkeskommune"))
    with translation.override("nb"):
        assert shown["amount"].value() == "75\u00a0000,00"
        assert parse_amount(shown["amount"].value()) == Decimal("75000")
