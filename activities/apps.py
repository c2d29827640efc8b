from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Aktiviteter")

    def ready(self) -> None:
        from members.portal import PortalSection, register_section

        from .models import Attendance, Event, Registration
        from .views import portal_events_context

        # The member portal's events section: registrations, attendance, what is coming.
        register_section(
            PortalSection(
                key="events",
                order=50,
                template="activities/_portal_events.html",
                context=portal_events_context,
                depends_on=(Event, Registration, Attendance),
            )
        )
