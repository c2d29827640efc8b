"""Emails of the membership lifecycle, rendered from templates in the recipient's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import User
from .roles import COORDINATOR_GROUP


def coordinator_emails() -> list[str]:
    return sorted(
        set(
            User.objects.filter(groups__name=COORDINATOR_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def send_templated_mail(
    *,
    template: str,
    context: dict,
    to: Iterable[str],
    language: str = "nb",
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Render `members/email/<template>_subject.txt` and `<template>.txt` and send them."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return 0
    with translation.override(language):
        subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
        body = render_to_string(f"members/email/{template}.txt", context)
    message = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=recipients,
    )
    for attachment in attachments:
        message.attach(*attachment)
    return message.send()
