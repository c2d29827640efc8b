from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

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
class DuesScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "network", "valid_from"]
    list_filter = ["network"]
    inlines = [DuesTierInline]


@admin.register(Issuer)
class IssuerAdmin(SimpleHistoryAdmin):
    """Issuers: several may exist; none is deleted here (their invoices and number sequences refer to them)."""

    list_display = ["issuer_name", "issuer_org_number", "bank_account", "kid_prefix", "due_days"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NetworkBilling)
class NetworkBillingAdmin(SimpleHistoryAdmin):
    """Which issuer invoices each network's dues."""

    list_display = ["network", "issuer"]

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
class InvoiceAdmin(ReadOnlyAdmin):
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
    list_filter = ["type", "purpose", "dues_year", "tier_label"]
    search_fields = ["number", "kid", "buyer_name", "buyer_org_number", "buyer_reference"]
    date_hierarchy = "issue_date"
    inlines = [InvoiceLineInline]
    list_select_related = ["organisation"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["paid_on", "amount_ore", "kid", "invoice", "source", "ocr_import"]
    list_filter = ["source", ("invoice", admin.EmptyFieldListFilter)]
    search_fields = ["kid", "reference", "invoice__number", "invoice__buyer_name"]
    list_select_related = ["invoice", "ocr_import"]


@admin.register(CreditBalanceEntry)
class CreditBalanceEntryAdmin(ReadOnlyAdmin):
    """The credit ledger is written by the billing pages' services only; here it is read."""

    list_display = ["created_at", "organisation", "kind", "amount_ore", "source_invoice", "invoice", "refunded_on"]
    list_filter = ["kind"]
    search_fields = ["organisation__name", "invoice__number", "source_invoice__number", "bank_account"]
    list_select_related = ["organisation", "invoice", "source_invoice"]


@admin.register(OcrImport)
class OcrImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "imported_at", "transaction_count", "total_ore", "imported_by"]
    search_fields = ["filename", "transmission_number"]


@admin.register(DeliveryLog)
class DeliveryLogAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "kind", "recipient", "attempted_at", "succeeded"]
    list_filter = ["kind", "succeeded"]
    search_fields = ["recipient", "invoice__number"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "level", "sent_on", "recipient"]
    list_filter = ["level"]
    search_fields = ["invoice__number", "invoice__buyer_name"]


@admin.register(DuesRun)
class DuesRunAdmin(ReadOnlyAdmin):
    list_display = ["year", "network", "status", "done", "total", "issued", "skipped", "started_at", "finished_at"]
    list_filter = ["status"]
