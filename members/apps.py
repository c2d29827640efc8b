from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Medlemmer")

    def ready(self) -> None:
        from . import networks  # noqa: F401 — connect the receivers that keep the cached network fresh
        from .permissions import sync_role_permissions

        # Permissions of later apps exist only after their own post_migrate, so sync each time.
        post_migrate.connect(sync_role_permissions, dispatch_uid="members.sync_role_permissions")
