from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Fakturering")

    def ready(self) -> None:
        from members.models import Membership
        from members.portal import PortalSection, register_section
        from members.roles import register_role_annotation
        from members.signals import membership_activated

        from .models import CreditBalanceEntry, Invoice, Payment
        from .portal import portal_context
        from .receivers import invoice_member_on_activation
        from .roles import billed_network_ids_subquery

        register_role_annotation("role_billed_network_ids", billed_network_ids_subquery)

        membership_activated.connect(
            invoice_member_on_activation, sender=Membership, dispatch_uid="billing_invoice_member_on_activation"
        )
        register_section(
            PortalSection(
                key="invoices",
                order=30,
                template="billing/_portal_invoices.html",
                context=portal_context,
                depends_on=(Invoice, Payment, CreditBalanceEntry),
            )
        )
