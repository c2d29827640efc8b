from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styring")

    def ready(self) -> None:
        from members.hooks import register_body_leader

        from . import receivers, tasks  # noqa: F401 — connect receivers, register tasks
        from .queries.bodies import body_leader

        register_body_leader(body_leader)
        self._register_portal_section()

        from django.db.models.signals import post_migrate

        from .defaults import ensure_defaults

        post_migrate.connect(ensure_defaults, sender=self, dispatch_uid="governance_ensure_defaults")

    def _register_portal_section(self) -> None:
        from members.models import Person
        from members.portal import PortalSection, register_section

        from .models import Body, Election, Nomination, Term
        from .views.portal import groups_section_context

        register_section(
            PortalSection(
                key="groups",
                order=40,
                template="governance/_portal_groups.html",
                context=groups_section_context,
                depends_on=(Body, Term, Election, Nomination, Person),
            )
        )
