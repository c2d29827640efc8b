from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .models import BulkEmail


class BulkEmailForm(forms.Form):
    audience = forms.ChoiceField(label=_("Mottakere"), choices=BulkEmail.Audience.choices, initial="primary",
                                 widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Emne"), max_length=200, validators=[ProhibitNullCharactersValidator()])
    body = forms.CharField(label=_("Tekst"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 10}),
                           validators=[ProhibitNullCharactersValidator()])
