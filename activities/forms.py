"""Forms for activities. They collect input; the services decide and store."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Person

from .models import Event
from .services.events import EVENT_FIELDS


class PublicRegistrationForm(forms.Form):
    """Registration without an account. `website` is a honeypot: people never see it, bots fill it."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisasjon"), max_length=200, required=False)
    website = forms.CharField(
        label=_("Ikke fyll ut dette feltet"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), max_length=254, required=False)
    organisation_name = forms.CharField(label=_("Organisasjon"), max_length=200, required=False)


class ColleagueForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), max_length=254)


class PeopleForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Personer fra organisasjonen"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people if people is not None else Person.objects.none()


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("Deltakerliste (CSV)"),
        help_text=_("Kolonner: navn, e-post, organisasjon. Komma eller semikolon. Første linje kan være overskrifter."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er for stor (over 2 MB)."))
        return upload


class MatchRowForm(forms.Form):
    """Who an unmatched participant is: one of `people` (the network's, activities.queries.network_people)."""

    person = forms.ModelChoiceField(
        label=_("Hvem er dette?"),
        queryset=Person.objects.filter(anonymised_at__isnull=True),
        required=False,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=_("Eller finn personen med e-post"), required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        email = (cleaned.get("email") or "").strip()
        if person is None and email:
            person = self.fields["person"].queryset.filter(email__iexact=email).first()
            if person is None:
                self.add_error("email", _("Fant ingen person med denne e-postadressen."))
        if person is None and not self.errors:
            raise forms.ValidationError(_("Velg en person eller skriv inn en e-postadresse."))
        cleaned["person"] = person
        return cleaned


class EventForm(forms.ModelForm):
    video_url = forms.URLField(label=_("Videolenke"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)  # what the services write: a field added there is on the form
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "registration_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    # A year like 0001 is a typing slip, and at the calendar's edge the conversion to UTC overflows
    # (a 500 on SQLite): such times get a clear error instead.
    EARLIEST_YEAR, LATEST_YEAR = 2000, 2100

    def _within_calendar(self, field: str):
        value = self.cleaned_data.get(field)
        if value is not None and not self.EARLIEST_YEAR <= value.year <= self.LATEST_YEAR:
            raise forms.ValidationError(
                _("Velg et tidspunkt mellom år %(first)s og %(last)s."),
                code="out_of_range",
                params={"first": self.EARLIEST_YEAR, "last": self.LATEST_YEAR},
            )
        return value

    def clean_starts_at(self):
        return self._within_calendar("starts_at")

    def clean_ends_at(self):
        return self._within_calendar("ends_at")

    def clean_registration_deadline(self):
        return self._within_calendar("registration_deadline")
