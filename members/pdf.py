"""The notice letter (R5) as PDF, addressed to whom the network's notices are given (members.notices)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Membership
from .notices import notice_parties


def notice_letter_context(membership: Membership) -> dict:
    given_on = membership.notice_given_on or timezone.localdate()
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "parties": notice_parties(membership, given_on),
        "given_on": given_on,
    }


def notice_letter_pdf(membership: Membership) -> bytes:
    from weasyprint import HTML

    with translation.override(membership.organisation.preferred_language or "nb"):
        html = render_to_string("members/pdf/notice_letter.html", notice_letter_context(membership))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def notice_letter_filename(membership: Membership) -> str:
    return f"oppsigelse-{membership.organisation.number}-{membership.notice_given_on:%Y-%m-%d}.pdf"
