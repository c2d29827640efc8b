"""Admin for activities: events and targets editable; registrations and attendance through services.

Each person sees the rows of the networks they coordinate only (members.admin_scope).
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.admin_scope import NetworkScopedAdmin
from members.models import Network

from . import services
from .models import ActivityTargets, Attendance, Event, ParticipantImport, ParticipantRow, Registration


@admin.register(ActivityTargets)
class ActivityTargetsAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = [
        "network", "physical_gatherings_per_year", "member_meetings_per_year", "baerekraftsfredager_per_year"
    ]

    def has_add_permission(self, request):
        """One row per network: another while some network of the person's has none."""
        return super().has_add_permission(request) and self._networks_without_targets(request).exists()

    def _networks_without_targets(self, request):
        networks = Network.objects.filter(activity_targets__isnull=True)
        return networks if request.user.is_superuser else networks.filter(pk__in=self.admin_network_ids(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "network":
            kwargs["queryset"] = self._networks_without_targets(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["network"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["name", "email", "organisation_label", "status", "registered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    @admin.display(description=_("organisasjon"))
    def organisation_label(self, obj):
        return obj.organisation_label

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "starts_at", "audience", "capacity", "registration_deadline", "cancelled_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "kind", "audience", ("cancelled_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description", "place"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    readonly_fields = ["cancelled_at", "created_at"]
    actions = ["cancel_events"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data if name in services.EVENT_FIELDS}
        if change:
            services.update_event(event=obj, by=request.user, **fields)
        else:
            created = services.create_event(by=request.user, network=form.cleaned_data.get("network"), **fields)
            obj.pk = created.pk

    def get_readonly_fields(self, request, obj=None):
        """An event stays in the network it was made in."""
        return [*self.readonly_fields, "network"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Avlys valgte arrangementer"))
    def cancel_events(self, request, queryset):
        for event in queryset:
            services.cancel_event(event=event, by=request.user)


@admin.register(Registration)
class RegistrationAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "event__network"
    list_display = ["name", "email", "organisation_label", "event", "status", "registered_at"]
    list_filter = ["status", "event__kind"]
    search_fields = ["name", "email", "organisation_name", "organisation__name", "event__title"]
    list_select_related = ["event", "organisation"]
    readonly_fields = [f.name for f in Registration._meta.fields]
    actions = ["cancel_registrations"]

    @admin.display(description=_("organisasjon"))
    def organisation_label(self, obj):
        return obj.organisation_label

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Meld av valgte (ventelisten rykker opp)"))
    def cancel_registrations(self, request, queryset):
        for registration in queryset:
            services.cancel_registration(registration=registration, by=request.user)


@admin.register(Attendance)
class AttendanceAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "event__network"
    list_display = ["name", "organisation", "event", "source", "recorded_at"]
    list_filter = ["source", "event__kind"]
    search_fields = ["name", "email", "organisation__name", "event__title"]
    list_select_related = ["event", "organisation"]
    readonly_fields = [f.name for f in Attendance._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ParticipantImport)
class ParticipantImportAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "event__network"
    list_display = ["event", "file_name", "imported_at", "imported_by", "row_count", "matched_count"]
    search_fields = ["event__title", "file_name"]
    readonly_fields = [f.name for f in ParticipantImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ParticipantRow)
class ParticipantRowAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "event__network"
    list_display = ["name", "email", "organisation_name", "event", "status", "reason"]
    list_filter = ["status"]
    search_fields = ["name", "email", "organisation_name", "event__title"]
    readonly_fields = [f.name for f in ParticipantRow._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
