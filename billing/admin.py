"""The billing admin: each person sees and changes the rows of the networks they handle only (R12, R13)."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.admin_scope import NetworkScopedAdmin
from members.roles import coordinated_network_ids

from . import queries
from .amounts import AmountField, kroner_to_ore
from .models import (
    CreditBalanceEntry,
    DeliveryLog,
    DuesRun,
    DuesSchedule,
    DuesTier,
    Invoice,
    InvoiceLine,
    Issuer,
    NetworkBilling,
    OcrImport,
    Payment,
    Reminder,
)
from .roles import billed_network_ids


def _billing_network_ids(request) -> frozenset[int]:
    """The networks whose billing the person handles: those they coordinate and those their issuers invoice."""
    return coordinated_network_ids(request.user) | billed_network_ids(request.user)


class BillingScopedAdmin(NetworkScopedAdmin):
    """Billing rows of the networks the person handles (a superuser: all), R12, R13."""

    def admin_network_ids(self, request) -> frozenset[int]:
        return _billing_network_ids(request)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Issued documents and logs: visible, never changed or deleted here (R4)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DuesTierForm(forms.ModelForm):
    """A tier's amount typed in kroner, decimal notation only (billing.amounts), stored in øre."""

    amount = AmountField(label=_("Beløp (kr)"))

    class Meta:
        model = DuesTier
        fields = ["kind", "population_min", "population_max", "label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.amount_ore:
            self.initial["amount"] = Decimal(self.instance.amount_ore) / 100

    def save(self, commit=True):
        self.instance.amount_ore = kroner_to_ore(self.cleaned_data["amount"])
        return super().save(commit=commit)


class DuesTierInline(admin.TabularInline):
    model = DuesTier
    form = DuesTierForm
    extra = 0


@admin.register(DuesSchedule)
class DuesScheduleAdmin(BillingScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "network", "valid_from"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]
    inlines = [DuesTierInline]


def _visible_issuers(request, admin_network_ids: frozenset[int]):
    """The issuers of the person's networks, and those they administer; every issuer for a superuser."""
    issuers = Issuer.objects.all()
    if request.user.is_superuser:
        return issuers
    return issuers.filter(
        Q(pk__in=NetworkBilling.objects.filter(network__in=admin_network_ids).values("issuer"))
        | Q(pk__in=Issuer.billing_admins.through.objects.filter(user=request.user).values("issuer"))
    )


@admin.register(Issuer)
class IssuerAdmin(SimpleHistoryAdmin):
    """Issuers: several may exist; none is deleted here (their invoices and number sequences refer to them).

    A person sees the issuers of their networks (and those they administer); one that also invoices
    networks they do not handle is changed by its billing administrators only (billing.queries)."""

    list_display = ["issuer_name", "issuer_org_number", "bank_account", "kid_prefix", "due_days"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=_visible_issuers(request, _billing_network_ids(request)).values("pk"))

    def _visible(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        issuer_id = getattr(obj, "id", None)
        return self.get_queryset(request).filter(pk=issuer_id).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._visible(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj) or not self._visible(request, obj):
            return False
        if obj is None:
            return True
        issuer = obj if isinstance(obj, Issuer) else Issuer.objects.filter(pk=obj.id).first()
        return issuer is not None and queries.may_change_issuer(request.user, issuer)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NetworkBilling)
class NetworkBillingAdmin(BillingScopedAdmin, SimpleHistoryAdmin):
    """Which issuer invoices each network's dues."""

    list_display = ["network", "issuer"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issuer":
            kwargs["queryset"] = _visible_issuers(request, self.admin_network_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = ["position", "description", "quantity", "unit_price_ore", "amount_ore"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    list_display = [
        "number",
        "type",
        "buyer_name",
        "dues_year",
        "issue_date",
        "due_date",
        "amount_ore",
        "kid",
        "sent_at",
    ]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter), "type", "purpose", "dues_year", "tier_label"]
    search_fields = ["number", "kid", "buyer_name", "buyer_org_number", "buyer_reference"]
    date_hierarchy = "issue_date"
    inlines = [InvoiceLineInline]
    list_select_related = ["organisation"]


@admin.register(Payment)
class PaymentAdmin(BillingScopedAdmin, ReadOnlyAdmin, SimpleHistoryAdmin):
    """A payment is its invoice's network's; an unmatched one, its OCR import's network's."""

    list_display = ["paid_on", "amount_ore", "kid", "invoice", "source", "ocr_import"]
    list_filter = ["source", ("invoice", admin.EmptyFieldListFilter)]
    search_fields = ["kid", "reference", "invoice__number", "invoice__buyer_name"]
    list_select_related = ["invoice", "ocr_import"]

    def get_queryset(self, request):
        queryset = super(NetworkScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return queryset
        ids = self.admin_network_ids(request)
        return queryset.filter(Q(invoice__network__in=ids) | Q(invoice__isnull=True, ocr_import__network__in=ids))

    def in_admin_networks(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        owner = obj.invoice if obj.invoice_id else obj.ocr_import
        return owner is not None and owner.network_id in self.admin_network_ids(request)


@admin.register(CreditBalanceEntry)
class CreditBalanceEntryAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    """The credit ledger is written by the billing pages' services only; here it is read."""

    list_display = [
        "created_at",
        "organisation",
        "network",
        "kind",
        "amount_ore",
        "source_invoice",
        "invoice",
        "refunded_on",
    ]
    list_filter = ["kind"]
    search_fields = ["organisation__name", "invoice__number", "source_invoice__number", "bank_account"]
    list_select_related = ["organisation", "invoice", "source_invoice"]


@admin.register(OcrImport)
class OcrImportAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    list_display = ["filename", "network", "imported_at", "transaction_count", "total_ore", "imported_by"]
    search_fields = ["filename", "transmission_number"]


@admin.register(DeliveryLog)
class DeliveryLogAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    network_path = "invoice__network"
    list_display = ["invoice", "kind", "recipient", "attempted_at", "succeeded"]
    list_filter = ["kind", "succeeded"]
    search_fields = ["recipient", "invoice__number"]


@admin.register(Reminder)
class ReminderAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    network_path = "invoice__network"
    list_display = ["invoice", "level", "sent_on", "recipient"]
    list_filter = ["level"]
    search_fields = ["invoice__number", "invoice__buyer_name"]


@admin.register(DuesRun)
class DuesRunAdmin(BillingScopedAdmin, ReadOnlyAdmin):
    list_display = ["year", "network", "status", "done", "total", "issued", "skipped", "started_at", "finished_at"]
    list_filter = ["status"]
