"""Resignation in the portal (R5): terms stated, typed signature, confirmation step, PDF
letter to the steering-group leader and the coordinators, receipt to the member."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from members import hooks
from members.models import Membership
from members.pdf import notice_letter_pdf
from members.services import notice_effective_date
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "signed_by_name": "Kari Nordmann",
    "signed_by_title": "Kommunedirektør",
    "accept_terms": "on",
    "authorised": "on",
}


@pytest.fixture
def leader(db):
    person = PersonFactory(organisation=None, first_name="Liv", last_name="Leder", email="leder@styret.no")
    previous = hooks._body_leader
    hooks.register_body_leader(lambda network, kind, on: person)
    yield person
    hooks._body_leader = previous


@pytest.fixture
def no_leader():
    previous = hooks._body_leader
    hooks.register_body_leader(lambda network, kind, on: None)
    yield
    hooks._body_leader = previous


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_form_states_the_terms_and_the_effective_date(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    content = client.get(reverse("members:resign", args=[role.organisation_id])).content.decode()
    assert "seks måneder" in content
    assert "refunderes ikke" in content
    assert notice_effective_date(timezone.localdate()).strftime("%d.%m.%Y") in content


def test_the_notice_needs_the_terms_accepted_and_a_signature(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(reverse("members:resign", args=[role.organisation_id]), {"signed_by_name": "Kari"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Du må bekrefte vilkårene" in content
    assert 'aria-describedby="id_signed_by_title_error"' in content
    assert role.organisation.memberships.get().status == Membership.Status.ACTIVE


def test_the_first_post_only_asks_for_confirmation(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.post(reverse("members:resign", args=[role.organisation_id]), SIGNATURE)
    assert response.status_code == 200
    assert "Bekreft oppsigelsen" in response.content.decode()
    assert role.organisation.memberships.get().status == Membership.Status.ACTIVE


def test_a_confirmed_notice_is_recorded_and_the_letter_sent(
    client, contact_a, coordinator, leader, django_capture_on_commit_callbacks
):
    user, role = contact_a
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:resign", args=[role.organisation_id]), {**SIGNATURE, "confirm": "yes"})
    assert response.status_code == 302
    membership = role.organisation.memberships.get()
    today = timezone.localdate()
    assert membership.status == Membership.Status.NOTICE
    assert membership.notice_given_on == today
    assert membership.notice_effective_on == notice_effective_date(today)
    assert membership.notice_channel == Membership.NoticeChannel.PORTAL
    assert membership.history.latest().history_user == user

    letter, receipt = mail.outbox
    assert set(letter.to) == {"leder@styret.no", coordinator.email}
    assert set(receipt.to) == {user.email, role.person.email}
    for message in (letter, receipt):
        (name, data, mimetype) = message.attachments[0]
        assert mimetype == "application/pdf"
    text = pdf_text(letter.attachments[0][1])
    assert "Liv Leder" in text
    assert role.organisation.name in text
    assert membership.notice_effective_on.strftime("%d.%m.%Y") in text
    assert "Kari Nordmann, Kommunedirektør" in text


def test_without_a_steering_group_leader_the_letter_is_addressed_to_the_office(no_leader):
    membership = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
        notice_signed_by="Kari Nordmann, Ordfører",
    )
    text = pdf_text(notice_letter_pdf(membership))
    assert "Styringsgruppens leder" in text
    assert "28.02.2026" in text


def test_the_member_downloads_its_notice_letter(client, contact_a):
    user, role = contact_a
    Membership.objects.filter(organisation=role.organisation).update(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
        notice_signed_by="Kari Nordmann, Ordfører",
    )
    client.force_login(user)
    response = client.get(reverse("members:notice_letter", args=[role.organisation_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_coordinator_registers_a_notice_received_by_letter(client, coordinator, contact_a):
    _user, role = contact_a
    client.force_login(coordinator)
    url = reverse("members:register_letter_notice", args=[role.organisation_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"received_on": "2025-08-31", "signed_by_name": "Per Ordfører", "signed_by_title": "Ordfører"}
    )
    assert response.status_code == 302
    membership = role.organisation.memberships.get()
    assert membership.notice_channel == Membership.NoticeChannel.LETTER
    assert (membership.notice_given_on, membership.notice_effective_on) == (
        datetime.date(2025, 8, 31),
        datetime.date(2026, 2, 28),
    )


def test_the_coordinator_withdraws_a_notice_from_the_page(client, coordinator, contact_a):
    _user, role = contact_a
    today = timezone.localdate()
    Membership.objects.filter(organisation=role.organisation).update(
        status=Membership.Status.NOTICE, notice_given_on=today, notice_effective_on=notice_effective_date(today)
    )
    client.force_login(coordinator)
    response = client.post(reverse("members:withdraw_notice", args=[role.organisation_id]))
    assert response.status_code == 302
    assert role.organisation.memberships.get().status == Membership.Status.ACTIVE


def test_a_member_in_notice_period_cannot_give_notice_again(client, contact_a):
    user, role = contact_a
    Membership.objects.filter(organisation=role.organisation).update(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
    )
    client.force_login(user)
    response = client.post(reverse("members:resign", args=[role.organisation_id]), {**SIGNATURE, "confirm": "yes"})
    assert response.status_code == 200
    assert "allerede sagt opp" in response.content.decode()
    assert role.organisation.memberships.get().notice_given_on == datetime.date(2025, 8, 31)
