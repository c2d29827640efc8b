"""What the lifecycle emails, to whom (R5, invitations). Called by tasks after commit."""

from __future__ import annotations

from django.utils import timezone

from .emails import coordinator_emails, send_templated_mail
from .hooks import steering_group_leader
from .models import ContactRole, Invitation, Membership, User
from .pdf import notice_letter_filename, notice_letter_pdf


def _contact_emails(organisation) -> list[str]:
    return list(
        ContactRole.objects.filter(organisation=organisation)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )


def deliver_invitation(*, invitation_id: int) -> None:
    from .services.invitations import invitation_days, invitation_url

    invitation = Invitation.objects.select_related("person", "organisation", "invited_by").get(pk=invitation_id)
    if not invitation.is_pending:
        return
    send_templated_mail(
        template="invitation",
        context={
            "invitation": invitation,
            "person": invitation.person,
            "organisation": invitation.organisation,
            "url": invitation_url(invitation),
            "days": invitation_days(),
        },
        to=[invitation.email],
        language=invitation.person.preferred_language,
    )


def deliver_notice(*, membership_id: int, given_by_id: int | None = None) -> None:
    """The letter to the steering-group leader and the coordinators; a receipt to the member."""
    membership = Membership.objects.select_related("organisation").get(pk=membership_id)
    if membership.status != Membership.Status.NOTICE:
        return
    organisation = membership.organisation
    context = {"membership": membership, "organisation": organisation}
    pdf = notice_letter_pdf(membership)
    attachment = (notice_letter_filename(membership), pdf, "application/pdf")
    leader = steering_group_leader(membership.notice_given_on)
    context["leader"] = leader
    recipients = coordinator_emails()
    if leader is not None and leader.email:
        recipients.append(leader.email)
    send_templated_mail(template="notice_letter", context=context, to=recipients, attachments=[attachment])
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
