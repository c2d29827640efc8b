from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .admin_scope import NetworkScopedAdmin
from .models import (
    ContactRole,
    Invitation,
    Membership,
    Network,
    Organisation,
    Person,
    PopulationFigure,
    Succession,
    User,
)
from .obligation_hooks import obligation_choices
from .role_admin import ContactRoleKindInline, MembershipRoleKindInline, NoticeAddresseeInline
from .roles import coordinated_network_ids
from .validators import format_phone, phone_to_e164


class OrganisationScopedAdmin(NetworkScopedAdmin):
    """Rows of an organisation (`organisation_path` from the row to it; "" for the organisation itself):
    those of organisations with a membership of the person's networks, or of none yet (a party any
    coordinator may take in). Another network's member is absent, as with NetworkScopedAdmin."""

    organisation_path = "organisation"

    def _visible(self, request, organisation: OuterRef) -> Q:
        return Q(
            Exists(Membership.objects.filter(organisation=organisation, network_id__in=self.admin_network_ids(request)))
        ) | ~Q(Exists(Membership.objects.filter(organisation=organisation)))

    def get_queryset(self, request):
        queryset = super(NetworkScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(self._visible(request, OuterRef(self.organisation_path or "pk")))

    def in_admin_networks(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        # A row, or a historical version of one (its `id` is the row's).
        organisation_id = getattr(obj, f"{self.organisation_path}_id" if self.organisation_path else "id", None)
        return Organisation.objects.filter(self._visible(request, OuterRef("pk")), pk=organisation_id).exists()


class ScopedInline:
    """An inline on an organisation lists only the rows of the person's networks."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(network_id__in=NetworkScopedAdmin().admin_network_ids(request))


def _run(modeladmin, request, objects, action, done_message):
    """Call a service per object; report successes and Norwegian errors per object."""
    done = 0
    for obj in objects:
        try:
            action(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


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

    def get_queryset(self, request):
        """A coordinator's accounts (R12, R13): those of their networks — coordinators, and people of their
        networks' members — and those of no network yet; never an account of other networks only."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        mine = coordinated_network_ids(request.user)
        coordinates = Network.coordinators.through.objects.filter(user=OuterRef("pk"))
        member_of = Membership.objects.filter(organisation__people__user=OuterRef("pk"))
        in_mine = Q(Exists(coordinates.filter(network__in=mine))) | Q(Exists(member_of.filter(network__in=mine)))
        in_any = Q(Exists(coordinates)) | Q(Exists(member_of))
        return queryset.filter(in_mine | ~in_any)

    # Only a superuser hands out superuser status and single permissions, and only a superuser
    # changes a superuser: the coordinator's change_user must not lift anyone above the roles (R12).
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class PopulationFigureInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0
    ordering = ["-reference_date"]


class ContactRoleInline(ScopedInline, admin.TabularInline):
    model = ContactRole
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["kind", "person", "is_primary", "created_at"]  # the network is the kind's
    readonly_fields = ["created_at"]


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["network", "status", "role", "joined_on", "agreement_ends_on", "notice_effective_on", "ended_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SuccessionInline(admin.TabularInline):
    """The organisations that took over when this one ended; who linked them is kept."""

    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    fields = ["successor", "source", "linked_by", "linked_at"]
    readonly_fields = ["linked_by", "linked_at"]
    verbose_name = _("etterfølger")
    verbose_name_plural = _("etterfølgere (når organisasjonen er avviklet)")


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
class OrganisationAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = ""
    list_display = ["name", "kind", "number", "org_number", "latest_population", "invoice_email", "ended_on"]
    list_filter = ["kind", MembershipStatusFilter, "org_number_to_confirm", ("ended_on", admin.EmptyFieldListFilter)]
    search_fields = ["name", "number", "org_number", "invoice_email", "people__email", "people__last_name"]
    inlines = [MembershipInline, ContactRoleInline, PopulationFigureInline, SuccessionInline]
    fieldsets = (
        (None, {"fields": ("kind", "number", "name", "org_number", "org_number_to_confirm", "ended_on")}),
        (_("Adresse"), {"fields": ("street_address", "postal_code", "postal_place", "website")}),
        (_("Faktura"), {"fields": ("invoice_email", "invoice_reference", "preferred_language")}),
    )

    def get_queryset(self, request):
        latest = PopulationFigure.objects.filter(organisation=OuterRef("pk")).order_by("-reference_date")
        return super().get_queryset(request).annotate(_population=Subquery(latest.values("population")[:1]))

    @admin.display(description=_("folketall"), ordering="_population")
    def latest_population(self, obj):
        return obj._population

    def save_model(self, request, obj, form, change):
        # A corrected organisation number (MOD11-checked by the field) is confirmed by the one who
        # corrected it; the history keeps the old number, who changed it and why.
        if change and "org_number" in form.changed_data:
            if "org_number_to_confirm" not in form.changed_data:
                obj.org_number_to_confirm = False
            obj._change_reason = "Organisasjonsnummer rettet"
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Succession:
            for succession in formset.save(commit=False):
                succession.linked_by = succession.linked_by or request.user
                succession.save()
            for deleted in formset.deleted_objects:
                deleted.delete()
            return
        super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = [
        "organisation",
        "network",
        "status",
        "role",
        "joined_on",
        "political_decision_on",
        "agreement_ends_on",
        "notice_effective_on",
    ]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "status", "organisation__kind", "approving_authority"]
    search_fields = ["organisation__name", "organisation__number", "organisation__org_number"]
    list_select_related = ["organisation", "network", "role"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "joined_on"
    actions = ["register_letter_notice", "withdraw_notice", "end_if_due"]
    # The lifecycle changes through the services (actions and portal pages), never by hand.
    lifecycle_fields = [
        "status",
        "notice_given_on",
        "notice_effective_on",
        "notice_signed_by",
        "notice_channel",
        "ended_on",
        "renewal_reminded_for",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.lifecycle_fields if obj is not None else ["renewal_reminded_for"]

    def has_delete_permission(self, request, obj=None):
        # Memberships are history: they end, they are never deleted (R5, R12).
        return False

    @admin.action(description=_("Registrer oppsigelse mottatt per brev"))
    def register_letter_notice(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Velg ett medlemskap."), messages.WARNING)
            return None
        membership = queryset.get()
        return redirect(reverse("members:register_letter_notice", args=[membership.organisation_id]))

    @admin.action(description=_("Registrer at oppsigelsen er trukket"))
    def withdraw_notice(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.withdraw_notice(membership=m, by=request.user),
            _("Oppsigelsen er trukket for %(count)s medlemskap."),
        )

    @admin.action(description=_("Avslutt medlemskap der oppsigelsen har trådt i kraft"))
    def end_if_due(self, request, queryset):
        ended = [m for m in queryset if services.end_membership(membership=m, by=request.user)]
        self.message_user(request, _("%(count)s medlemskap avsluttet.") % {"count": len(ended)}, messages.SUCCESS)


@admin.register(Person)
class PersonAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "title", "organisation", "email", "phone_display", "gender"]
    list_filter = ["gender", "organisation__kind"]
    search_fields = ["first_name", "last_name", "email", "phone", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "user"]
    readonly_fields = ["anonymised_at"]
    actions = ["invite", "anonymise"]

    @admin.display(description=_("telefon"), ordering="phone")
    def phone_display(self, obj):
        return format_phone(obj.phone)

    def get_search_results(self, request, queryset, search_term):
        # Numbers are stored as E.164: "22 12 34 56" finds "+4722123456".
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        e164 = phone_to_e164(search_term.strip())
        if e164.startswith("+") and e164 != search_term.strip():
            results |= queryset.filter(phone=e164)
        return results, may_have_duplicates

    @admin.action(description=_("Send invitasjon til medlemsportalen"))
    def invite(self, request, queryset):
        def invite_one(person):
            roles = list(person.contact_roles.all())
            if not roles:
                raise ValidationError(_("Bare kontaktpersoner kan inviteres."))
            services.invite_person(person=person, organisation=roles[0].organisation, by=request.user)

        _run(self, request, queryset, invite_one, _("%(count)s invitasjoner sendt."))

    @admin.action(description=_("Anonymiser (navn, e-post, telefon og adresse erstattes)"))
    def anonymise(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda p: services.anonymise_person(person=p, by=request.user),
            _("%(count)s personer anonymisert."),
        )


@admin.register(ContactRole)
class ContactRoleAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    list_display = ["person", "organisation", "kind", "network", "is_primary", "created_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), ("kind", admin.RelatedOnlyFieldListFilter), "is_primary", "organisation__kind"]
    search_fields = ["person__first_name", "person__last_name", "person__email", "organisation__name"]
    list_select_related = ["person", "organisation", "kind", "network"]
    exclude = ["network"]  # the kind's network
    autocomplete_fields = ["person", "organisation"]
    actions = ["invite"]

    @admin.action(description=_("Send invitasjon til medlemsportalen"))
    def invite(self, request, queryset):
        _run(
            self,
            request,
            queryset.select_related("person", "organisation"),
            lambda r: services.invite_person(person=r.person, organisation=r.organisation, by=request.user),
            _("%(count)s invitasjoner sendt."),
        )


@admin.register(PopulationFigure)
class PopulationFigureAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["organisation", "population", "reference_date", "source"]
    list_filter = ["reference_date", "organisation__kind"]
    search_fields = ["organisation__name", "organisation__number"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


class NetworkAdminForm(forms.ModelForm):
    admitted_kinds = forms.TypedMultipleChoiceField(
        label=_("hvem kan være part"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Organisasjonstypene nettverket tar opp. Ingen valgt: alle typer."),
    )
    obligations = forms.TypedMultipleChoiceField(
        label=_("minsteforpliktelser"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Hvilke forpliktelser som sjekkes for hvert medlem hvert år."),
    )

    class Meta:
        model = Network
        fields = ["admitted_kinds", "obligations"]  # the rest come from the admin's fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligations"].choices = obligation_choices() or []


@admin.register(Network)
class NetworkAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    """Each network and its agreement's terms (R13); every change kept in the history."""

    form = NetworkAdminForm
    list_display = ["name", "slug", "parent", "notice_months", "agreement_years", "agreement_ends_on", "has_dues"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactRoleKindInline, MembershipRoleKindInline, NoticeAddresseeInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "parent", "admitted_kinds", "obligations"]}),
        (_("Identitet"), {"fields": ["logo", "sender_email", "public_intro"]}),
        (
            _("Avtalens vilkår"),
            {
                "fields": [
                    "notice_months",
                    "agreement_years",
                    "agreement_starts_on",
                    "agreement_ends_on",
                    "renewable",
                    "renewal_reminder_months",
                    "has_dues",
                    "refund_on_resignation",
                ]
            },
        ),
    ]

    network_path = "pk"

    def in_admin_networks(self, request, obj) -> bool:
        # The network itself, or a historical version of it (its `id` is the network's).
        return obj is None or request.user.is_superuser or obj.id in self.admin_network_ids(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["email", "person", "organisation", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = [("accepted_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["email", "person__first_name", "person__last_name", "organisation__name"]
    list_select_related = ["person", "organisation", "invited_by"]
    readonly_fields = list_display
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send ny invitasjon"))
    def send_again(self, request, queryset):
        _run(
            self,
            request,
            queryset.select_related("person", "organisation"),
            lambda i: services.invite_person(person=i.person, organisation=i.organisation, by=request.user),
            _("%(count)s invitasjoner sendt."),
        )
