import pytest
from django.urls import reverse

from members.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory

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
    MembershipFactory.create_batch(10)
    with django_assert_num_queries(1) as ten:
        client.get(reverse("home"))
    MembershipFactory.create_batch(90)
    with django_assert_num_queries(len(ten.captured_queries)):
        client.get(reverse("home"))


def test_front_page_in_english_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
