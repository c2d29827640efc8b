"""The coordinator changes the network's agreement terms and identity in the app, on
/<slug>/koordinator/avtale/ (R12, R13): the model's rules check every value, a refused value
stores nothing, every change is kept with who made it, and the member's texts read the new terms."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Membership, Network
from members.networks import using_network
from members.services import TERMS_FIELDS, give_notice
from tests.factories import NetworkFactory, UserFactory, first_network, make_coordinator

pytestmark = pytest.mark.django_db


def _posted(network: Network, **changes) -> dict:
    """The form as the page shows it for `network`, with `changes` typed in."""
    values = {name: getattr(network, name) for name in TERMS_FIELDS} | changes
    data = {}
    for name, value in values.items():
        if value is True:
            data[name] = "on"
        elif value is False:
            continue  # an unticked box is not sent
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def _terms(network: Network) -> tuple:
    return tuple(Network.objects.filter(pk=network.pk).values_list(*TERMS_FIELDS).get())


def test_the_dashboard_links_to_the_agreement_page(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{reverse("dashboard:network_terms")}"' in content


def test_the_page_shows_the_networks_terms_and_identity(client, coordinator):
    network = first_network()
    client.force_login(coordinator)
    content = client.get(reverse("dashboard:network_terms")).content.decode()
    assert network.name in content
    assert "seks måneder" in content  # the notice period in words, read from the row
    assert 'name="notice_months"' in content
    for left_to_the_admin in ("slug", "parent", "admitted_kinds"):
        assert f'name="{left_to_the_admin}"' not in content


def test_the_coordinator_changes_the_notice_period_and_the_resignation_text_says_it(client, coordinator, contact_a):
    network = first_network()
    client.force_login(coordinator)
    response = client.post(reverse("dashboard:network_terms"), _posted(network, notice_months=12))
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.notice_months == 12

    user, role = contact_a
    client.force_login(user)
    content = client.get(reverse("members:resign", args=[role.organisation_id])).content.decode()
    assert "oppsigelsestiden er ett år" in content
    assert "seks måneder" not in content


def test_the_coordinator_changes_the_identity(client, coordinator):
    network = first_network()
    client.force_login(coordinator)
    client.post(
        reverse("dashboard:network_terms"),
        _posted(
            network, name="Nettverk for omstilling", tagline_en="Working together", sender_email="post@omstilling.no"
        ),
    )
    network.refresh_from_db()
    assert (network.name, network.tagline_en, network.sender_email) == (
        "Nettverk for omstilling",
        "Working together",
        "post@omstilling.no",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"notice_months": 0}, "notice_months", "større enn eller lik 1"),
        ({"notice_months": 61}, "notice_months", "mindre enn eller lik 60"),
        (
            {"agreement_starts_on": datetime.date(2026, 1, 1), "agreement_ends_on": datetime.date(2025, 12, 31)},
            "agreement_ends_on",
            "Avtalen må slutte etter at den begynner.",
        ),
        ({"agreement_years": None, "agreement_ends_on": None}, None, "Oppgi avtalens varighet i år eller datoen"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_and_nothing_changes(client, coordinator, changes, field, message):
    network = first_network()
    before, versions = _terms(network), network.history.count()
    client.force_login(coordinator)
    response = client.post(reverse("dashboard:network_terms"), _posted(network, **changes))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skjemaet har feil" in content
    assert message in content
    if field:
        assert f'id="id_{field}_error"' in content  # the message stands by its field
    assert _terms(network) == before
    assert network.history.count() == versions


def test_the_history_lists_the_change_with_who_made_it(client, coordinator):
    network = first_network()
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinator"
    coordinator.save()
    client.force_login(coordinator)
    client.post(reverse("dashboard:network_terms"), _posted(network, notice_months=12, refund_on_resignation=True))
    latest = network.history.latest()
    assert latest.history_user == coordinator

    content = client.get(reverse("dashboard:network_terms")).content.decode()
    history = content[content.index('id="terms-history-heading"') :]
    assert "Kari Koordinator" in history
    assert "Oppsigelsestid (måneder): 6 → 12" in history
    assert "Refusjon ved utmelding: nei → ja" in history


def test_changing_the_notice_period_on_the_page_keeps_a_given_notices_effective_date(client, coordinator, contact_a):
    user, role = contact_a
    membership = role.organisation.memberships.get()
    today = timezone.localdate()
    give_notice(
        membership=membership, given_on=today, signed_by_name="Kari Nordmann", signed_by_title="Rådmann", by=user
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.NOTICE
    effective = membership.notice_effective_on

    client.force_login(coordinator)
    client.post(reverse("dashboard:network_terms"), _posted(membership.network, notice_months=1))
    assert Network.objects.get(pk=membership.network_id).notice_months == 1
    membership.refresh_from_db()
    assert membership.notice_effective_on == effective


def test_another_networks_coordinator_is_refused_and_changes_nothing(client):
    network = first_network()
    other = NetworkFactory(name="Et annet nettverk", slug="et-annet-nettverk")
    stranger = make_coordinator(UserFactory(email="koord@annet.no"), other)
    before = _terms(network)
    client.force_login(stranger)
    url = reverse("dashboard:network_terms")  # the first network's page
    assert client.get(url).status_code == 403
    assert client.post(url, _posted(network, notice_months=12)).status_code == 403
    assert _terms(network) == before
    with using_network(other):  # their own network's page is theirs
        assert client.get(reverse("dashboard:network_terms")).status_code == 200


def test_a_member_contact_is_refused(client, contact_a):
    user, _role = contact_a
    client.force_login(user)
    assert client.get(reverse("dashboard:network_terms")).status_code == 403
