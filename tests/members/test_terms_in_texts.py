"""Every text about resigning reads the network's own terms (R5, R13): its notice period, with the
right plural, its refund rule and its name — never «seks måneder» written into a template."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from members.models import Membership
from members.networks import using_network
from members.pdf import notice_letter_pdf
from members.periods import months_in_words
from members.services import give_notice
from tests.factories import NetworkFactory
from tests.i18n.pending import english  # noqa: F401 — fixture

from .test_resignation import SIGNATURE, pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("months", "nb", "en"),
    [
        (1, "én måned", "one month"),
        (3, "tre måneder", "three months"),
        (6, "seks måneder", "six months"),
        (12, "ett år", "one year"),
        (18, "18 måneder", "18 months"),
        (24, "to år", "two years"),
        (60, "fem år", "five years"),
    ],
)
@pytest.mark.usefixtures("english")
def test_a_period_reads_as_an_agreement_says_it(months, nb, en):
    with translation.override("nb"):
        assert months_in_words(months) == nb
    with translation.override("en"):
        assert months_in_words(months) == en


def test_a_period_is_at_least_a_month():
    with pytest.raises(ValueError):
        months_in_words(0)


@pytest.fixture
def cluster_member(contact_a):
    """Contact A's organisation in a network with a year's notice and no dues (seed 002's terms)."""
    user, role = contact_a
    membership = role.organisation.memberships.get()
    membership.network = NetworkFactory(
        name="Kommuneklynge Vest",
        slug="klynge-vest",
        notice_months=12,
        has_dues=False,
        agreement_years=3,
        sender_email="post@klynge-vest.no",
    )
    membership.save()
    return user, role, membership


def test_the_resignation_form_says_the_networks_own_period_and_name(client, cluster_member):
    user, role, membership = cluster_member
    client.force_login(user)
    with using_network(membership.network):  # the member's page in its own network
        url = reverse("members:resign", args=[role.organisation_id])

    content = client.get(url).content.decode()
    assert "oppsigelsestiden er ett år" in content
    assert "seks måneder" not in content
    assert "kontingent" not in content.lower()  # no dues in this network: nothing to refund

    confirm = client.post(url, SIGNATURE).content.decode()
    assert "i Kommuneklynge Vest med virkning fra" in confirm


def test_a_notice_in_a_network_with_a_years_notice_takes_effect_a_year_later(
    cluster_member, django_capture_on_commit_callbacks
):
    user, role, membership = cluster_member
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        give_notice(membership=membership, given_on=today, signed_by_name="Kari Nordmann", signed_by_title="Rådmann", by=user)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.NOTICE
    assert membership.notice_effective_on == today + relativedelta(months=12)

    receipt = next(m for m in mail.outbox if user.email in m.to)
    assert "Oppsigelsestiden er ett år" in receipt.body
    assert "i Kommuneklynge Vest er mottatt" in receipt.body
    assert "Hilsen Kommuneklynge Vest" in receipt.body
    # It comes from the network, under its name, with its name in the subject.
    assert receipt.from_email == "Kommuneklynge Vest <post@klynge-vest.no>"
    assert receipt.subject.startswith("[Kommuneklynge Vest] ")
    assert "refunderes" not in receipt.body

    letter = pdf_text(notice_letter_pdf(membership))
    assert "Oppsigelse av medlemskap i Kommuneklynge Vest" in letter
    assert "Oppsigelsestiden er ett år" in letter
    assert "kontingent" not in letter


def test_changing_the_terms_later_keeps_the_date_a_notice_was_given_with(cluster_member):
    user, role, membership = cluster_member
    today = timezone.localdate()
    give_notice(membership=membership, given_on=today, signed_by_name="Kari Nordmann", signed_by_title="Rådmann", by=user)
    membership.refresh_from_db()
    effective = membership.notice_effective_on

    network = membership.network
    network.notice_months = 1
    network.save()
    membership.refresh_from_db()
    assert membership.notice_effective_on == effective


def test_a_network_that_refunds_says_so(client, contact_a):
    user, role = contact_a
    network = role.organisation.memberships.get().network
    network.refund_on_resignation = True
    network.save()
    client.force_login(user)
    content = client.get(reverse("members:resign", args=[role.organisation_id])).content.decode()
    assert "refunderes ikke" not in content
    assert "Kontingent som er betalt for tiden etter at utmeldingen har trådt i kraft, refunderes." in content


@pytest.mark.usefixtures("english")
def test_the_form_reads_in_english_with_the_period_in_words(client, cluster_member):
    user, role, membership = cluster_member
    client.force_login(user)
    with translation.override("en"), using_network(membership.network):
        url = reverse("members:resign", args=[role.organisation_id])
    content = client.get(url).content.decode()
    assert "one year" in content
    assert "six months" not in content
