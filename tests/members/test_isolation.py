"""The member portal, the follow-up list, the coordinator's dashboard and the members admin show and
change only their own network's data (R12, R13).

Two networks, A (the first) and B, each with a coordinator and a member with a contact person. Under
/A/… nothing of B's is listed, and every page naming B's organisation or contact answers 404 — GET and
POST, nothing changed — exactly like a missing id. A's coordinator is refused on B's pages, and the
admin shows each coordinator their own network's rows only.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import ContactRole, Membership, Organisation, Person
from members.networks import using_network
from tests.factories import (
    ContactRoleFactory,
    MembershipFactory,
    MembershipRoleKindFactory,
    NetworkFactory,
    UserFactory,
    default_kind,
    first_network,
    make_coordinator,
)

pytestmark = pytest.mark.django_db


def _side(network, tag: str) -> SimpleNamespace:
    """One network's member, its contact and a coordinator; every name carries `tag`."""
    side = SimpleNamespace(network=network)
    side.coordinator = make_coordinator(UserFactory(email=f"koord-{tag}@example.no", is_staff=True), network)
    side.membership = MembershipFactory(
        network=network, organisation__name=f"Kommune{tag}", status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 1, 10), notice_effective_on=datetime.date(2026, 1, 1),
        agreement_ends_on=datetime.date.today() + datetime.timedelta(days=20),
    )
    side.organisation = side.membership.organisation
    side.role = ContactRoleFactory(
        organisation=side.organisation, kind=default_kind(network), person__first_name=f"Kontakt{tag}"
    )
    side.contact = UserFactory(email=side.role.person.email)
    side.role.person.user = side.contact
    side.role.person.save()
    side.role_kind = MembershipRoleKindFactory(network=network, name=f"Vertskommune{tag}")
    return side


@pytest.fixture
def world():
    a = _side(first_network(), "Alfa")
    b = _side(NetworkFactory(name="Isolasjonsnettet", slug="isolasjonsnettet"), "Beta")
    return a, b


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _state() -> tuple:
    """Everything a refused request must leave as it was."""
    return (
        list(Membership.objects.order_by("pk").values_list("pk", "status", "notice_given_on", "role_id", "ended_on")),
        list(ContactRole.objects.order_by("pk").values_list("pk", "person_id", "is_primary", "kind_id")),
        list(Person.objects.order_by("pk").values_list("pk", "first_name", "email")),
        Organisation.objects.count(),
    )


# Every page naming an organisation or contact role, with B's, and what a POST to it would send.
ORG = lambda a, b: {"org_pk": b.organisation.pk}  # noqa: E731
ROLE = lambda a, b: {"org_pk": b.organisation.pk, "role_pk": b.role.pk}  # noqa: E731
PERSON = {"first_name": "Inn", "last_name": "Trenger", "email": "inn@example.no", "title": "x", "phone": "",
          "gender": "unknown", "preferred_language": "nb"}
DETAIL_URLS = {
    "members:organisation_home": (ORG, None),
    "members:contact_add": (ORG, lambda a, b: PERSON),
    "members:contact_edit": (ROLE, lambda a, b: PERSON),
    "members:contact_remove": (ROLE, lambda a, b: {}),
    "members:contact_make_primary": (ROLE, lambda a, b: {}),
    "members:contact_invite": (ROLE, lambda a, b: {}),
    # A's own organisation with B's contact role: still not found.
    "members:contact_edit/own_organisation": (
        lambda a, b: {"org_pk": a.organisation.pk, "role_pk": b.role.pk}, lambda a, b: PERSON
    ),
    "members:activate": (ORG, lambda a, b: {"joined_on": "2025-01-01"}),
    "members:renew": (ORG, lambda a, b: {"signed_on": "2025-01-01"}),
    "members:resign": (ORG, lambda a, b: {"signed_by_name": "X", "signed_by_title": "Y", "confirm": "yes"}),
    "members:notice_letter": (ORG, None),
    "members:register_letter_notice": (ORG, lambda a, b: {"received_on": "2025-01-01", "signed_by_name": "X"}),
    "members:withdraw_notice": (ORG, lambda a, b: {}),
    "members:ended_organisation": (ORG, lambda a, b: {"end": "1"}),
    "dashboard:member_detail": (ORG, None),
    "dashboard:member_role": (ORG, lambda a, b: {"role": b.role_kind.pk}),
}


COORDINATOR_ONLY = {
    "members:activate", "members:renew", "members:register_letter_notice", "members:withdraw_notice",
    "members:ended_organisation",
}
POST_ONLY = {"members:contact_make_primary", "members:contact_invite", "dashboard:member_role"}


def _refused_with_404(client, key: str, a, b) -> None:
    kwargs, data = DETAIL_URLS[key]
    url = reverse(key.split("/")[0], kwargs=kwargs(a, b))  # the page speaks for A
    before = _state()
    if key not in POST_ONLY:
        assert client.get(url).status_code == 404, (key, url)
    if data is not None:
        assert client.post(url, data(a, b)).status_code == 404, (key, url)
    assert _state() == before, key


@pytest.mark.parametrize("key", sorted(DETAIL_URLS))
def test_another_networks_organisation_answers_404_to_the_coordinator(world, key):
    a, b = world
    _refused_with_404(_client(a.coordinator), key, a, b)


@settings(
    max_examples=25, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(key=st.sampled_from(sorted(DETAIL_URLS)), as_contact=st.booleans())
def test_drawn_page_with_the_other_networks_object_is_404(world, key, as_contact):
    a, b = world
    if as_contact and key.split("/")[0] in COORDINATOR_ONLY:
        as_contact = False  # the coordinator's lifecycle pages refuse a contact with 403 whatever the network
    _refused_with_404(_client(a.contact if as_contact else a.coordinator), key, a, b)


def test_the_same_pages_find_the_networks_own_organisation(world):
    """The control: A's ids under A's addresses are found (so the 404s above are about the network)."""
    a, _b = world
    client = _client(a.coordinator)
    for name in ("members:organisation_home", "dashboard:member_detail", "members:withdraw_notice"):
        assert client.get(reverse(name, args=[a.organisation.pk])).status_code == 200, name
    assert _client(a.contact).get(reverse("members:organisation_home", args=[a.organisation.pk])).status_code == 200


def test_the_lists_of_network_a_show_nothing_of_b(world):
    a, b = world
    client = _client(a.coordinator)
    pages = [
        client.get(reverse("members:lifecycle_overview")),
        client.get(reverse("dashboard:home")),
        client.get(reverse("dashboard:member_list")),
        client.get(reverse("dashboard:member_list"), {"q": "Kontakt"}),
        client.get(reverse("dashboard:member_export", args=["csv"])),
        client.get(reverse("dashboard:obligations"), {"year": 2025}),
        client.get(reverse("dashboard:bulk_email"), {"org": b.organisation.pk}),
        client.get(reverse("admin:members_organisation_changelist")),
        client.get(reverse("admin:members_membership_changelist")),
        client.get(reverse("admin:members_contactrole_changelist")),
        client.get(reverse("admin:members_person_changelist")),
        client.get(reverse("admin:members_membershiprolekind_changelist")),
        client.get(reverse("admin:members_network_changelist")),
    ]
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        text = response.content.decode("utf-8", "replace")
        for name in ("KommuneBeta", "KontaktBeta", "VertskommuneBeta", "Isolasjonsnettet"):
            assert name not in text, (response.request["PATH_INFO"], name)
    assert "KommuneAlfa" in pages[2].content.decode()
    assert "0" in pages[6].content.decode()  # no recipients for B's organisation


def test_a_coordinator_is_refused_on_the_other_networks_pages(world):
    a, b = world
    client = _client(a.coordinator)
    with using_network(b.network):
        assert client.get(reverse("members:lifecycle_overview")).status_code == 403
        assert client.get(reverse("dashboard:member_list")).status_code == 403
        assert client.get(reverse("dashboard:member_detail", args=[b.organisation.pk])).status_code == 404


def test_the_admin_refuses_the_other_networks_rows(world):
    a, b = world
    client = _client(a.coordinator)
    for name, obj in [
        ("organisation", b.organisation), ("membership", b.membership), ("contactrole", b.role),
        ("person", b.role.person), ("membershiprolekind", b.role_kind), ("network", b.network),
    ]:
        response = client.get(reverse(f"admin:members_{name}_change", args=[obj.pk]))
        assert response.status_code == 302, name  # «does not exist», back to the admin's index
        own = {"organisation": a.organisation, "membership": a.membership, "contactrole": a.role,
               "person": a.role.person, "membershiprolekind": a.role_kind, "network": a.network}[name]
        assert client.get(reverse(f"admin:members_{name}_change", args=[own.pk])).status_code == 200, name


def test_a_member_of_both_networks_shows_its_contact_in_this_network(world):
    """The member list's main contact is the member's contact here, even where its primary contact is the
    other network's."""
    a, b = world
    both = MembershipFactory(network=a.network, organisation__name="Kommune i begge").organisation
    MembershipFactory(network=b.network, organisation=both)
    ours = ContactRoleFactory(organisation=both, kind=default_kind(a.network), person__first_name="Vår",
                              person__email="vaar@begge.no", is_primary=False)  # fmt: skip
    theirs = ContactRoleFactory(organisation=both, kind=default_kind(b.network), person__first_name="Deres",
                                person__email="deres@begge.no", is_primary=True)  # fmt: skip
    for side, shown, hidden in ((a, ours, theirs), (b, theirs, ours)):
        with using_network(side.network):
            page = _client(side.coordinator).get(reverse("dashboard:member_list"), {"q": "begge"}).content.decode()
        assert shown.person.email in page and hidden.person.email not in page, side.network


def test_the_admin_shows_the_accounts_of_the_coordinators_networks_and_of_none(world):
    a, b = world
    unplaced = UserFactory(email="ny@example.no")
    client = _client(a.coordinator)
    listed = client.get(reverse("admin:members_user_changelist")).content.decode()
    for user in (a.coordinator, a.contact, unplaced):
        assert user.email in listed
        assert client.get(reverse("admin:members_user_change", args=[user.pk])).status_code == 200
    for user in (b.coordinator, b.contact):
        assert user.email not in listed
        # «does not exist», back to the admin's index: another network's account is not changed here
        assert client.get(reverse("admin:members_user_change", args=[user.pk])).status_code == 302
    found = client.get(reverse("admin:autocomplete"), {
        "term": "", "app_label": "members", "model_name": "person", "field_name": "user",
    }).json()["results"]  # fmt: skip
    assert {r["text"] for r in found} >= {a.contact.email, unplaced.email}
    assert not {r["text"] for r in found} & {b.coordinator.email, b.contact.email}


def test_the_coordinator_sets_a_membership_role_of_the_network_only(world):
    a, b = world
    client = _client(a.coordinator)
    url = reverse("dashboard:member_role", args=[a.organisation.pk])
    assert client.post(url, {"role": a.role_kind.pk}).status_code == 302
    a.membership.refresh_from_db()
    assert a.membership.role == a.role_kind
    assert client.post(url, {"role": b.role_kind.pk}).status_code == 302  # another network's role: refused
    a.membership.refresh_from_db()
    assert a.membership.role == a.role_kind
    assert client.post(url, {"role": ""}).status_code == 302
    a.membership.refresh_from_db()
    assert a.membership.role is None
    page = client.get(reverse("dashboard:member_detail", args=[a.organisation.pk])).content.decode()
    assert "VertskommuneAlfa" in page and "VertskommuneBeta" not in page
    assert _client(a.contact).post(url, {"role": a.role_kind.pk}).status_code == 404
