from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreementTerms, ContactRole, Membership, Organisation, Person, PopulationFigure, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personalia"), {"fields": ("first_name", "last_name")}),
        (_("Tilganger"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Viktige datoer"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class PopulationFigureInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0
    ordering = ["-reference_date"]


class ContactRoleInline(admin.TabularInline):
    model = ContactRole
    extra = 0
    autocomplete_fields = ["person"]
    readonly_fields = ["created_at"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["status", "joined_on", "agreement_ends_on", "notice_effective_on", "ended_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MembershipStatusFilter(admin.SimpleListFilter):
    title = _("medlemsstatus")
    parameter_name = "membership_status"

    def lookups(self, request, model_admin):
        return [*Membership.Status.choices, ("none", _("Ikke medlem"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.exclude(memberships__status__in=Membership.GOOD_STANDING)
        if self.value():
            return queryset.filter(memberships__status=self.value()).distinct()
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "number", "org_number", "latest_population", "invoice_email"]
    list_filter = ["kind", MembershipStatusFilter, "org_number_to_confirm"]
    search_fields = ["name", "number", "org_number", "invoice_email", "people__email", "people__last_name"]
    inlines = [MembershipInline, ContactRoleInline, PopulationFigureInline]
    fieldsets = (
        (None, {"fields": ("kind", "number", "name", "org_number", "org_number_to_confirm")}),
        (_("Adresse"), {"fields": ("street_address", "postal_code", "postal_place", "website")}),
        (_("Faktura"), {"fields": ("invoice_email", "invoice_reference", "preferred_language")}),
    )

    def get_queryset(self, request):
        latest = PopulationFigure.objects.filter(organisation=OuterRef("pk")).order_by("-reference_date")
        return super().get_queryset(request).annotate(_population=Subquery(latest.values("population")[:1]))

    @admin.display(description=_("folketall"), ordering="_population")
    def latest_population(self, obj):
        return obj._population


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = [
        "organisation",
        "status",
        "joined_on",
        "political_decision_on",
        "agreement_ends_on",
        "notice_effective_on",
    ]
    list_filter = ["status", "organisation__kind", "approving_authority"]
    search_fields = ["organisation__name", "organisation__number", "organisation__org_number"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "joined_on"

    def has_delete_permission(self, request, obj=None):
        # Memberships are history: they end, they are never deleted (R5, R12).
        return False


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "title", "organisation", "email", "phone", "gender"]
    list_filter = ["gender", "organisation__kind"]
    search_fields = ["first_name", "last_name", "email", "phone", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "user"]
    readonly_fields = ["anonymised_at"]


@admin.register(ContactRole)
class ContactRoleAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organisation", "is_primary", "created_at"]
    list_filter = ["is_primary", "organisation__kind"]
    search_fields = ["person__first_name", "person__last_name", "person__email", "organisation__name"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "population", "reference_date", "source"]
    list_filter = ["reference_date", "organisation__kind"]
    search_fields = ["organisation__name", "organisation__number"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(AgreementTerms)
class AgreementTermsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "notice_months", "agreement_years", "renewal_reminder_months", "refund_on_resignation"]

    def has_add_permission(self, request):
        return not AgreementTerms.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
