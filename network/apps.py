from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Nettverket")

    def ready(self) -> None:
        from activities.models import Attendance, Event
        from billing.models import Invoice, Payment
        from members.models import ContactRole, ContactRoleKind, Membership, Network
        from members.obligation_hooks import register_obligation_choices
        from members.portal import PortalSection, register_section

        from .obligations.portal import portal_obligations_context
        from .obligations.rules import obligation_choices

        # --- obligations (R6): the keys a network's settings offer and accept
        register_obligation_choices(obligation_choices)

        # --- obligations (R6): each member's checklist for this year on its portal home
        register_section(
            PortalSection(
                key="obligations",
                order=20,
                template="network/obligations/_portal_obligations.html",
                context=portal_obligations_context,
                depends_on=(Membership, ContactRole, ContactRoleKind, Network, Invoice, Payment, Event, Attendance),
            )
        )
