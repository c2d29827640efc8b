"""The coordinator's pages over the lifecycle services: follow-up list, activate, renew."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Membership
from members.services import apply_for_membership
from tests.factories import ContactRoleFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_follow_up_list_shows_notices_applicants_renewals_and_contacts_to_invite(client, coordinator):
    today = timezone.localdate()
    notice = MembershipFactory(
        status=Membership.Status.NOTICE, notice_given_on=today, notice_effective_on=today + datetime.timedelta(days=181)
    )
    applicant = apply_for_membership(organisation=OrganisationFactory(), applied_on=today)
    ending = MembershipFactory(agreement_ends_on=today + datetime.timedelta(days=30))
    uninvited = ContactRoleFactory(organisation=ending.organisation)
    lonely = MembershipFactory()
    client.force_login(coordinator)
    content = client.get(reverse("members:lifecycle_overview")).content.decode()
    for membership in (notice, applicant, ending, lonely):
        assert membership.organisation.name in content
    assert reverse("members:contact_invite", args=[ending.organisation_id, uninvited.pk]) in content


def test_the_coordinator_activates_an_applicant_from_the_page(client, coordinator):
    applicant = apply_for_membership(organisation=OrganisationFactory(), applied_on=datetime.date(2026, 1, 10))
    client.force_login(coordinator)
    response = client.post(
        reverse("members:activate", args=[applicant.organisation_id]),
        {
            "joined_on": "2026-02-01",
            "political_decision_on": "2026-01-20",
            "political_decision_body": "Kommunestyret",
            "political_decision_reference": "26/14",
            "agreement_signed_on": "2026-02-01",
            "signatory_name": "Kari Nordmann",
            "signatory_title": "Kommunedirektør",
            "approving_authority": "kommunedirektor",
        },
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Membership.Status.ACTIVE
    assert applicant.agreement_ends_on == datetime.date(2029, 2, 1)
    assert applicant.history.latest().history_user == coordinator


def test_the_coordinator_records_a_renewed_agreement_from_the_page(client, coordinator):
    membership = MembershipFactory(agreement_ends_on=datetime.date(2025, 6, 3))
    client.force_login(coordinator)
    response = client.post(
        reverse("members:renew", args=[membership.organisation_id]),
        {"signed_on": "2025-09-01", "signatory_name": "Per", "signatory_title": "Ordfører"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.agreement_ends_on == datetime.date(2028, 9, 1)


def test_an_applicant_cannot_apply_twice():
    from django.core.exceptions import ValidationError

    organisation = OrganisationFactory()
    apply_for_membership(organisation=organisation, applied_on=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="allerede en søknad"):
        apply_for_membership(organisation=organisation, applied_on=datetime.date(2026, 1, 2))
