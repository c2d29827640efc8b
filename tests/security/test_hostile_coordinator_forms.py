"""Hostile numbers and dates in the coordinator's and billing administrator's forms (hypothesis).

Manual payments, credit notes, billing settings, meetings, cases, events and terms: never a 500,
a refused submission re-renders with a field error (or a 4xx) and stores nothing.
"""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Event
from billing.models import CreditBalanceEntry, Invoice, Issuer, Payment
from billing.services.dues import issue_dues_invoice
from governance.models import Case, Meeting, Term
from tests.factories import dues_member

from .hostile import (
    assert_form_rejects_cleanly,
    hostile_date,
    hostile_number,
    hostile_text,
    rolled_back,
    submit_hostile,
)

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def billing_client(client, billing_admin):
    client.force_login(billing_admin)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def invoice(db):
    return issue_dues_invoice(membership=dues_member(population=50_000), year=2025)


# --- billing -------------------------------------------------------------------------------------


@HYPOTHESIS
@given(amount=hostile_number(), paid_on=hostile_date(), reference=hostile_text())
def test_a_manual_payment_with_hostile_amount_and_date_is_refused_or_stored_exactly(
    billing_client, invoice, amount, paid_on, reference
):
    with rolled_back():
        response, accepted = submit_hostile(
            billing_client,
            reverse("billing:invoice_register_payment", args=[invoice.pk]),
            {"amount": amount, "paid_on": paid_on, "reference": reference, "note": ""},
            [Payment],
            form_key="payment_form",
        )
        if accepted:
            payment = Payment.objects.get()
            assert payment.amount_ore > 0
            assert datetime.date(2023, 1, 1) <= payment.paid_on <= datetime.date.today()
            assert payment.reference == reference.strip()
        else:
            assert response.status_code == 400


@pytest.mark.parametrize("paid_on", ["0001-01-01", "1900-01-01", "2022-12-31"])
def test_a_payment_dated_before_dues_began_in_2023_is_refused_with_a_field_error(billing_client, invoice, paid_on):
    response = assert_form_rejects_cleanly(
        billing_client,
        reverse("billing:invoice_register_payment", args=[invoice.pk]),
        {"amount": "100", "paid_on": paid_on},
        [Payment],
        form_key="payment_form",
    )
    assert response.status_code == 400
    assert response.context["payment_form"].errors["paid_on"]


@HYPOTHESIS
@given(amount=hostile_number(), reason=hostile_text())
def test_a_credit_note_with_a_hostile_amount_is_refused_or_credits_within_the_invoice(
    billing_client, invoice, amount, reason
):
    with rolled_back():
        response, accepted = submit_hostile(
            billing_client,
            reverse("billing:invoice_credit", args=[invoice.pk]),
            {"amount": amount, "reason": reason},
            [Invoice],
            form_key="credit_form",
        )
        if accepted:
            note = Invoice.objects.get(type=Invoice.Type.CREDIT_NOTE)
            assert 0 < note.amount_ore <= invoice.amount_ore
            assert note.reason == reason.strip()
        else:
            assert response.status_code == 400


@HYPOTHESIS
@given(
    numbers=st.fixed_dictionaries(
        {name: hostile_number() for name in ("due_days", "first_reminder_days", "second_reminder_days")}
    ),
    texts=st.fixed_dictionaries(
        {name: hostile_text() for name in ("issuer_org_number", "bank_account", "postal_code", "email")}
    ),
)
def test_billing_settings_with_hostile_numbers_are_refused_cleanly(billing_client, numbers, texts):
    before = list(Issuer.objects.values())
    data = {"issuer_name": "KS", "street_address": "Haakon VIIs gate 9", "postal_place": "Oslo", **numbers, **texts}
    with rolled_back():
        response = assert_form_rejects_cleanly(billing_client, reverse("billing:settings"), data, [Issuer])
        assert response.status_code in (200, 400)
        assert list(Issuer.objects.values()) == before


@pytest.fixture
def member_with_credit(invoice):
    """The invoice's member, paid 10 000 kr too much: a credit balance of 10 000 kr."""
    from billing.services.payments import register_payment

    register_payment(invoice=invoice, amount_ore=60_000_00, paid_on=invoice.issue_date, confirmed_surplus_ore=10_000_00)
    return invoice.organisation


@HYPOTHESIS
@given(amount=hostile_number(), refunded_on=hostile_date(), account=hostile_text(), note=hostile_text())
def test_a_refund_with_hostile_values_is_refused_or_stays_within_the_credit_balance(
    billing_client, member_with_credit, amount, refunded_on, account, note
):
    with rolled_back():
        response, accepted = submit_hostile(
            billing_client,
            reverse("billing:credit_refund", args=[member_with_credit.pk]),
            {"amount": amount, "refunded_on": refunded_on, "bank_account": account, "note": note},
            [CreditBalanceEntry],
            form_key="refund_form",
        )
        if accepted:
            refund = CreditBalanceEntry.objects.get(kind=CreditBalanceEntry.Kind.REFUND)
            assert -10_000_00 <= refund.amount_ore < 0
            assert len(refund.bank_account) == 11
        else:
            assert response.status_code == 400


@HYPOTHESIS
@given(amount=hostile_number(), invoice_value=hostile_number())
def test_a_set_off_with_hostile_values_is_refused_cleanly(billing_client, member_with_credit, amount, invoice_value):
    with rolled_back():
        response, accepted = submit_hostile(
            billing_client,
            reverse("billing:credit_set_off", args=[member_with_credit.pk]),
            {"amount": amount, "invoice": invoice_value},
            [CreditBalanceEntry],
            form_key="set_off_form",
        )
        assert not accepted  # the member has no open invoice to set the credit against
        assert response.status_code == 400


# --- meetings and cases --------------------------------------------------------------------------


@pytest.fixture
def steering_group():
    from tests.governance.meetings.factories import SteeringGroupFactory

    return SteeringGroupFactory()


@HYPOTHESIS
@given(date=hostile_date(), starts_at=hostile_text(), ends_at=hostile_text(), video_link=hostile_text())
def test_a_meeting_with_hostile_date_and_times_is_refused_cleanly(
    coordinator_client, steering_group, date, starts_at, ends_at, video_link
):
    data = {"body": steering_group.pk, "date": date, "starts_at": starts_at, "ends_at": ends_at}
    data.update(place="", video_link=video_link)
    with rolled_back():
        response, accepted = submit_hostile(
            coordinator_client, reverse("meetings:meeting_create"), data, [Meeting, Case]
        )
        if accepted:
            meeting = Meeting.objects.get()
            assert meeting.video_link.startswith(("http://", "https://"))
        else:
            assert response.status_code in (200, 400)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_meeting_in_year_1_or_9999_is_stored_or_refused_never_a_500(coordinator_client, steering_group, date):
    data = {"body": steering_group.pk, "date": date, "starts_at": "10:00", "ends_at": "12:00", "place": "Oslo"}
    response, accepted = submit_hostile(coordinator_client, reverse("meetings:meeting_create"), data, [Meeting, Case])
    if accepted:
        assert Meeting.objects.get().date.isoformat() == date
        assert coordinator_client.get(reverse("meetings:meeting_list")).status_code == 200
    else:
        assert response.status_code in (200, 400)


@HYPOTHESIS
@given(title=hostile_text(), background=hostile_text(), proposed=hostile_text(), presenter=hostile_text())
def test_a_case_with_hostile_text_is_refused_or_stored_exactly_and_shown_escaped(
    coordinator_client, steering_group, title, background, proposed, presenter
):
    from governance.services.meetings import schedule_meeting

    meeting = schedule_meeting(
        body=steering_group, date=datetime.date(2030, 3, 14), starts_at=datetime.time(10), place="Oslo"
    )
    data = {"title": title, "background": background, "proposed_decision": proposed, "presenter": presenter}
    with rolled_back():
        response, accepted = submit_hostile(
            coordinator_client, reverse("meetings:case_create", args=[meeting.pk]), data, [Case]
        )
        if accepted:
            case = Case.objects.get()
            assert (case.title, case.presenter) == (title.strip(), presenter.strip())
            page = coordinator_client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
            assert page.status_code == 200
            html = page.content.decode()
            for value in (title, background, proposed, presenter):
                if "<script" in value.lower() and len(value) < 1000:
                    assert value[value.lower().index("<script") :] not in html
        else:
            assert response.status_code in (200, 400)


# --- events and terms ----------------------------------------------------------------------------


@HYPOTHESIS
@given(
    starts_at=hostile_date(),
    ends_at=hostile_date(),
    deadline=hostile_date(),
    capacity=hostile_number(),
    kind=hostile_text(),
)
def test_an_event_with_hostile_dates_and_capacity_is_refused_cleanly(
    coordinator_client, starts_at, ends_at, deadline, capacity, kind
):
    data = {
        "kind": kind,
        "title": "Samling",
        "description": "",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": "Oslo",
        "video_url": "",
        "registration_deadline": deadline,
        "capacity": capacity,
        "audience": "members",
    }
    with rolled_back():
        response = assert_form_rejects_cleanly(coordinator_client, reverse("activities:event_create"), data, [Event])
        assert response.status_code in (200, 400)


@HYPOTHESIS
@given(capacity=hostile_number(), starts_at=st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59"]))
def test_an_event_at_the_edge_of_the_calendar_is_stored_or_refused_never_a_500(coordinator_client, capacity, starts_at):
    data = {
        "kind": Event.Kind.GATHERING,
        "title": "Samling",
        "starts_at": starts_at,
        "ends_at": starts_at,
        "place": "Oslo",
        "capacity": capacity,
        "audience": Event.Audience.MEMBERS,
    }
    with rolled_back():
        response, accepted = submit_hostile(coordinator_client, reverse("activities:event_create"), data, [Event])
        if accepted:
            event = Event.objects.get()
            assert event.capacity is None or event.capacity > 0
            assert coordinator_client.get(reverse("activities:event_detail", args=[event.pk])).status_code == 200
        else:
            assert response.status_code in (200, 400)


@HYPOTHESIS
@given(person=hostile_text(), role=hostile_text(), starts_on=hostile_date(), ends_on=hostile_date())
def test_a_term_with_hostile_person_role_and_dates_is_refused_cleanly(
    coordinator_client, steering_group, person, role, starts_on, ends_on
):
    data = {"person": person, "role": role, "obtained": "appointed", "starts_on": starts_on, "ends_on": ends_on}
    with rolled_back():
        response = assert_form_rejects_cleanly(
            coordinator_client, reverse("governance:term_add", args=[steering_group.slug]), data, [Term]
        )
        assert response.status_code in (200, 400, 404)
