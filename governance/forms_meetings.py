"""Forms of meetings and cases. They only collect input; the services decide and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from members.networks import current_network

from .models import Body, BodyKind, Case, Meeting
from .services.meetings import MAX_ATTACHMENT_BYTES, validate_attachment


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Organ"), queryset=Body.objects.none(), empty_label=None)
    date = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts_at = forms.TimeField(label=_("Starter"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends_at = forms.TimeField(
        label=_("Slutter"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Videolenke"), max_length=500, required=False, assume_scheme="https", help_text=_("Teams, Zoom e.l.")
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["body"]
        else:
            # The bodies of the page's network: another network's body is no valid choice.
            self.fields["body"].queryset = Body.objects.filter(
                network=current_network(), kind__in=[BodyKind.STEERING_GROUP, BodyKind.WORKING_GROUP]
            ).order_by("kind", "name")

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("video_link") and "place" not in self.errors:
            self.add_error("place", _("Oppgi sted eller videolenke (eller begge)."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Møtet må slutte etter at det starter."))
        return data


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    background = forms.CharField(
        label=_("Bakgrunn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **fet**, *kursiv*, lister med - og lenker som [tekst](https://…)."),
    )
    proposed_decision = forms.CharField(
        label=_("Forslag til vedtak"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    presenter = forms.CharField(label=_("Saksansvarlig"), max_length=200, required=False)
    confidential = forms.BooleanField(
        label=_("Fortrolig: kun for styringsgruppen"),
        required=False,
        help_text=_("Medlemmene ser ikke saken på sakslisten, i PDF-en, i kalenderen eller i vedtaksregisteret."),
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict:
        return {
            "title": case.title,
            "background": case.background,
            "proposed_decision": case.proposed_decision,
            "presenter": case.presenter,
            "confidential": case.is_confidential,
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word, Excel, PowerPoint, PNG eller JPG, høyst %(mb)d MB.")
        % {"mb": MAX_ATTACHMENT_BYTES // 1024 // 1024},
    )
    title = forms.CharField(label=_("Tittel på vedlegget"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_attachment(upload)
        return upload


class MoveCaseForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Flytt til møtet"), queryset=Meeting.objects.none(), empty_label=None)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        current = case.meeting
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(
                body=case.body,
                status__in=[Meeting.Status.PLANNED, Meeting.Status.AGENDA_PUBLISHED],
                date__gt=current.date,
            )
            .select_related("body")
            .order_by("date", "starts_at")
        )
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%d.%m.%Y} kl. {m.starts_at:%H:%M}"


class MinutesForm(forms.Form):
    other_attendees = forms.CharField(
        label=_("Andre til stede"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes_notes = forms.CharField(
        label=_("Merknader i protokollen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
