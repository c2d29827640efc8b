"""What the lifecycle emails, to whom (R5), and the tasks that send them after commit.

The invitation email is sent from services/invitations.py, next to the invitation it belongs to.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .emails import coordinator_emails, send_templated_mail
from .models import ContactRole, Membership, User
from .notices import notice_parties
from .pdf import notice_letter_filename, notice_letter_pdf


def _contact_emails(organisation) -> list[str]:
    return list(
        ContactRole.objects.filter(organisation=organisation)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )


def deliver_notice(*, membership_id: int, given_by_id: int | None = None) -> None:
    """The letter to whom the network's notices are given and the coordinators, copies to those the
    network names for a copy (R5, R13: the klyngeleder, copy to the regional coordinator); a receipt to
    the member, saying who got it."""
    membership = Membership.objects.select_related("organisation", "network").get(pk=membership_id)
    if membership.status != Membership.Status.NOTICE:
        return
    organisation = membership.organisation
    context = {"membership": membership, "organisation": organisation}
    pdf = notice_letter_pdf(membership)
    attachment = (notice_letter_filename(membership), pdf, "application/pdf")
    parties = notice_parties(membership, membership.notice_given_on)
    context["parties"] = parties
    recipients = [*coordinator_emails(), *parties.recipient_emails]
    send_templated_mail(
        template="notice_letter",
        context=context,
        to=recipients,
        cc=[address for address in parties.copy_emails if address not in recipients],
        attachments=[attachment],
    )
    receipt_to = _contact_emails(organisation)
    if given_by_id:
        given_by = User.objects.filter(pk=given_by_id).first()
        if given_by is not None:
            receipt_to.append(given_by.email)
    send_templated_mail(
        template="notice_receipt",
        context=context,
        to=receipt_to,
        language=organisation.preferred_language,
        attachments=[attachment],
    )


def deliver_membership_ended(*, membership_id: int) -> None:
    membership = Membership.objects.select_related("organisation").get(pk=membership_id)
    if membership.status != Membership.Status.RESIGNED:
        return
    organisation = membership.organisation
    send_templated_mail(
        template="membership_ended",
        context={"membership": membership, "organisation": organisation, "today": timezone.localdate()},
        to=[*_contact_emails(organisation), *coordinator_emails()],
        language=organisation.preferred_language,
    )


# --- Celery tasks: thin, idempotent wrappers around the emails above (docs/architecture.md) ---
# services/lifecycle.py enqueues them; they are registered under their names from members/tasks.py.


@shared_task(name="members.send_notice_emails", bind=True, max_retries=5, acks_late=True)
def send_notice_emails(self, membership_id: int, given_by_id: int | None = None) -> None:
    deliver_notice(membership_id=membership_id, given_by_id=given_by_id)


@shared_task(name="members.send_membership_ended_email", bind=True, max_retries=5, acks_late=True)
def send_membership_ended_email(self, membership_id: int) -> None:
    deliver_membership_ended(membership_id=membership_id)
