"""The daily task ends memberships on the effective date (R5): idempotent, nothing deleted."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from members import signals
from members.models import Membership
from members.services import end_due_memberships, end_membership
from members.tasks import end_due_memberships_task
from tests.factories import ContactRoleFactory, MembershipFactory, UserFactory

from .conftest import make_contact

pytestmark = pytest.mark.django_db

D = datetime.date


def in_notice(effective_on, **kwargs):
    return MembershipFactory(
        status=Membership.Status.NOTICE,
        notice_given_on=effective_on - datetime.timedelta(days=183),
        notice_effective_on=effective_on,
        **kwargs,
    )


def test_a_membership_ends_on_its_effective_date():
    membership = in_notice(D(2026, 2, 28))
    assert end_due_memberships(today=D(2026, 2, 27)) == []
    assert end_due_memberships(today=D(2026, 2, 28)) == [membership]
    membership.refresh_from_db()
    assert membership.status == Membership.Status.RESIGNED
    assert membership.ended_on == D(2026, 2, 28)


def test_a_late_run_still_ends_on_the_effective_date_not_the_run_date():
    membership = in_notice(D(2026, 2, 28))
    end_due_memberships(today=D(2026, 3, 10))
    membership.refresh_from_db()
    assert membership.ended_on == D(2026, 2, 28)


def test_running_the_daily_task_twice_changes_nothing_more(coordinator, django_capture_on_commit_callbacks):
    membership = in_notice(D(2026, 2, 28))
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["ended_on"])

    signals.membership_ended.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = end_due_memberships(today=D(2026, 3, 1))
        with django_capture_on_commit_callbacks(execute=True):
            second = end_due_memberships(today=D(2026, 3, 1))
    finally:
        signals.membership_ended.disconnect(listener)
    assert first == [membership]
    assert second == []
    assert heard == [D(2026, 2, 28)]
    assert membership.history.count() == 2  # created, ended
    assert len([m for m in mail.outbox if "avsluttet" in m.subject]) == 1


def test_ending_deactivates_the_portal_logins_of_that_organisations_people():
    membership = in_notice(D(2026, 2, 28))
    user, role = make_contact(membership=membership)
    end_membership(membership=membership, today=D(2026, 3, 1))
    user.refresh_from_db()
    role.refresh_from_db()
    assert not user.is_active
    assert role.person.pk  # nothing deleted
    assert membership.organisation.contact_roles.count() == 1


def test_a_contact_of_another_current_member_keeps_the_login():
    ending = in_notice(D(2026, 2, 28))
    user, role = make_contact(membership=ending)
    other = MembershipFactory()
    ContactRoleFactory(organisation=other.organisation, person=role.person, is_primary=True)
    end_membership(membership=ending, today=D(2026, 3, 1))
    user.refresh_from_db()
    assert user.is_active


def test_staff_accounts_are_never_deactivated(coordinator):
    membership = in_notice(D(2026, 2, 28))
    _user, role = make_contact(membership=membership)
    coordinator_person = ContactRoleFactory(organisation=membership.organisation, is_primary=False).person
    coordinator.is_staff = True
    coordinator.save()
    coordinator_person.user = coordinator
    coordinator_person.save()
    end_membership(membership=membership, today=D(2026, 3, 1))
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_a_deactivated_account_cannot_log_in(client):
    membership = in_notice(D(2026, 2, 28))
    user, _role = make_contact(membership=membership, email="gone@kommune.no")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    end_membership(membership=membership, today=D(2026, 3, 1))
    response = client.post("/konto/login/", {"login": "gone@kommune.no", "password": "correct horse battery staple"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "inactive" in response["Location"]


def test_the_confirmation_email_goes_to_the_contacts_and_the_coordinator(
    coordinator, django_capture_on_commit_callbacks
):
    membership = in_notice(D(2026, 2, 28))
    _user, role = make_contact(membership=membership)
    with django_capture_on_commit_callbacks(execute=True):
        end_membership(membership=membership, today=D(2026, 3, 1))
    (message,) = mail.outbox
    assert set(message.to) == {role.person.email, coordinator.email}
    assert "28.02.2026" in message.body


def test_the_celery_task_and_the_command_end_due_memberships(capsys):
    today = timezone.localdate()
    first = in_notice(today)
    assert end_due_memberships_task.delay().get() == 1
    second = in_notice(today - datetime.timedelta(days=1))
    call_command("end_due_memberships")
    call_command("end_due_memberships")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Membership.Status.RESIGNED
    assert "0 medlemskap avsluttet" in capsys.readouterr().out


def test_a_resigned_member_owes_dues_for_a_year_that_started_before_the_effective_date_only():
    from members.queries import memberships_owing_dues

    membership = in_notice(D(2026, 2, 28))
    end_due_memberships(today=D(2026, 3, 1))
    assert membership in memberships_owing_dues(2026)
    assert membership not in memberships_owing_dues(2027)


def test_a_user_with_the_ended_membership_and_no_other_role_is_not_a_contact_any_more(client):
    membership = in_notice(D(2026, 2, 28))
    user, _role = make_contact(membership=membership)
    end_membership(membership=membership, today=D(2026, 3, 1))
    client.force_login(UserFactory(email="someone@example.no"))
    assert not Membership.objects.filter(pk=membership.pk, status="notice").exists()
