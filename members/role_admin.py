"""The admin for roles per network (R13): kinds of contact role, membership roles and notice addressees,
edited on their network (with history) and on their own pages. Imported by members/admin.py."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_scope import NetworkScopedAdmin
from .models import ContactRoleKind, MembershipRoleKind, NoticeAddressee


class ContactRoleKindInline(admin.TabularInline):
    model = ContactRoleKind
    fk_name = "network"
    extra = 0
    fields = ["name", "name_en", "key", "required", "one_per_organisation", "held_by_role", "order"]
    prepopulated_fields = {"key": ["name"]}


class MembershipRoleKindInline(admin.TabularInline):
    model = MembershipRoleKind
    extra = 0
    fields = ["name", "name_en", "one_per_network", "order"]


class NoticeAddresseeInline(admin.TabularInline):
    model = NoticeAddressee
    extra = 0
    fields = ["copy", "source", "body_kind", "membership_role", "contact_kind", "title", "title_en", "order"]


@admin.register(ContactRoleKind)
class ContactRoleKindAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "network", "required", "one_per_organisation", "held_by_role", "order"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "required"]
    list_select_related = ["network", "held_by_role"]
    search_fields = ["name", "name_en", "key"]
    prepopulated_fields = {"key": ["name"]}


@admin.register(MembershipRoleKind)
class MembershipRoleKindAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "network", "one_per_network", "order"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["network"]
    search_fields = ["name", "name_en"]


@admin.register(NoticeAddressee)
class NoticeAddresseeAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "network", "copy", "source", "membership_role", "contact_kind"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "copy", "source"]
    list_select_related = ["network", "membership_role", "contact_kind"]
