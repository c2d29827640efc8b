import pytest
from django.urls import reverse

from members.models import Membership
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, scoped

pytestmark = pytest.mark.django_db


def test_front_page_lists_members_and_not_others(client):
    member = MembershipFactory(organisation__name="Bærum")
    in_notice = MembershipFactory(
        organisation__name="Asker",
        status=Membership.Status.NOTICE,
        notice_given_on="2026-08-01",
        notice_effective_on="2027-02-01",
    )
    OrganisationFactory(name="Utenforby")
    MembershipFactory(organisation__name="Søkerby", status=Membership.Status.APPLICANT, joined_on=None)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert member.organisation.name in html and in_notice.organisation.name in html
    assert "Utenforby" not in html and "Søkerby" not in html
    assert '<html lang="nb"' in html


def test_front_page_makes_the_same_queries_for_10_and_100_members(client, django_assert_num_queries):
    # One small query for the member list's version, one for the list when it must be rendered (the
    # network, read on every page, comes from the cache once the first page has read it).
    MembershipFactory.create_batch(10)
    client.get(reverse("home"))
    MembershipFactory.create_batch(1)
    with django_assert_num_queries(2):
        client.get(reverse("home"))
    MembershipFactory.create_batch(89)
    with django_assert_num_queries(2):
        assert "100 medlemmer" in client.get(reverse("home")).content.decode()


def test_the_member_table_is_served_from_the_cache_until_a_membership_changes(client, django_assert_num_queries):
    from members.models import Membership

    memberships = MembershipFactory.create_batch(3)
    client.get(reverse("home"))
    with django_assert_num_queries(1):  # the version only: the table comes from the cache
        assert "3 medlemmer" in client.get(reverse("home")).content.decode()
    memberships[0].status = Membership.Status.RESIGNED
    memberships[0].ended_on = memberships[0].joined_on
    memberships[0].save()  # a history row: a new version
    assert "2 medlemmer" in client.get(reverse("home")).content.decode()


def test_front_page_shows_the_networks_name_text_and_members_only(client):
    member = MembershipFactory(organisation__name="Bærum")
    network = member.network
    network.public_intro = "Et nettverk for kommunene i testen."
    network.save()
    cluster = NetworkFactory(name="Kommuneklynge Vest", slug="klynge-vest")
    MembershipFactory(organisation__name="Stord", network=cluster)

    html = client.get(reverse("home")).content.decode()

    assert f">{network.name}</h1>" in html and "Et nettverk for kommunene i testen." in html
    assert "Bærum" in html and "Stord" not in html and "Kommuneklynge Vest" not in html


def test_front_page_in_english_under_en_prefix(client):
    assert client.get("/en/").url == scoped("/en/")
    response = client.get(scoped("/en/"))
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
