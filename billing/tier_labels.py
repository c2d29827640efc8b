"""Dues tier labels in the reader's language.

A tier's label is data (billing.DuesTier.label, copied onto each invoice as tier_label): the row stays
the source, and a coordinator may rename a tier or add a schedule. The labels the 2023 schedule was
seeded with (migration 0002) are marked here for the catalogues, so an English reader sees them in
English; a label the coordinator typed is shown as typed.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

SEEDED_TIER_LABELS = (
    gettext_noop("Kommune under 20 000 innbyggere"),
    gettext_noop("Kommune 20 000–80 000 innbyggere"),
    gettext_noop("Kommune over 80 000 innbyggere"),
    gettext_noop("Fylkeskommune"),
)


def tier_label(label: str | None) -> str:
    """The label as the reader reads it: a seeded label translated, any other as stored."""
    if not label:
        return label or ""
    return gettext(label) if label in SEEDED_TIER_LABELS else label
