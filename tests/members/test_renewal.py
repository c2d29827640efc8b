"""Agreements run three years and can be renewed; the coordinator is reminded three months
before a period ends, once per period (R1, agreement §11)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_celery_beat.models import PeriodicTask

from members.models import Membership
from members.services import activate_membership, renew_agreement, send_renewal_reminders
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_activation_records_decision_and_a_three_year_agreement():
    organisation = OrganisationFactory()
    membership = activate_membership(
        organisation=organisation,
        joined_on=D(2024, 3, 1),
        political_decision_on=D(2024, 2, 14),
        political_decision_body="Kommunestyret",
        agreement_signed_on=D(2024, 3, 1),
        signatory_name="Kari",
        signatory_title="Ordfører",
    )
    assert membership.status == Membership.Status.ACTIVE
    assert membership.agreement_ends_on == D(2027, 3, 1)


def test_renewing_before_the_end_continues_from_the_old_end():
    membership = MembershipFactory(agreement_signed_on=D(2022, 6, 3), agreement_ends_on=D(2025, 6, 3))
    renew_agreement(membership=membership, signed_on=D(2025, 4, 1), signatory_name="Ny Signatar")
    membership.refresh_from_db()
    assert membership.agreement_signed_on == D(2025, 4, 1)
    assert membership.agreement_ends_on == D(2028, 6, 3)
    assert membership.signatory_name == "Ny Signatar"


def test_renewing_after_the_end_runs_three_years_from_signing():
    membership = MembershipFactory(agreement_ends_on=D(2025, 6, 3))
    renew_agreement(membership=membership, signed_on=D(2025, 9, 1))
    membership.refresh_from_db()
    assert membership.agreement_ends_on == D(2028, 9, 1)


def test_a_resigned_membership_cannot_be_renewed():
    membership = MembershipFactory(
        status=Membership.Status.RESIGNED,
        notice_given_on=D(2024, 1, 1),
        notice_effective_on=D(2024, 7, 1),
        ended_on=D(2024, 7, 1),
    )
    with pytest.raises(ValidationError):
        renew_agreement(membership=membership, signed_on=D(2025, 1, 1))


def test_the_coordinator_is_reminded_three_months_before_the_agreement_ends(coordinator):
    membership = MembershipFactory(agreement_ends_on=D(2026, 6, 3))
    assert send_renewal_reminders(today=D(2026, 3, 2)) == []
    assert [m.pk for m in send_renewal_reminders(today=D(2026, 3, 3))] == [membership.pk]
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert membership.organisation.name in message.subject
    assert "03.06.2026" in message.subject


def test_the_reminder_is_sent_once_per_agreement_period(coordinator):
    membership = MembershipFactory(agreement_ends_on=D(2026, 6, 3))
    send_renewal_reminders(today=D(2026, 3, 3))
    send_renewal_reminders(today=D(2026, 3, 4))
    send_renewal_reminders(today=D(2026, 5, 1))
    assert len(mail.outbox) == 1
    renew_agreement(membership=membership, signed_on=D(2026, 5, 15))
    membership.refresh_from_db()
    assert membership.agreement_ends_on == D(2029, 6, 3)
    assert send_renewal_reminders(today=D(2026, 5, 16)) == []
    assert [m.pk for m in send_renewal_reminders(today=D(2029, 3, 3))] == [membership.pk]
    assert len(mail.outbox) == 2


def test_both_daily_tasks_are_scheduled_in_oslo_time():
    tasks = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    for name in ("members.end_due_memberships", "members.send_renewal_reminders"):
        assert tasks[name].enabled
        assert str(tasks[name].crontab.timezone) == "Europe/Oslo"
