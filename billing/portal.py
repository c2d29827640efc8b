"""The member portal's invoices section (members.portal)."""

from __future__ import annotations

from members.networks import current_network

from .models import Invoice
from .queries import credit_balance, with_balance


def portal_context(request, organisation) -> dict:
    """The organisation's invoices and credit balance in the portal's network (the page's)."""
    network = current_network()
    invoices = with_balance(
        Invoice.objects.filter(organisation=organisation, network=network).select_related("credited_invoice")
    ).order_by("-issue_date", "-number")
    return {
        "organisation": organisation,
        "invoices": list(invoices),
        "credit_balance_ore": credit_balance(organisation.pk, network),
    }
