"""Admin for the networks' action plans: an adopted plan is read-only and cannot be deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin_scope import NetworkScopedAdmin

from ..models import ActionPlan


@admin.register(ActionPlan)
class ActionPlanAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["year", "title", "network", "adopted_on", "adopted_by"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "year"]
    search_fields = ["title", "summary"]
    # The document is private (no public URL): uploaded and read on the plan's own pages, which check access.
    exclude = ["document"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and obj.is_adopted)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.is_adopted)
