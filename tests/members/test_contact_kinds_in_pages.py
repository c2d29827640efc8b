"""The portal's contact form offers the kinds of contact role of the page's network (only its own),
the lists show each contact's kind, and the admin edits kinds, membership roles and addressees."""

import pytest
from django.urls import reverse

from members.models import ContactRole, Network
from members.networks import using_network
from tests.factories import ContactRoleKindFactory, MembershipFactory, MembershipRoleKindFactory, NetworkFactory

from .conftest import make_contact

pytestmark = pytest.mark.django_db

NEW_PERSON = {"first_name": "Frida", "last_name": "Foui", "email": "frida@kommune.no", "gender": "unknown",
              "title": "Rådgiver", "phone": "22 00 00 00",
              "preferred_language": "nb"}


@pytest.fixture
def cluster_contact():
    """A contact of a kommune that is in network 1 and in a cluster with a FoUI kind; a third network's
    kind must not be offered."""
    cluster = NetworkFactory(name="Klyngen", short_name="Klynge", has_dues=False)
    foui = ContactRoleKindFactory(network=cluster, name="FoUI-kontakt", key="foui-kontakt", required=True)
    ContactRoleKindFactory(network=NetworkFactory(name="Fremmed"), name="Fremmed rolle")
    user, role = make_contact(email="kontakt@klynge.no")
    MembershipFactory(network=cluster, organisation=role.organisation)
    return user, role, foui


def test_the_form_offers_the_kinds_of_the_pages_network_only(client, cluster_contact):
    user, role, foui = cluster_contact
    client.force_login(user)
    with using_network(foui.network):
        page = client.get(reverse("members:contact_add", args=[role.organisation_id])).content.decode()
    # The cluster has one kind: nothing to choose, the FoUI role is the one given.
    assert 'name="kind"' not in page and "Fremmed rolle" not in page
    page = client.get(reverse("members:contact_add", args=[role.organisation_id])).content.decode()
    assert "FoUI-kontakt" not in page and "Fremmed rolle" not in page


def test_a_contact_added_with_a_kind_holds_it_and_the_list_shows_it(client, cluster_contact):
    user, role, foui = cluster_contact
    client.force_login(user)
    with using_network(foui.network):
        response = client.post(
            reverse("members:contact_add", args=[role.organisation_id]), NEW_PERSON
        )
        assert response.status_code == 302
        added = ContactRole.objects.get(person__email="frida@kommune.no")
        assert (added.kind, added.network) == (foui, foui.network)
        home = client.get(reverse("members:organisation_home", args=[role.organisation_id])).content.decode()
    assert "FoUI-kontakt" in home and "Frida" in home
    # The first network's portal lists its own contacts only.
    home = client.get(reverse("members:organisation_home", args=[role.organisation_id])).content.decode()
    assert "Frida" not in home and "Kontaktperson" in home


def test_another_networks_kind_is_refused(client, cluster_contact):
    user, role, _foui = cluster_contact
    stranger = ContactRoleKindFactory(network=NetworkFactory(name="Annet"), name="Annen rolle")
    client.force_login(user)
    client.post(
        reverse("members:contact_add", args=[role.organisation_id]), {**NEW_PERSON, "kind": stranger.pk}
    )
    # The page's network has one kind: the other network's kind is never given.
    added = ContactRole.objects.filter(person__email="frida@kommune.no").first()
    assert added is None or added.kind != stranger


def test_with_one_kind_there_is_nothing_to_choose(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    page = client.get(reverse("members:contact_add", args=[role.organisation_id])).content.decode()
    assert 'name="kind"' not in page


def test_the_admin_edits_a_networks_roles(admin_client):
    network = NetworkFactory(name="Klyngen i admin")
    MembershipRoleKindFactory(network=network, name="Motorkommune")
    page = admin_client.get(reverse("admin:members_network_change", args=[network.pk])).content.decode()
    assert "Motorkommune" in page and "Minsteforpliktelser" in page.replace("minsteforpliktelser", "Minsteforpliktelser")
    for name in ("contactrolekind", "membershiprolekind", "noticeaddressee", "contactrole", "membership"):
        assert admin_client.get(reverse(f"admin:members_{name}_changelist")).status_code == 200
    assert Network.objects.filter(pk=network.pk).exists()
