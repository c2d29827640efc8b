"""Admin for meetings and cases. Numbers, moves and publishing go through the pages (services); admin reads."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.admin_scope import NetworkScopedAdmin

from ..models import Attendance, CalendarToken, Case, CaseAttachment, CaseNumberSeries, Meeting


class CaseInline(admin.TabularInline):
    model = Case
    fk_name = "meeting"
    fields = ("number_label", "title", "status", "visibility")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("order", "year", "number")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("saksnummer"))
    def number_label(self, obj):
        return obj.number_label


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ("person", "organisation", "role", "present", "note")
    readonly_fields = ("person", "organisation", "role")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # `obj` is the meeting: the attendance of published minutes is shown, never edited.
        if obj is not None and obj.pk and Meeting.objects.filter(pk=obj.pk).minutes_published().exists():
            return False
        return super().has_change_permission(request, obj)


@admin.register(Meeting)
class MeetingAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "body__network"
    network_choices = {"body": "network", "minutes_approved_in": "body__network"}
    list_display = ("date", "starts_at", "body", "place", "status")
    list_select_related = ("body",)
    list_filter = (("body", admin.RelatedOnlyFieldListFilter), "status", ("date", admin.DateFieldListFilter))
    search_fields = ("place", "body__name")
    date_hierarchy = "date"
    readonly_fields = (
        "status",
        "agenda_published_at",
        "agenda_notified_at",
        "held_at",
        "minutes_published_at",
        "minutes_approved_at",
        "minutes_approved_in",
    )
    inlines = [CaseInline, AttendanceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # New meetings are planned on the meetings page, so a waiting minutes approval is put on their agenda.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Published minutes are a record: notes and attendance are only ever read; corrections go to a later meeting.
        if obj is not None and obj.pk and Meeting.objects.filter(pk=obj.pk).minutes_published().exists():
            return False
        return super().has_change_permission(request, obj)

    # Reverting to a history version would write old notes, status and publishing times straight to
    # the row, past the services (published minutes could become unpublished). History is read-only here.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AttachmentInline(admin.TabularInline):
    model = CaseAttachment
    fields = ("title", "original_name", "content_type", "size", "uploaded_at", "uploaded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "body__network"
    network_choices = {"body": "network", "meeting": "body__network", "approves_minutes_of": "body__network"}
    list_display = ("number_label", "title", "meeting", "status", "visibility")
    list_display_links = ("number_label", "title")
    list_filter = ("status", "visibility", "year", ("body", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "decision", "proposed_decision", "background")
    readonly_fields = (
        "body",
        "meeting",
        "year",
        "number",
        "status",
        "approves_minutes_of",
        "decided_at",
        "withdrawn_at",
    )
    fields = (
        "body",
        "meeting",
        "year",
        "number",
        "status",
        "title",
        "presenter",
        "visibility",
        "background",
        "proposed_decision",
        "decision",
        "approves_minutes_of",
        "decided_at",
        "withdrawn_at",
    )
    inlines = [AttachmentInline]
    ordering = ("-year", "-number")

    @admin.display(description=_("saksnummer"), ordering="number")
    def number_label(self, obj):
        return obj.number_label

    def has_add_permission(self, request):
        # A case is numbered when it is put on an agenda: that happens on the agenda page.
        return False

    def has_delete_permission(self, request, obj=None):
        # Numbers are never reused: withdraw a case instead of deleting it.
        return False

    def has_change_permission(self, request, obj=None):
        # A final decision (minutes published) is only ever read; corrections are a new case.
        if obj is not None and obj.pk and Case.objects.filter(pk=obj.pk).final().exists():
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in (Case.Status.DECIDED, Case.Status.WITHDRAWN):
            readonly += ["title", "presenter", "visibility", "background", "proposed_decision", "decision"]
        return readonly

    # Reverting to a history version would write an old status and decision straight to the row,
    # past the services (a decided case could become "on agenda" again). History is read-only here.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(CaseNumberSeries)
class CaseNumberSeriesAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "body__network"
    list_display = ("body", "year", "last_number")
    list_filter = (("body", admin.RelatedOnlyFieldListFilter),)
    readonly_fields = ("body", "year", "last_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__email",)
    fields = ("user", "created_at")
    readonly_fields = ("user", "created_at")

    def has_view_permission(self, request, obj=None):
        # A token is a user's own and belongs to no network: a coordinator of one network would see the
        # people of every network here. Only the superuser lists them; a user renews theirs on the page.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
