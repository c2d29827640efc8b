"""The member portal's invoices section (members.portal)."""

from __future__ import annotations

from .models import Invoice
from .queries import credit_balance, with_balance


def portal_context(request, organisation) -> dict:
    invoices = with_balance(
        Invoice.objects.filter(organisation=organisation).select_related("credited_invoice")
    ).order_by("-issue_date", "-number")
    return {
        "organisation": organisation,
        "invoices": list(invoices),
        "credit_balance_ore": credit_balance(organisation.pk),
    }
