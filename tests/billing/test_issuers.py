"""Billing per network (R4, R13): who invoices a network's dues is data, each issuer numbers its own
documents gap-free, and only networks that pay dues and have a schedule appear in a dues run."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from billing.documents.pdf import render_pdf
from billing.models import DuesRun, Invoice, Issuer, NetworkBilling, NumberCounter
from billing.services.dues import (
    DuesNotIssuable,
    issue_dues_invoice,
    networks_with_dues,
    plan_dues_run,
    run_dues,
    start_dues_run,
)
from billing.services.invoices import issue_credit_note
from billing.services.numbering import is_valid_kid
from billing.tasks import run_dues as run_dues_task
from members.networks import default_network
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    dues_member,
    dues_schedule_2023,
    first_network,
    network_issuer,
)
from tests.i18n.pending import english  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

# Another issuer: its own name, account, KID prefix and terms (the rest: the model's defaults).
VIKEN = {"issuer_name": "Viken fylkeskommune", "bank_account": "15038013322", "kid_prefix": "7", "due_days": 45}


def _network_with_dues(issuer_fields=None, **fields):
    network = NetworkFactory(**fields)
    dues_schedule_2023(network)
    if issuer_fields:
        network_issuer(network, **issuer_fields)
    return network


def test_two_networks_of_one_issuer_share_its_sequence_and_another_issuer_has_its_own():
    ks = network_issuer()
    cluster = _network_with_dues()  # invoiced by the same issuer as network 1
    assert NetworkBilling.objects.get(network=cluster).issuer == ks
    partnership = _network_with_dues(VIKEN)
    viken = Issuer.objects.get(issuer_name=VIKEN["issuer_name"])
    before = NumberCounter.objects.filter(issuer=ks).values_list("last_number", flat=True).first() or 0

    first = issue_dues_invoice(membership=dues_member(), year=2025)
    in_cluster = issue_dues_invoice(membership=dues_member(network=cluster), year=2025)
    in_partnership = issue_dues_invoice(membership=dues_member(network=partnership), year=2025)
    note = issue_credit_note(invoice=in_cluster, amount_ore=100_00, reason="Rabatt")
    second_in_partnership = issue_dues_invoice(membership=dues_member(network=partnership), year=2025)

    # Issuer 1: network 1 and the cluster, invoices and the credit note, one gap-free sequence.
    assert [first.number, in_cluster.number, note.number] == [before + 1, before + 2, before + 3]
    assert {first.issuer_id, in_cluster.issuer_id, note.issuer_id} == {ks.pk}
    assert (in_cluster.network, note.network) == (cluster, cluster)
    # The other issuer starts its own sequence; the KIDs stay unique through its prefix.
    assert [in_partnership.number, second_in_partnership.number] == [1, 2]
    assert in_partnership.issuer == viken and in_partnership.kid.startswith("7")
    assert is_valid_kid(in_partnership.kid) and in_partnership.kid != first.kid
    assert len({i.kid for i in Invoice.objects.exclude(kid="")}) == Invoice.objects.exclude(kid="").count()

    # The snapshot is the network's issuer, and the PDF shows it.
    assert (in_partnership.issuer_name, in_partnership.issuer_bank_account) == (
        VIKEN["issuer_name"],
        VIKEN["bank_account"],
    )
    assert (in_partnership.due_date - in_partnership.issue_date).days == 45
    assert first.issuer_name == ks.issuer_name
    pdf = render_pdf(in_partnership)
    assert pdf.startswith(b"%PDF")


def test_an_organisation_in_two_networks_owes_each_networks_dues():
    cluster = _network_with_dues()
    network_issuer(cluster)
    membership = dues_member()
    MembershipFactory(network=cluster, organisation=membership.organisation, joined_on=membership.joined_on)
    run_dues(year=2025, deliver=False)
    run_dues(year=2025, deliver=False, network=cluster)
    invoices = Invoice.objects.filter(organisation=membership.organisation, dues_year=2025)
    assert sorted(invoices.values_list("network_id", flat=True)) == sorted([first_network().pk, cluster.pk])
    assert DuesRun.objects.filter(year=2025).count() == 2


def test_a_network_without_dues_or_without_a_schedule_never_appears_in_a_dues_run():
    no_dues = _network_with_dues(VIKEN, has_dues=False)
    no_schedule = NetworkFactory()
    network_issuer(no_schedule)
    dues_member(network=no_dues)
    MembershipFactory(network=no_schedule)
    member = dues_member()

    assert set(networks_with_dues()) == {first_network()}
    assert plan_dues_run(2025, no_dues) == [] and plan_dues_run(2025, no_schedule) == []
    for network in (no_dues, no_schedule):
        with pytest.raises(ValidationError, match="ingen kontingent å fakturere"):
            run_dues(year=2025, network=network, deliver=False)
        with pytest.raises(ValidationError, match="ingen kontingent å fakturere"):
            start_dues_run(year=2025, network=network)

    # The January task runs every network with dues, and only those.
    assert run_dues_task(2025) == 1
    assert list(Invoice.objects.values_list("organisation", flat=True)) == [member.organisation_id]
    assert list(DuesRun.objects.values_list("network", flat=True)) == [first_network().pk]


def test_dues_on_a_network_without_an_issuer_are_refused_with_a_clear_message_and_nothing_is_written(caplog):
    network = NetworkFactory(name="KSF-klynge Innlandet")
    dues_schedule_2023(network)
    NetworkBilling.objects.filter(network=network).update(issuer=None)
    membership = dues_member(network=network)
    counters = list(NumberCounter.objects.values_list("issuer", "last_number"))

    message = "Nettverket KSF-klynge Innlandet har ingen utsteder: velg hvem som fakturerer, under Fakturering."
    with pytest.raises(ValidationError) as refused:
        run_dues(year=2025, network=network, deliver=False)
    assert refused.value.messages == [message]
    with pytest.raises(DuesNotIssuable) as refused:
        issue_dues_invoice(membership=membership, year=2025)
    assert refused.value.messages == [message]
    with pytest.raises(ValidationError, match="ingen utsteder"):
        start_dues_run(year=2025, network=network)
    assert not Invoice.objects.exists() and not DuesRun.objects.filter(network=network).exists()
    assert list(NumberCounter.objects.values_list("issuer", "last_number")) == counters

    # The January task says so where the operators look, and runs the other networks.
    other = dues_member()
    with caplog.at_level(logging.ERROR, logger="billing.tasks"):
        assert run_dues_task(2025) == 1
    assert "KSF-klynge Innlandet" in caplog.text and "ingen utsteder" in caplog.text
    assert list(Invoice.objects.values_list("organisation", flat=True)) == [other.organisation_id]


@pytest.mark.usefixtures("english")
def test_the_refusal_is_in_the_users_language():
    network = NetworkFactory(name="Partnerskap Asker")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        Issuer.objects.for_network(network)
    assert refused.value.messages == [
        "The network Partnerskap Asker has no issuer: choose who invoices it, under Billing."
    ]


def test_kid_prefixes_are_unique_per_issuer_with_a_clear_message():
    network_issuer()
    duplicate = Issuer(**{**VIKEN, "kid_prefix": ""})
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "En annen utsteder har allerede dette KID-prefikset." in refused.value.messages
    with pytest.raises(ValidationError, match="bare ha sifre"):
        Issuer(**{**VIKEN, "kid_prefix": "7a"}).full_clean()


def test_the_settings_page_edits_the_default_networks_issuer_and_keeps_its_history(client, coordinator):
    ks = network_issuer()
    other = Issuer.objects.create(**VIKEN)
    client.force_login(coordinator)
    data = {
        "issuer_name": "KS Fakturering",
        "issuer_org_number": ks.issuer_org_number,
        "street_address": ks.street_address,
        "postal_code": ks.postal_code,
        "postal_place": ks.postal_place,
        "bank_account": ks.bank_account,
        "email": ks.email,
        "due_days": 20,
        "first_reminder_days": 14,
        "second_reminder_days": 28,
    }
    assert client.post(reverse("billing:settings"), data).status_code == 302
    ks.refresh_from_db()
    other.refresh_from_db()
    assert (ks.issuer_name, ks.due_days) == ("KS Fakturering", 20)
    assert other.issuer_name == VIKEN["issuer_name"]
    latest = ks.history.order_by("-history_date").first()
    assert (latest.issuer_name, latest.history_user) == ("KS Fakturering", coordinator)


def test_a_network_without_an_issuer_gets_one_on_the_settings_page(client, coordinator):
    """A new network (or one after a flush) has no issuer: the page says so by offering an empty form,
    and saving it makes the issuer and links it to the network, with history — never a server error."""
    network = default_network()
    NetworkBilling.objects.filter(network=network).update(issuer=None)
    client.force_login(coordinator)
    assert client.get(reverse("billing:settings")).status_code == 200
    data = {
        "issuer_name": VIKEN["issuer_name"],
        "issuer_org_number": "964338531",
        "street_address": "Postboks 220",
        "postal_code": "1702",
        "postal_place": "Sarpsborg",
        "bank_account": "86011117947",
        "email": "faktura@viken.no",
        "due_days": 30,
        "first_reminder_days": 14,
        "second_reminder_days": 28,
    }
    response = client.post(reverse("billing:settings"), data)
    assert response.status_code == 302, (response.status_code, [line for line in response.content.decode().splitlines() if "ds-validation-message" in line or "ds-alert" in line or "error" in line.lower()][:8])
    issuer = Issuer.objects.get(networks__network=network)
    assert issuer.issuer_name == VIKEN["issuer_name"]
    assert issuer.kid_prefix not in set(Issuer.objects.exclude(pk=issuer.pk).values_list("kid_prefix", flat=True))
    assert issuer.history.get().history_user == coordinator
