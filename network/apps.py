from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Nettverket")

    def ready(self) -> None:
        # --- activities: the member portal's events section (registrations, attendance, what is coming)
        from members.portal import PortalSection, register_section

        from .views_activities import portal_events_context

        register_section(
            PortalSection(
                key="events",
                order=50,
                template="network/events/_portal_events.html",
                context=portal_events_context,
            )
        )
