"""Admin for bodies, terms, elections and gender-balance checks (R7, R9, R10).

Terms are validated by the same rules as the services (a 10th elected seat, leader/deputy,
term length, good standing) and saved through them, so the admin cannot bypass R7.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.admin_scope import NetworkScopedAdmin

from ..links import reverse_in_network
from ..models import (
    Body,
    BodyKindSettings,
    CollaborationArea,
    Election,
    GenderBalanceCheck,
    JoinRequest,
    Nomination,
    Term,
)
from ..services import bodies as services

TERM_FIELDS = ["role", "starts_on", "ends_on", "paid", "paid_note"]


@admin.register(BodyKindSettings)
class BodyKindSettingsAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    list_display = [
        "kind",
        "network",
        "max_elected_seats",
        "fixed_seats",
        "fixed_seat_holder",
        "allowed_term_years",
        "meetings_per_year_min",
        "meetings_per_year_max",
    ]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CollaborationArea)
class CollaborationAreaAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    list_display = ["order", "name", "network"]
    list_display_links = ["name"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["person", "organisation", "role", "obtained", "starts_on", "ends_on", "paid"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    ordering = ["-starts_on"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "network", "status", "meetings_public", "leading_organisation", "lead_person"]
    list_filter = [
        ("network", admin.RelatedOnlyFieldListFilter),
        "kind",
        "status",
        "meetings_public",
        ("collaboration_areas", admin.RelatedOnlyFieldListFilter),
    ]
    network_choices = {"collaboration_areas": "network"}
    search_fields = ["name", "theme", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["leading_organisation", "lead_person"]
    filter_horizontal = ["collaboration_areas"]
    inlines = [TermInline]

    def get_readonly_fields(self, request, obj=None):
        """A body stays in its network: its seats, meetings and case numbers follow it."""
        return ["network"] if obj else []


class TermAdminForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = [
            "body",
            "person",
            "organisation",
            "role",
            "obtained",
            "election",
            "starts_on",
            "ends_on",
            "paid",
            "paid_note",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        term = self.instance
        for name, value in cleaned.items():
            setattr(term, name, value)
        try:
            services.validate_term(term, BodyKindSettings.for_kind(term.body.kind, term.body.network))
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return cleaned


@admin.register(Term)
class TermAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    form = TermAdminForm
    network_path = "body__network"
    network_choices = {"body": "network", "election": "body__network"}
    list_display = ["person", "body", "role", "organisation", "starts_on", "ends_on", "obtained", "paid"]
    list_filter = ["body__kind", ("body", admin.RelatedOnlyFieldListFilter), "role", "obtained", "paid"]
    search_fields = ["person__first_name", "person__last_name", "organisation__name", "body__name"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "body", "organisation"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in form.cleaned_data}
        if change:
            saved = services.update_term(term=obj, by=request.user, **{k: data[k] for k in TERM_FIELDS if k in data})
        else:
            saved = services.add_term(
                body=data["body"],
                person=data["person"],
                organisation=data["organisation"],
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                obtained=data["obtained"],
                election=data.get("election"),
                paid=data.get("paid", False),
                paid_note=data.get("paid_note", ""),
                by=request.user,
            )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # A seat is ended, not deleted: the history of who sat when is the network's record (R12).
        return False


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    fields = ["person", "organisation", "via", "status", "term_years", "nominated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Election)
class ElectionAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "body__network"
    network_choices = {"body": "network"}
    list_display = ["year", "body", "status", "terms_start_on", "nomination_deadline", "run_link"]
    list_select_related = ["body"]
    list_filter = ["status"]
    readonly_fields = ["status", "decided_on", "constituted_on", "opened_by", "opened_at", "run_link"]
    inlines = [NominationInline]

    @admin.display(description=_("Gjennomfør valget"))
    def run_link(self, obj):
        if not obj.pk:
            return ""
        # The election's page is in its body's network.
        url = reverse_in_network(obj.body.network_id, "governance:election_detail", year=obj.year)
        return format_html('<a href="{}">{}</a>', url, _("Åpne valgsiden"))

    def has_add_permission(self, request):
        return False  # opened on the election page, which checks the year and dates

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "election__body__network"
    list_display = ["person", "organisation", "election", "via", "status", "term_years"]
    list_filter = [("election", admin.RelatedOnlyFieldListFilter), "status", "via"]
    search_fields = ["person__first_name", "person__last_name", "organisation__name"]
    readonly_fields = [
        "election",
        "person",
        "organisation",
        "via",
        "nominated_by",
        "nominated_at",
        "status",
        "term_years",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "body__network"
    list_display = ["person", "organisation", "body", "status", "requested_at", "decided_at"]
    list_filter = ["status", ("body", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__first_name", "person__last_name", "organisation__name"]
    readonly_fields = [f.name for f in JoinRequest._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(GenderBalanceCheck)
class GenderBalanceCheckAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    list_display = ["checked_on", "scope", "size", "women", "men", "unknown", "required_each", "verdict", "advice"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "verdict", "checked_on"]
    search_fields = ["scope"]
    date_hierarchy = "checked_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
