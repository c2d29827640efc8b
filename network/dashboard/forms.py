from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from network.models import BulkEmail


class BulkEmailForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Mottakere"), choices=BulkEmail.Audience.choices, initial="primary", widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Emne"), max_length=200, validators=[ProhibitNullCharactersValidator()])
    body = forms.CharField(
        label=_("Tekst"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[ProhibitNullCharactersValidator()],
    )

    def __init__(self, *args, recipients: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Each choice says how many people it reaches ("Primærkontakter (12)"), in its label.
        if recipients is not None:
            self.fields["audience"].choices = [
                (value, f"{label} ({recipients.get(value, 0)})") for value, label in BulkEmail.Audience.choices
            ]
