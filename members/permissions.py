"""Model permissions of the two staff roles, kept in step with the models after every migrate."""

from django.contrib.auth.models import Group, Permission

from .roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP

# The coordinator runs the whole network; the issuer's finance staff handle billing only (R12). The rows
# each sees in the admin are their own networks' (members.admin_scope). Activities were in "network" until
# they became an app: a database from before kept the permissions with the content types, a new one gets them here.
COORDINATOR_APPS = ("members", "governance", "billing", "activities", "network", "django_celery_beat")
BILLING_ADMIN_APPS = ("billing",)


def sync_role_permissions(**kwargs) -> None:
    for name, app_labels in ((COORDINATOR_GROUP, COORDINATOR_APPS), (BILLING_ADMIN_GROUP, BILLING_ADMIN_APPS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=app_labels))
