"""Email to the contacts of a chosen set of members, sent by a Celery job with a log per recipient."""

from __future__ import annotations

from collections.abc import Iterable

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.emails import sender
from members.models import ContactRole, Organisation, User
from members.networks import first_network
from network.models import BulkEmail, BulkEmailRecipient, Job

from . import jobs


def recipients_for(organisations: Iterable[Organisation], *, audience: str) -> list[ContactRole]:
    """The contact roles an email to `organisations` goes to: one per address, anonymised people skipped.
    «All contacts» are those of the page's network; the primary contact is the organisation's own."""
    from members.networks import current_network

    roles = (
        ContactRole.objects.filter(organisation__in=list(organisations), person__anonymised_at__isnull=True)
        .exclude(person__email="")
        .select_related("person", "organisation")
        .order_by("organisation__name", "-is_primary", "person__last_name")
    )
    if audience == BulkEmail.Audience.PRIMARY:
        roles = roles.filter(is_primary=True)
    else:
        roles = roles.filter(network=current_network())
    seen: set[str] = set()
    unique = []
    for role in roles:
        address = role.person.email.lower()
        if address not in seen:
            seen.add(address)
            unique.append(role)
    return unique


@transaction.atomic
def start_bulk_email(
    *,
    organisations: Iterable[Organisation],
    audience: str,
    subject: str,
    body: str,
    selection: str,
    by: User | None,
) -> BulkEmail:
    """Store the email and its recipients, then send it in the background after commit."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Skriv både emne og tekst."))
    roles = recipients_for(organisations, audience=audience)
    if not roles:
        raise ValidationError(_("Utvalget har ingen kontaktpersoner med e-postadresse."))
    job = jobs.create_job(
        kind=Job.Kind.BULK_EMAIL,
        label=_("E-post: %(subject)s") % {"subject": subject[:150]},
        total=len(roles),
        by=by,
    )
    bulk = BulkEmail.objects.create(
        subject=subject, body=body, audience=audience, selection=selection[:500], job=job, created_by=by
    )
    BulkEmailRecipient.objects.bulk_create(
        BulkEmailRecipient(bulk_email=bulk, organisation=role.organisation, person=role.person, email=role.person.email)
        for role in roles
    )
    transaction.on_commit(lambda: send_bulk_email.delay(bulk.pk))
    return bulk


def send_to_recipient(recipient_id: int) -> bool | None:
    """Send one recipient's copy unless already sent. Returns True (sent), False (failed) or None (nothing to do)."""
    with transaction.atomic():
        recipient = BulkEmailRecipient.objects.select_for_update().select_related("bulk_email").get(pk=recipient_id)
        if recipient.status != BulkEmailRecipient.Status.PENDING:
            return None
        message = EmailMessage(
            subject=recipient.bulk_email.subject,
            body=recipient.bulk_email.body,
            from_email=sender(first_network()),
            to=[recipient.email],
        )
        try:
            message.send()
        except OSError as error:  # SMTP refusals and network errors: logged, the rest go on
            recipient.status = BulkEmailRecipient.Status.FAILED
            recipient.error = str(error)[:500]
        else:
            recipient.status = BulkEmailRecipient.Status.SENT
            recipient.sent_at = timezone.now()
        recipient.save(update_fields=["status", "error", "sent_at"])
    return recipient.status == BulkEmailRecipient.Status.SENT


def send_bulk_email_now(bulk_email_id: int) -> Job:
    """Send every pending copy, counting progress on the job. Safe to run again after a crash."""
    bulk = BulkEmail.objects.select_related("job").get(pk=bulk_email_id)
    jobs.mark_running(bulk.job_id)
    pending = bulk.recipients.filter(status=BulkEmailRecipient.Status.PENDING).values_list("pk", flat=True)
    for recipient_id in list(pending):
        outcome = send_to_recipient(recipient_id)
        if outcome is not None:
            jobs.record_progress(bulk.job_id, succeeded=outcome)
    sent = bulk.recipients.filter(status=BulkEmailRecipient.Status.SENT).count()
    failed = bulk.recipients.filter(status=BulkEmailRecipient.Status.FAILED).count()
    return jobs.finish_job(
        bulk.job_id, message=_("%(sent)d sendt, %(failed)d feilet.") % {"sent": sent, "failed": failed}
    )


# --- Celery task: a thin wrapper around send_bulk_email_now (docs/architecture.md) ---


@shared_task(name="network.send_bulk_email", bind=True, acks_late=True, max_retries=3, default_retry_delay=30)
def send_bulk_email(self, bulk_email_id: int) -> None:
    send_bulk_email_now(bulk_email_id)
