"""Emails about groups: a request to join goes to the group's lead person (R9)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from members.networks import using_network

from ..models import JoinRequest


def send_join_request_notice(*, join_request_id: int) -> bool:
    """Tell the lead person (else nobody) that someone asks to join. Idempotent enough: only pending requests."""
    join_request = (
        JoinRequest.objects.select_related("body__lead_person", "body__network", "person", "organisation")
        .filter(pk=join_request_id, status=JoinRequest.Status.PENDING)
        .first()
    )
    if join_request is None:
        return False
    lead = join_request.body.lead_person
    if lead is None or not lead.email:
        return False
    # The link points into the group's network, whichever network (or none) the task runs in.
    with translation.override(lead.preferred_language or "nb"), using_network(join_request.body.network):
        subject = _("%(person)s ber om å bli med i %(group)s") % {
            "person": join_request.person.full_name,
            "group": join_request.body.name,
        }
        body = "\n\n".join(
            [
                _("%(person)s fra %(organisation)s ber om å bli med i arbeidsgruppen %(group)s.")
                % {
                    "person": join_request.person.full_name,
                    "organisation": join_request.organisation.name,
                    "group": join_request.body.name,
                },
                join_request.message,
                _("Godta eller avslå på gruppens side: %(path)s")
                % {"path": absolute_url(reverse("governance:body_detail", args=[join_request.body.slug]))},
            ]
        )
    send_mail(subject, body.strip(), settings.DEFAULT_FROM_EMAIL, [lead.email])
    return True


# --- Celery task: a thin wrapper around send_join_request_notice (docs/architecture.md) ---


@shared_task(name="governance.notify_join_request", acks_late=True)
def notify_join_request(join_request_id: int) -> None:
    send_join_request_notice(join_request_id=join_request_id)
