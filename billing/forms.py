from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import FIRST_DUES_YEAR, BillingSettings
from .queries import Status
from .tier_labels import tier_label


def kroner_to_ore(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal("1")))


class InvoiceFilterForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=FIRST_DUES_YEAR, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle"))] + Status.CHOICES)
    tier = forms.CharField(label=_("Kontingenttrinn"), required=False)
    overdue = forms.BooleanField(label=_("Bare forfalte"), required=False)
    q = forms.CharField(label=_("Søk (navn, nummer, KID)"), required=False, max_length=100)

    def __init__(self, *args, tiers: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"] = forms.ChoiceField(
            label=_("Kontingenttrinn"), required=False, choices=[("", _("Alle"))] + [(t, tier_label(t)) for t in tiers]
        )


class DuesRunForm(forms.Form):
    year = forms.IntegerField(label=_("Kontingentår"), min_value=FIRST_DUES_YEAR)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("Kontingent kan ikke faktureres så langt fram i tid."))
        return year


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Beløp (kr)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2, localize=True
    )
    paid_on = forms.DateField(label=_("Betalt dato"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Referanse"), required=False, max_length=100)
    note = forms.CharField(label=_("Merknad"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("Betalingsdatoen kan ikke være fram i tid."))
        return paid_on


class CreditNoteForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Beløp å kreditere (kr)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        required=False,
        help_text=_("La stå tomt for å kreditere hele det gjenstående beløpet."),
    )
    reason = forms.CharField(label=_("Begrunnelse"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class OcrImportForm(forms.Form):
    file = forms.FileField(label=_("OCR-fil fra Nets"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er for stor (maks 5 MB)."))
        return file


class BillingSettingsForm(forms.ModelForm):
    class Meta:
        model = BillingSettings
        fields = [
            "issuer_name",
            "issuer_org_number",
            "issuer_in_foretaksregisteret",
            "street_address",
            "postal_code",
            "postal_place",
            "bank_account",
            "email",
            "due_days",
            "first_reminder_days",
            "second_reminder_days",
        ]

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first_reminder_days"), cleaned.get("second_reminder_days")
        if first is not None and second is not None and second <= first:
            self.add_error("second_reminder_days", _("Andre purring må komme etter den første."))
        return cleaned
