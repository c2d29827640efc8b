"""Every network-scoped page's address names its network (/<slug>/…); today's addresses redirect there.

The network middleware activates the network an address names; reverse() then stays inside it
(core.urlconfs), and the role checks ask about it: a coordinator of one network is refused in another.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver, reverse

from members.network_models import RESERVED_SLUGS
from members.networks import using_network
from tests.factories import (
    ContactRoleFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    first_network,
    make_coordinator,
    scoped,
)

pytestmark = pytest.mark.django_db


def test_a_page_of_the_network_has_its_slug_in_the_address():
    network = first_network()
    assert reverse("dashboard:home") == f"/{network.slug}/koordinator/"
    other = NetworkFactory(slug="klynge-sunnhordland")
    with using_network(other):
        assert reverse("dashboard:home") == "/klynge-sunnhordland/koordinator/"
        assert reverse("meetings:meeting_list") == "/klynge-sunnhordland/moter/"
    # The account pages and the admin belong to no network.
    assert reverse("account_login") == "/konto/login/"
    assert reverse("admin:index") == "/admin/"


def test_the_first_part_of_every_address_of_the_site_is_no_network_slug():
    """A network called «admin» or «moter» would hide a page: the model refuses those slugs."""
    first_parts = set()
    for pattern in get_resolver().url_patterns:
        for inner in pattern.url_patterns if isinstance(pattern, URLResolver) and not str(pattern.pattern) else [pattern]:
            part = str(inner.pattern).strip("^/").split("/")[0]
            if part:
                first_parts.add(part)
            if isinstance(inner, URLResolver) and not part:  # the network's own pages, mounted at the root here
                first_parts |= {str(p.pattern).strip("^/").split("/")[0] for p in inner.url_patterns} - {""}
    assert first_parts - {"healthz", "i18n"} <= RESERVED_SLUGS, first_parts - RESERVED_SLUGS
    assert {"koordinator", "moter", "portal", "faktura", "konto", "admin"} <= RESERVED_SLUGS
    with pytest.raises(ValidationError) as refused:
        NetworkFactory.build(slug="moter").full_clean()
    assert "nettstedets egne adresser" in str(refused.value)


def test_an_address_from_before_redirects_to_the_network_keeping_the_query(client, coordinator):
    client.force_login(coordinator)
    slug = first_network().slug
    response = client.get("/koordinator/medlemmer/?status=active")
    assert response.status_code == 302
    assert response.url == f"/{slug}/koordinator/medlemmer/?status=active"
    assert client.get(response.url).status_code == 200
    # English keeps its prefix first; a form posted to an old address keeps its method (307).
    assert client.get("/en/moter/").url == f"/en/{slug}/moter/"
    posted = client.post("/koordinator/epost/", {"subject": "x"})
    assert (posted.status_code, posted.url) == (307, f"/{slug}/koordinator/epost/")


def test_an_address_that_is_no_page_stays_not_found(client):
    assert client.get("/finnes-ikke/").status_code == 404
    assert client.get(f"/{first_network().slug}/finnes-ikke/").status_code == 404


def test_the_root_is_the_network_or_the_list_of_networks(client):
    network = first_network()
    assert client.get("/").url == f"/{network.slug}/"
    other = NetworkFactory(name="Kommuneklynge Sunnhordland", slug="klynge-sunnhordland")
    page = client.get("/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f'href="/{network.slug}/"' in content and 'href="/klynge-sunnhordland/"' in content
    assert other.name in content


def test_a_coordinator_of_one_network_is_refused_in_another(client):
    cluster = NetworkFactory(slug="klynge-sunnhordland")
    user = make_coordinator(UserFactory(), cluster)
    client.force_login(user)
    assert client.get("/klynge-sunnhordland/koordinator/").status_code == 200
    assert client.get(reverse("dashboard:home")).status_code == 403  # the first network's dashboard
    # Their menu in their own network is the coordinator's; in the other, the public one.
    assert 'href="/klynge-sunnhordland/koordinator/"' in client.get("/klynge-sunnhordland/").content.decode()
    assert "/koordinator/" not in client.get(scoped("/")).content.decode().split("<main")[0]


def test_a_person_without_a_network_in_the_address_lands_in_their_own(client):
    cluster = NetworkFactory(slug="klynge-sunnhordland")
    user = make_coordinator(UserFactory(), cluster)
    client.force_login(user)
    assert client.get(reverse("start")).url == "/klynge-sunnhordland/koordinator/"
    assert client.get("/koordinator/").url == "/klynge-sunnhordland/koordinator/"


def test_one_network_no_switcher_several_networks_a_switcher(client):
    cluster = NetworkFactory(name="Kommuneklynge Sunnhordland", short_name="Sunnhordland", slug="klynge-sunnhordland")
    membership = MembershipFactory()
    role = ContactRoleFactory(organisation=membership.organisation)
    user = UserFactory(email=role.person.email)
    role.person.user = user
    role.person.save()
    client.force_login(user)
    assert 'class="network-switch"' not in client.get(reverse("members:portal_home")).content.decode()

    MembershipFactory(organisation=membership.organisation, network=cluster)
    page = client.get(reverse("members:portal_home")).content.decode()
    switch = page.split('class="network-switch"')[1].split("</nav>")[0]
    assert f'href="/{first_network().slug}/start/" aria-current="true"' in switch
    assert 'href="/klynge-sunnhordland/start/"' in switch and "Sunnhordland" in switch
    # Following it lands on the same person's start page in the other network.
    assert client.get("/klynge-sunnhordland/start/").url == "/klynge-sunnhordland/portal/"


def test_links_stay_in_the_network_after_a_page_was_asked_for(client):
    """Django resets the URL configuration when a request ends; the active network's addresses stay."""
    cluster = NetworkFactory(slug="klynge-sunnhordland")
    with using_network(cluster):
        client.get("/")
        assert reverse("dashboard:home") == "/klynge-sunnhordland/koordinator/"
    assert reverse("dashboard:home") == f"/{first_network().slug}/koordinator/"
