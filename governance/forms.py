"""Forms of governance. They collect input; the services decide and store."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person
from members.networks import current_network

from .models import Body, CollaborationArea, Nomination, Term


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DsFormMixin:
    """Text areas three rows high. Class and ARIA come from the form renderer (core/forms_rendering.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


class OpenElectionForm(DsFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Valgår"), min_value=2022, max_value=2100)
    terms_start_on = forms.DateField(label=_("Nye perioder starter"), widget=DateInput())
    nomination_deadline = forms.DateField(label=_("Frist for nominasjon"), widget=DateInput(), required=False)
    notes = forms.CharField(label=_("Merknader"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        next_year = timezone.localdate().year + 1
        self.fields["year"].initial = next_year


def _people_of_members():
    """People of the page's network's members in good standing (one join: the same membership)."""
    from members.models import Membership

    return (
        Person.objects.filter(
            organisation__memberships__status__in=Membership.GOOD_STANDING,
            organisation__memberships__network=current_network(),
            anonymised_at__isnull=True,
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
        .distinct()
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} ({obj.organisation or obj.affiliation})"


class NominationForm(DsFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Kandidat"), queryset=Person.objects.none())
    statement = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea, required=False)

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["person"].queryset = organisation.people.filter(anonymised_at__isnull=True).order_by(
                "last_name", "first_name"
            )
        else:
            self.fields["person"].queryset = _people_of_members()


RESULT_CHOICES = [("", _("Ikke valgt")), ("1", _("Valgt for 1 år")), ("2", _("Valgt for 2 år"))]


class ResultForm(DsFormMixin, forms.Form):
    """One choice per candidate: not elected, elected for 1 year or for 2 years."""

    decided_on = forms.DateField(label=_("Valgt dato (årsmøtet)"), widget=DateInput())

    def __init__(self, *args, nominations: list[Nomination], **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"n{nomination.pk}"] = forms.ChoiceField(
                label=f"{nomination.person.full_name} ({nomination.organisation})",
                choices=RESULT_CHOICES,
                required=False,
            )

    def elected(self) -> list[tuple[Nomination, int]]:
        return [(n, int(self.cleaned_data[f"n{n.pk}"])) for n in self.nominations if self.cleaned_data.get(f"n{n.pk}")]

    def candidate_fields(self):
        return [self[f"n{n.pk}"] for n in self.nominations]


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return f"{obj.person.full_name} ({obj.organisation})"


class ConstitutionForm(DsFormMixin, forms.Form):
    leader = TermChoiceField(label=_("Leder"), queryset=Term.objects.none())
    deputy = TermChoiceField(label=_("Nestleder"), queryset=Term.objects.none(), required=False)
    constituted_on = forms.DateField(label=_("Konstituert dato"), widget=DateInput())

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = terms
        self.fields["deputy"].queryset = terms


def _people_for_seat(body: Body):
    """Who may be given a seat in `body`: people of an organisation with a membership of the body's network,
    and people of no organisation (a fixed seat's holder, named by their affiliation) who hold a seat in
    this network or in none yet; never a holder of another network's seat only."""
    from django.db.models import Exists, OuterRef, Q

    from members.models import Membership

    member = Membership.objects.filter(organisation=OuterRef("organisation"), network=body.network_id)
    seats = Term.objects.filter(person=OuterRef("pk"))
    of_no_network = Q(Exists(seats.filter(body__network=body.network_id))) | ~Q(Exists(seats))
    return (
        Person.objects.filter(anonymised_at__isnull=True)
        .filter((Q(organisation__isnull=True) & of_no_network) | Q(Exists(member)))
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


class TermForm(DsFormMixin, forms.Form):
    """A seat added by the coordinator: a fixed seat, a working-group participant, a resource-group place."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Rolle"), choices=Term.Role.choices, initial=Term.Role.MEMBER)
    obtained = forms.ChoiceField(label=_("Hvordan"), choices=Term.Obtained.choices, initial=Term.Obtained.APPOINTED)
    starts_on = forms.DateField(label=_("Fra"), widget=DateInput())
    ends_on = forms.DateField(label=_("Til"), widget=DateInput(), required=False)
    paid = forms.BooleanField(label=_("Frikjøp"), required=False)
    paid_note = forms.CharField(label=_("Merknad om frikjøp"), required=False, max_length=200)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people_for_seat(body)
        self.fields["starts_on"].initial = timezone.localdate()
        if body.kind != "resource_group":
            del self.fields["paid"]
            del self.fields["paid_note"]


class WorkingGroupForm(DsFormMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    theme = forms.CharField(label=_("Tema"), max_length=200, required=False)
    description = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea, required=False)
    collaboration_areas = forms.ModelMultipleChoiceField(
        label=_("Samarbeidsområder"),
        queryset=CollaborationArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    lead_person = PersonChoiceField(label=_("Leder av gruppen"), queryset=Person.objects.none(), required=False)
    schedule = forms.CharField(label=_("Møteplan"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_person"].queryset = _people_of_members()
        # The areas of the network the group is made in: the page's.
        self.fields["collaboration_areas"].queryset = CollaborationArea.objects.filter(network=current_network())


class JoinRequestForm(DsFormMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("Arbeidsgruppe"), queryset=Body.objects.none())
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    message = forms.CharField(label=_("Melding"), widget=forms.Textarea, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(network=current_network(), kind="working_group").exclude(
            status="closed"
        )
        self.fields["person"].queryset = organisation.people.filter(anonymised_at__isnull=True)


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form's fields (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


class TermEditForm(DsFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Term.Role.choices)
    starts_on = forms.DateField(label=_("Fra"), widget=DateInput())
    ends_on = forms.DateField(label=_("Til"), widget=DateInput(), required=False)
    paid = forms.BooleanField(label=_("Frikjøp"), required=False)
    paid_note = forms.CharField(label=_("Merknad om frikjøp"), required=False, max_length=200)

    def __init__(self, *args, term: Term, **kwargs):
        kwargs.setdefault(
            "initial", {f: getattr(term, f) for f in ("role", "starts_on", "ends_on", "paid", "paid_note")}
        )
        super().__init__(*args, **kwargs)
        if term.body.kind != "resource_group":
            del self.fields["paid"]
            del self.fields["paid_note"]
