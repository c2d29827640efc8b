"""Emails of the membership lifecycle, rendered from templates in the recipient's language."""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import Network, User
from .networks import first_network
from .roles import COORDINATOR_GROUP


def coordinator_emails() -> list[str]:
    return sorted(
        set(
            User.objects.filter(groups__name=COORDINATOR_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _network_of(context: dict) -> Network | None:
    """The network an e-mail speaks for: the membership's, else the installation's first."""
    membership = context.get("membership")
    if membership is not None:
        return membership.network
    return first_network()


def sender(network: Network | None) -> str:
    """The From of a network's e-mail: its own name and address where it has one (R13)."""
    if network is None or not network.sender_email:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((network.name, network.sender_email))


def send_templated_mail(
    *,
    template: str,
    context: dict,
    to: Iterable[str],
    language: str = "nb",
    cc: Iterable[str] = (),
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Render `members/email/<template>_subject.txt` and `<template>.txt` and send them (copies to `cc`)."""
    recipients = sorted({address for address in to if address})
    copies = sorted({address for address in cc if address} - set(recipients))
    if not recipients:
        return 0
    network = _network_of(context)
    context = {"network": network, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
        body = render_to_string(f"members/email/{template}.txt", context)
    message = EmailMessage(
        subject=f"[{network.label}] {subject}" if network else subject,
        body=body,
        from_email=sender(network),
        to=recipients,
        cc=copies,
    )
    for attachment in attachments:
        message.attach(*attachment)
    return message.send()
