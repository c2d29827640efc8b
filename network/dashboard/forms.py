from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from members.models import Network
from members.network_models import MAX_NOTICE_MONTHS
from members.services import LOGO_FIELD, TERMS_FIELDS
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NetworkTermsForm(forms.ModelForm):
    """The network's identity and agreement terms, as the coordinator changes them (R13). The model's
    validators and clean() check the values; members.services.update_network_terms stores them."""

    IDENTITY = ("name", "short_name", "logo", "remove_logo", "tagline", "tagline_en", "public_intro", "public_intro_en")
    IDENTITY += ("sender_email",)

    remove_logo = forms.BooleanField(label=_("Fjern logoen"), required=False)

    class Meta:
        model = Network
        fields = (*TERMS_FIELDS, LOGO_FIELD)
        widgets = {
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "public_intro": forms.Textarea(attrs={"rows": 6}),
            "public_intro_en": forms.Textarea(attrs={"rows": 6}),
            "notice_months": forms.NumberInput(attrs={"min": 1, "max": MAX_NOTICE_MONTHS}),
            "agreement_starts_on": DateInput(),
            "agreement_ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo:
            del self.fields["remove_logo"]

    def identity_fields(self):
        return [self[name] for name in self.IDENTITY if name in self.fields]

    def terms_fields(self):
        return [self[name] for name in self._meta.fields if name not in self.IDENTITY]

    def logo_change(self) -> dict:
        """The logo as the coordinator left it: a new file, none (removed), or unchanged ({})."""
        if self.files.get(LOGO_FIELD):
            return {LOGO_FIELD: self.cleaned_data[LOGO_FIELD]}
        if self.cleaned_data.get("remove_logo"):
            return {LOGO_FIELD: ""}
        return {}
