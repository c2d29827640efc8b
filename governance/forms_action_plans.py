"""Forms of the action plans. They only collect input; the services decide and save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionPlanForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tittel"), max_length=200)
    summary = forms.CharField(
        label=_("Sammendrag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hovedpunktene, eller fokuslisten for året."),
    )
    document = forms.FileField(label=_("Dokument"), required=False, help_text=_("PDF, Word eller lignende."))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]


class AdoptActionPlanForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Vedtatt dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    adopted_by = forms.CharField(
        label=_("Vedtatt av"),
        max_length=200,
        help_text=_("For eksempel organet og saksnummeret."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"adopted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
