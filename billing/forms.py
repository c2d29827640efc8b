from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.no import kontonr

from .amounts import AmountField, kroner_to_ore
from .models import FIRST_DUES_YEAR, DuesRunChoice, Issuer
from .queries import Status
from .services.credit import kroner
from .tier_labels import tier_label

__all__ = ["AmountField", "kroner_to_ore"]


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


ALL_KEEP = ""


class DuesRunChoicesForm(forms.Form):
    """The coordinator's choice for each member the run lists, per reason, plus "the same for all".

    Fields are named `<reason>-<membership id>`; a radio group each, so it works without JavaScript.
    """

    REASON_CHOICES = {
        DuesRunChoice.Reason.AGREEMENT_ENDED: [
            (DuesRunChoice.Choice.HOLD, _("Hold igjen")),
            (DuesRunChoice.Choice.INCLUDE, _("Fakturer likevel")),
        ],
        DuesRunChoice.Reason.NO_EHF: [
            (DuesRunChoice.Choice.HOLD, _("Hold igjen")),
            (DuesRunChoice.Choice.PDF_ONLY, _("Fakturer som PDF (uten EHF)")),
        ],
    }

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.listed: dict[str, list] = {reason: [] for reason in self.REASON_CHOICES}
        for plan in plans:
            for reason in plan.listed_for:
                name = f"{reason}-{plan.membership.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=plan.organisation.name,
                    choices=self.REASON_CHOICES[reason],
                    initial=plan.choice(reason),
                    widget=forms.RadioSelect(attrs={"class": "ds-input"}),
                )
                self.listed[reason].append((plan, self[name]))
        for reason, choices in self.REASON_CHOICES.items():
            if self.listed[reason]:
                self.fields[f"all-{reason}"] = forms.ChoiceField(
                    label=_("Samme valg for alle på listen"),
                    choices=[(ALL_KEEP, _("Valget per medlem"))] + choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "ds-input"}),
                    initial=ALL_KEEP,
                )

    def all_field(self, reason: str):
        return self[f"all-{reason}"] if f"all-{reason}" in self.fields else None

    def choices(self) -> dict[tuple[int, str], str]:
        """{(membership id, reason): choice}, "the same for all" overriding each member's."""
        result = {}
        for reason, rows in self.listed.items():
            for_all = self.cleaned_data.get(f"all-{reason}") or ALL_KEEP
            for plan, bound in rows:
                result[(plan.membership.pk, reason)] = for_all or self.cleaned_data[bound.name]
        return result


class PaymentForm(forms.Form):
    amount = AmountField(label=_("Beløp (kr)"))
    paid_on = forms.DateField(label=_("Betalt dato"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Referanse"), required=False, max_length=100)
    note = forms.CharField(label=_("Merknad"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Asked only when the amount is above what is outstanding: the surplus shown is the one confirmed.
    confirm_overpayment = forms.BooleanField(
        label=_("Ja, registrer hele beløpet og før overskuddet som kreditsaldo for medlemmet"),
        required=False,
        widget=forms.HiddenInput,
    )
    confirmed_surplus_ore = forms.IntegerField(
        required=False, min_value=0, max_value=10_000_000_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_payment_%s")  # unique ids: the page has more than one form
        super().__init__(*args, **kwargs)

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("Betalingsdatoen kan ikke være fram i tid."))
        return paid_on

    @property
    def confirmed_surplus(self) -> int | None:
        """The surplus (øre) the user saw and confirmed, or None."""
        if not self.cleaned_data.get("confirm_overpayment"):
            return None
        return self.cleaned_data.get("confirmed_surplus_ore")

    def ask_to_confirm(self, *, surplus_ore: int, message: str) -> PaymentForm:
        """The same form again, now with the confirmation checkbox for this surplus and `message` on it."""
        data = self.data.copy()
        data["confirmed_surplus_ore"] = str(surplus_ore)
        data.pop("confirm_overpayment", None)
        form = PaymentForm(data)
        form.fields["confirm_overpayment"].widget = forms.CheckboxInput()
        form.is_valid()
        form.add_error("confirm_overpayment", message)
        form.surplus_ore = surplus_ore
        return form


class CreditNoteForm(forms.Form):
    amount = AmountField(
        label=_("Beløp å kreditere (kr)"),
        required=False,
        help_text=_("La stå tomt for å kreditere hele det gjenstående beløpet. Sifre, for eksempel 12 500,50."),
    )
    reason = forms.CharField(label=_("Begrunnelse"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_credit_%s")  # unique ids: the page has more than one form
        super().__init__(*args, **kwargs)


class RefundForm(forms.Form):
    """Paying (part of) a member's credit balance back to its bank account."""

    amount = AmountField(label=_("Beløp tilbakebetalt (kr)"))
    refunded_on = forms.DateField(label=_("Tilbakebetalt dato"), widget=forms.DateInput(attrs={"type": "date"}))
    bank_account = forms.CharField(
        label=_("Til kontonummer"),
        max_length=20,
        help_text=_("Medlemmets kontonummer, 11 sifre (for eksempel 1234.56.78903)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    note = forms.CharField(label=_("Merknad"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_refund_%s")  # unique ids: the page has more than one form
        super().__init__(*args, **kwargs)

    def clean_refunded_on(self):
        refunded_on = self.cleaned_data["refunded_on"]
        if refunded_on > timezone.localdate():
            raise forms.ValidationError(_("Tilbakebetalingsdatoen kan ikke være fram i tid."))
        if refunded_on < datetime.date(FIRST_DUES_YEAR, 1, 1):
            raise forms.ValidationError(_("Tilbakebetalingsdatoen kan ikke være før 2023."))
        return refunded_on

    def clean_bank_account(self):
        value = self.cleaned_data["bank_account"]
        if not kontonr.is_valid(value):
            raise forms.ValidationError(_("Kontonummeret må ha 11 sifre med gyldig kontrollsiffer (MOD11)."))
        return kontonr.compact(value)


class SetOffForm(forms.Form):
    """Setting a member's credit balance against one of its open invoices."""

    invoice = forms.TypedChoiceField(label=_("Faktura"), coerce=int)
    amount = AmountField(
        label=_("Beløp å motregne (kr)"),
        required=False,
        help_text=_("La stå tomt for hele kreditsaldoen eller hele det utestående, det som er minst."),
    )

    def __init__(self, *args, invoices=(), **kwargs):
        kwargs.setdefault("auto_id", "id_set_off_%s")  # unique ids: the page has more than one form
        super().__init__(*args, **kwargs)
        self.fields["invoice"].choices = [
            (
                invoice.pk,
                _("Faktura %(number)s – %(subject)s – utestående %(outstanding)s kr")
                % {
                    "number": invoice.number,
                    "subject": invoice.subject,
                    "outstanding": kroner(invoice.outstanding_ore),
                },
            )
            for invoice in invoices
        ]


class OcrImportForm(forms.Form):
    file = forms.FileField(label=_("OCR-fil fra Nets"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er for stor (maks 5 MB)."))
        return file


class IssuerForm(forms.ModelForm):
    class Meta:
        model = Issuer
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
