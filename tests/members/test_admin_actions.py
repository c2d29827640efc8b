"""The coordinator's admin actions call the same services as the portal."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from members.models import Invitation, Membership
from tests.factories import ContactRoleFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def act(client, model, action, pks):
    return client.post(
        reverse(f"admin:members_{model}_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks]},
    )


def test_the_coordinator_invites_a_contact_from_admin(admin_client, django_capture_on_commit_callbacks):
    role = ContactRoleFactory(person__email="fra.admin@kommune.no")
    with django_capture_on_commit_callbacks(execute=True):
        act(admin_client, "contactrole", "invite", [role.pk])
    assert Invitation.objects.filter(person=role.person, organisation=role.organisation).exists()
    assert mail.outbox[0].to == ["fra.admin@kommune.no"]


def test_the_coordinator_anonymises_a_person_from_admin(admin_client):
    role = ContactRoleFactory()
    ContactRoleFactory(organisation=role.organisation, is_primary=False)
    act(admin_client, "person", "anonymise", [role.person_id])
    role.person.refresh_from_db()
    assert role.person.anonymised_at is not None


def test_the_coordinator_withdraws_a_notice_and_ends_due_memberships_from_admin(admin_client):
    from django.utils import timezone

    today = timezone.localdate()
    in_notice = MembershipFactory(
        status=Membership.Status.NOTICE, notice_given_on=today, notice_effective_on=today + datetime.timedelta(days=180)
    )
    due = MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=today - datetime.timedelta(days=200),
        notice_effective_on=today - datetime.timedelta(days=1),
    )
    act(admin_client, "membership", "withdraw_notice", [in_notice.pk])
    act(admin_client, "membership", "end_if_due", [due.pk, in_notice.pk])
    in_notice.refresh_from_db()
    due.refresh_from_db()
    assert in_notice.status == Membership.Status.ACTIVE
    assert due.status == Membership.Status.RESIGNED


def test_register_letter_notice_from_admin_opens_the_form(admin_client):
    membership = MembershipFactory()
    response = act(admin_client, "membership", "register_letter_notice", [membership.pk])
    assert response.status_code == 302
    assert response["Location"] == reverse("members:register_letter_notice", args=[membership.organisation_id])


def test_admin_pages_open(admin_client):
    MembershipFactory()
    for model in ("membership", "person", "contactrole", "invitation"):
        assert admin_client.get(reverse(f"admin:members_{model}_changelist")).status_code == 200
    membership = Membership.objects.first()
    assert admin_client.get(reverse("admin:members_membership_change", args=[membership.pk])).status_code == 200
