"""A network's identity and agreement terms, changed by its coordinator in the app (R12, R13)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import Network, User

# What the coordinator may change on the agreement page. The slug (the pages' addresses), the parent
# network and the kinds of party admitted stay with the admin.
TERMS_FIELDS = (
    "name",
    "short_name",
    "tagline",
    "tagline_en",
    "public_intro",
    "public_intro_en",
    "sender_email",
    "notice_months",
    "agreement_years",
    "agreement_starts_on",
    "agreement_ends_on",
    "renewable",
    "renewal_reminder_months",
    "has_dues",
    "refund_on_resignation",
)
# The logo: an uploaded file (checked by members.validators.validate_logo), or "" for none.
LOGO_FIELD = "logo"


@transaction.atomic
def update_network_terms(*, network: Network, values: dict[str, Any], by: User | None) -> Network:
    """Give `network` the identity and terms in `values` (keys from TERMS_FIELDS, and LOGO_FIELD), checked
    by the model (`full_clean`: notice 1–60 months, a length in years or an end date after the start, a
    logo PNG or JPEG of at most 500 kB, …), and keep who changed what in its history. A refused change raises ValidationError and stores nothing.

    A logo replaced or removed stays stored: the history names it.
    A notice already given keeps the effective date it was given with: the membership stores it."""
    unknown = set(values) - {*TERMS_FIELDS, LOGO_FIELD}
    if unknown:
        raise ValueError(f"Not a term the coordinator changes: {', '.join(sorted(unknown))}")
    network = Network.objects.select_for_update().get(pk=network.pk)
    for field, value in values.items():
        setattr(network, field, (value or "") if field == LOGO_FIELD else value)
    network.full_clean()
    network._history_user = by
    network.save()
    return network
