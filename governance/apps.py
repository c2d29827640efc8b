from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styring")

    def ready(self) -> None:
        from members.hooks import register_steering_group_leader

        from .queries.bodies import steering_group_leader

        register_steering_group_leader(steering_group_leader)
