"""R4 per issuer under concurrency: two networks invoiced by one issuer draw from its one sequence at
once (PostgreSQL, real threads): no gaps, no repeats; another issuer's sequence is untouched."""

import pytest

from billing.models import Invoice, Issuer
from billing.services.dues import run_dues
from billing.services.invoices import issue_credit_note
from tests.concurrency.test_billing_numbering import (
    _celery_join_flag,  # noqa: F401 — the autouse fixture
    _in_threads,
)
from tests.conftest import requires_postgresql
from tests.factories import NetworkFactory, dues_member, dues_schedule_2023, first_network, network_issuer

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


def test_two_networks_of_one_issuer_draw_gap_free_unique_numbers_at_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    issuer = network_issuer()
    networks = [first_network(), NetworkFactory(name="KSF-klynge")]
    dues_schedule_2023(networks[1])  # the same issuer invoices it (the factory's default)
    other = NetworkFactory(name="Partnerskap")
    dues_schedule_2023(other)
    viken = network_issuer(other, issuer_name="Viken fylkeskommune", issuer_org_number="921693230", kid_prefix="7")
    for network in networks:
        for i in range(8):
            dues_member(network=network, population=10_000 + i * 10_000)
    dues_member(network=other)
    run_dues(year=2024, network=other, deliver=False)  # the other issuer's first number

    def work(index):
        # One thread invoices network 1 and credits what it issued; the other invoices the cluster.
        if index == 0:
            run_dues(year=2025, network=networks[0], deliver=False)
            for invoice in Invoice.objects.filter(network=networks[0], type=Invoice.Type.INVOICE):
                issue_credit_note(invoice=invoice, amount_ore=100_00, reason="Rabatt")
        else:
            run_dues(year=2025, network=networks[1], deliver=False)

    assert _in_threads(work, 2) == []
    mine = Invoice.objects.filter(issuer=issuer)
    numbers = sorted(mine.values_list("number", flat=True))
    # 16 invoices in two networks and 8 credit notes: one sequence, no gap, no repeat.
    assert numbers == list(range(numbers[0], numbers[0] + 24))
    assert [mine.filter(network=n, type=Invoice.Type.INVOICE).count() for n in networks] == [8, 8]
    assert len(set(Invoice.objects.exclude(kid="").values_list("kid", flat=True))) == 17
    # The other issuer's sequence is its own, untouched by the two networks above.
    assert list(Invoice.objects.filter(issuer=viken).values_list("number", flat=True)) == [1]
    assert Issuer.objects.count() == 2
