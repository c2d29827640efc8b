"""Email to the contacts of a chosen set of members, sent by a Celery job with a log per recipient.

An email belongs to the network it was written in (its job's): it goes only to that network's
members, and each copy is sent from that network's address, with its name before the subject and
its sign-off after the text, whichever network the worker has as its default (R13).
"""

from __future__ import annotations

from collections.abc import Iterable

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.emails import sender
from members.models import ContactRole, Membership, Network, Organisation, User
from members.networks import current_network, using_network
from network.models import BulkEmail, BulkEmailRecipient, Job

from . import jobs


def recipients_for(
    organisations: Iterable[Organisation], *, audience: str, network: Network | None = None
) -> list[ContactRole]:
    """The contact roles an email of `network` (the page's, unless given) to `organisations` goes to:
    only contacts of that network, of organisations that are or were its members; one per address,
    anonymised people and people without an address skipped.

    «All contacts» are every such contact. «Primary contacts» are one per organisation: its primary
    contact where that is a contact of this network, else its first contact here (by kind, then name),
    so a member whose primary contact is another network's still gets the email, and no other
    network's contact is written to (R13)."""
    network = network or current_network()
    roles = (
        ContactRole.objects.filter(
            network=network,
            organisation__in=list(organisations),
            person__anonymised_at__isnull=True,
        )
        .filter(Exists(Membership.objects.filter(organisation=OuterRef("organisation"), network=network)))
        .exclude(person__email="")
        .select_related("person", "organisation")
        .order_by("organisation__name", "organisation_id", "-is_primary", "kind__order", "person__last_name", "pk")
    )
    seen: set[str] = set()
    served: set[int] = set()
    unique = []
    for role in roles:
        if audience == BulkEmail.Audience.PRIMARY and role.organisation_id in served:
            continue
        served.add(role.organisation_id)
        address = role.person.email.lower()
        if address not in seen:  # one copy to a person who is the contact of several members
            seen.add(address)
            unique.append(role)
    return unique


@transaction.atomic
def start_bulk_email(
    *,
    network: Network,
    organisations: Iterable[Organisation],
    audience: str,
    subject: str,
    body: str,
    selection: str,
    by: User | None,
) -> BulkEmail:
    """Store the email of `network` and its recipients, then send it in the background after commit."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Skriv både emne og tekst."))
    roles = recipients_for(organisations, audience=audience, network=network)
    if not roles:
        raise ValidationError(_("Utvalget har ingen kontaktpersoner med e-postadresse."))
    job = jobs.create_job(
        network=network,
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


def compose(recipient: BulkEmailRecipient, *, network: Network) -> EmailMessage:
    """One recipient's copy, as `network` sends it: its sender, its name before the subject, its
    sign-off (in the recipient's language) after the coordinator's text."""
    bulk = recipient.bulk_email
    with translation.override(recipient.person.preferred_language or "nb"):
        body = render_to_string("network/dashboard/email/bulk_email.txt", {"body": bulk.body, "network": network})
    return EmailMessage(
        subject=f"[{network.label}] {bulk.subject}",
        body=body,
        from_email=sender(network),
        to=[recipient.email],
    )


def send_to_recipient(recipient_id: int) -> bool | None:
    """Send one recipient's copy, as the current network, unless already sent.
    Returns True (sent), False (failed) or None (nothing to do)."""
    network = current_network()
    with transaction.atomic():
        recipient = (
            BulkEmailRecipient.objects.select_for_update(of=("self",))
            .select_related("bulk_email", "person")
            .get(pk=recipient_id)
        )
        if recipient.status != BulkEmailRecipient.Status.PENDING:
            return None
        message = compose(recipient, network=network)
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
    """Send every pending copy as the job's network, counting progress on the job. Safe to run again
    after a crash."""
    bulk = BulkEmail.objects.select_related("job__network").get(pk=bulk_email_id)
    with using_network(bulk.job.network):
        return _send_pending(bulk)


def _send_pending(bulk: BulkEmail) -> Job:
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
