"""Forms of the member portal. They validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ContactRoleKind, Membership, Network, Person
from .periods import months_in_words
from .validators import normalise_text, validate_name


class ContactPersonForm(forms.ModelForm):
    """A contact person's details (R2). Names need a letter and no control characters, the phone
    number is stored as E.164, a postal code has four digits and its place name (the validators are
    the model's, in members/validators.py)."""

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "title",
            "email",
            "phone",
            "street_address",
            "postal_code",
            "postal_place",
            "gender",
            "preferred_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "email", "phone"):
            self.fields[name].required = True
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        self.fields["postal_place"].widget.attrs.update({"autocomplete": "address-level2"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel"})

    def clean(self):
        cleaned = super().clean()
        for name in Person.TEXT_FIELDS:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = normalise_text(cleaned[name])
        return cleaned


class ContactKindChoiceField(forms.ModelChoiceField):
    """The network's kinds of contact role; prefixed with the network where the organisation is in several."""

    def __init__(self, *args, several_networks: bool = False, **kwargs):
        self.several_networks = several_networks
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.network.label}: {obj.reader_name}" if self.several_networks else obj.reader_name


class NewContactForm(ContactPersonForm):
    make_primary = forms.BooleanField(label=_("Gjør til hovedkontakt"), required=False)
    send_invitation = forms.BooleanField(label=_("Send invitasjon til medlemsportalen"), required=False, initial=True)

    def __init__(self, *args, kinds=None, **kwargs):
        """`kinds`: the contact-role kinds to choose from (members.queries.contact_kinds_for); with one
        or none there is nothing to choose."""
        super().__init__(*args, **kwargs)
        kinds = list(kinds) if kinds is not None else []
        if len(kinds) > 1:
            self.fields["kind"] = ContactKindChoiceField(
                queryset=ContactRoleKind.objects.filter(pk__in=[k.pk for k in kinds]).select_related("network"),
                label=_("Rolle"),
                empty_label=None,
                several_networks=len({k.network_id for k in kinds}) > 1,
            )
            self.fields["kind"].choices = [(k.pk, self.fields["kind"].label_from_instance(k)) for k in kinds]
            self.order_fields(["kind"])
        self.single_kind = kinds[0] if len(kinds) == 1 else None

    def chosen_kind(self):
        return self.cleaned_data.get("kind") or self.single_kind


class ResignationForm(forms.Form):
    """Written notice (R5): the terms stated, typed name and title as signature."""

    signed_by_name = forms.CharField(label=_("Ditt fulle navn"), max_length=120, validators=[validate_name])
    signed_by_title = forms.CharField(label=_("Din tittel"), max_length=80, validators=[validate_name])
    accept_terms = forms.BooleanField(
        error_messages={"required": _("Du må bekrefte vilkårene for oppsigelse.")},
    )
    authorised = forms.BooleanField(
        label=_("Jeg har fullmakt til å si opp medlemskapet på vegne av organisasjonen."),
        error_messages={"required": _("Du må bekrefte at du har fullmakt.")},
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        # The terms are the network's (R13): its notice period, and whether paid dues are kept.
        period = months_in_words(network.notice_months)
        if network.has_dues and not network.refund_on_resignation:
            label = _("Jeg bekrefter at oppsigelsestiden er %(period)s og at betalt kontingent ikke refunderes.")
        else:
            label = _("Jeg bekrefter at oppsigelsestiden er %(period)s.")
        self.fields["accept_terms"].label = label % {"period": period}


class LetterNoticeForm(forms.Form):
    """A notice the coordinator received by letter, registered with its received date."""

    received_on = forms.DateField(
        label=_("Mottatt dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    signed_by_name = forms.CharField(label=_("Signert av (navn)"), max_length=120, validators=[validate_name])
    signed_by_title = forms.CharField(label=_("Tittel"), max_length=80, validators=[validate_name])

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Mottatt dato kan ikke være fram i tid."))
        return value


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minst åtte tegn, ikke bare tall, og ikke for likt e-postadressen din."),
    )
    password2 = forms.CharField(
        label=_("Gjenta passordet"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user_email: str = "", **kwargs):
        self.user_email = user_email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Passordene er ikke like."))
        elif first:
            from .models import User

            try:
                password_validation.validate_password(first, User(email=self.user_email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _date_field(label, required=True):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ActivateMembershipForm(forms.Form):
    """The coordinator records the political decision and the signed agreement (R1)."""

    joined_on = _date_field(_("Medlem fra"))
    political_decision_on = _date_field(_("Dato for politisk vedtak"), required=False)
    political_decision_body = forms.CharField(label=_("Vedtaksorgan"), max_length=120, required=False)
    political_decision_reference = forms.CharField(label=_("Saksnummer for vedtaket"), max_length=60, required=False)
    agreement_signed_on = _date_field(_("Avtale signert"))
    signatory_name = forms.CharField(label=_("Signert av"), max_length=120)
    signatory_title = forms.CharField(label=_("Tittel til den som signerte"), max_length=120)
    approving_authority = forms.ChoiceField(
        label=_("Godkjent av"), choices=[("", "–"), *Membership.ApprovingAuthority.choices], required=False
    )


class RenewAgreementForm(forms.Form):
    signed_on = _date_field(_("Ny avtale signert"))
    signatory_name = forms.CharField(label=_("Signert av"), max_length=120, required=False)
    signatory_title = forms.CharField(label=_("Tittel"), max_length=120, required=False)

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Signeringsdatoen kan ikke være fram i tid."))
        return value
