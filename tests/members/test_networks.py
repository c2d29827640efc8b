"""A network's terms that contradict themselves are refused, with a clear message (R13, issue 22)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Membership, Network
from members.services import agreement_end, apply_for_membership
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize("months", [0, 61])
def test_a_notice_period_outside_one_to_sixty_months_is_refused(months):
    network = NetworkFactory.build(notice_months=months)
    with pytest.raises(ValidationError) as refused:
        network.full_clean()
    assert "notice_months" in refused.value.message_dict


@pytest.mark.parametrize("months", [0, 61])
def test_the_database_refuses_it_too(months):
    network = NetworkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Network.objects.filter(pk=network.pk).update(notice_months=months)


def test_an_agreement_that_ends_before_it_starts_is_refused():
    network = NetworkFactory.build(agreement_years=None, agreement_starts_on=D(2024, 1, 1), agreement_ends_on=D(2023, 12, 31))
    with pytest.raises(ValidationError) as refused:
        network.full_clean()
    assert refused.value.message_dict["agreement_ends_on"] == ["Avtalen må slutte etter at den begynner."]


def test_an_agreement_needs_a_length_or_an_end_date():
    network = NetworkFactory.build(agreement_years=None, agreement_ends_on=None)
    with pytest.raises(ValidationError) as refused:
        network.full_clean()
    assert refused.value.messages == ["Oppgi avtalens varighet i år eller datoen den gjelder til."]


def test_a_fixed_end_date_is_every_partys_agreement_end():
    """The KMD–KS agreement (seed 003) runs to 31.12.2023 whenever a party signed."""
    network = NetworkFactory(agreement_years=None, agreement_starts_on=D(2021, 1, 1), agreement_ends_on=D(2023, 12, 31))
    assert agreement_end(D(2021, 3, 1), network=network) == D(2023, 12, 31)
    assert agreement_end(D(2022, 6, 1), network=NetworkFactory(agreement_years=3)) == D(2025, 6, 1)


def test_an_organisation_can_be_a_member_of_two_networks_but_once_in_each():
    bergen = OrganisationFactory()
    first = MembershipFactory(organisation=bergen)
    cluster = NetworkFactory(name="Kommuneklynge Vest", slug="klynge-vest", notice_months=12)

    applied = apply_for_membership(organisation=bergen, applied_on=D(2026, 5, 1), network=cluster)
    assert (applied.network, applied.status) == (cluster, Membership.Status.APPLICANT)
    assert set(bergen.memberships.current().values_list("network", flat=True)) == {first.network_id, cluster.pk}

    with pytest.raises(ValidationError):
        apply_for_membership(organisation=bergen, applied_on=D(2026, 5, 2), network=cluster)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=cluster, organisation=bergen, status=Membership.Status.APPLICANT)
