"""The issuer and payment terms the coordinator edits (R4)."""

from __future__ import annotations

from django.db import transaction

from members.models import User

from ..models import BillingSettings


@transaction.atomic
def update_billing_settings(*, values: dict, by: User | None = None) -> BillingSettings:
    settings = BillingSettings.objects.select_for_update().get(pk=BillingSettings.current().pk)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings._history_user = by
    settings.save()
    return settings
