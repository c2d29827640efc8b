from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Nettverket")

    def ready(self) -> None:
        # --- activities: the member portal's events section (registrations, attendance, what is coming)
        from billing.models import Invoice, Payment
        from members.models import ContactRole, Membership
        from members.portal import PortalSection, register_section

        from .models import Attendance, Event, Registration
        from .obligations.portal import portal_obligations_context
        from .views_activities import portal_events_context

        # --- obligations (R6): each member's checklist for this year on its portal home
        register_section(
            PortalSection(
                key="obligations",
                order=20,
                template="network/obligations/_portal_obligations.html",
                context=portal_obligations_context,
                depends_on=(Membership, ContactRole, Invoice, Payment, Event, Attendance),
            )
        )

        register_section(
            PortalSection(
                key="events",
                order=50,
                template="network/events/_portal_events.html",
                context=portal_events_context,
                depends_on=(Event, Registration, Attendance),
            )
        )
