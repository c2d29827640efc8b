"""Coordinator pages to run the annual election (R7) without touching the database."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members.access import coordinator_required

from ..forms import ConstitutionForm, NominationForm, OpenElectionForm, ResultForm, add_service_errors
from ..models import Election, Nomination, Term
from ..queries import bodies as body_queries
from ..queries import elections as queries
from ..services import elections as services


@coordinator_required
@require_http_methods(["GET", "POST"])
def election_list(request):
    form = OpenElectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            election = services.open_election(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Valget for %(year)d er åpnet for nominasjon.") % {"year": election.year})
            return redirect("governance:election_detail", year=election.year)
    elections = queries.elections().select_related("body").order_by("-year")
    return render(
        request,
        "governance/election_list.html",
        {"elections": elections, "form": form, "rotation": body_queries.rotation()},
    )


def _election(year: int) -> Election:
    body = body_queries.steering_group()
    return get_object_or_404(Election.objects.select_related("body"), body=body, year=year)


def _detail_context(election: Election, **forms) -> dict:
    nominations = list(queries.nominations(election))
    open_nominations = [n for n in nominations if n.status == Nomination.Status.NOMINATED]
    elected_terms = (
        election.body.terms.filter(
            obtained=Term.Obtained.ELECTED, starts_on__lte=election.terms_start_on, ends_on__gte=election.terms_start_on
        )
        .exclude(role=Term.Role.KS_REPRESENTATIVE)
        .select_related("person", "organisation")
    )
    context = {
        "election": election,
        "expiring": queries.expiring_seats(election),
        "continuing": queries.continuing_seats(election),
        "seats_to_fill": queries.seats_to_fill(election),
        "nominations": nominations,
        "nomination_form": NominationForm(),
        "result_form": ResultForm(nominations=open_nominations) if election.is_open else None,
        "constitution_form": ConstitutionForm(terms=elected_terms) if election.status != Election.Status.OPEN else None,
    }
    context.update(forms)
    return context


@coordinator_required
@require_http_methods(["GET"])
def election_detail(request, year: int):
    election = _election(year)
    return render(request, "governance/election_detail.html", _detail_context(election))


@coordinator_required
@require_POST
def election_nominate(request, year: int):
    election = _election(year)
    form = NominationForm(request.POST)
    if form.is_valid():
        try:
            services.nominate(
                election=election,
                person=form.cleaned_data["person"],
                statement=form.cleaned_data["statement"],
                via=Nomination.Via.COORDINATOR,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kandidaten er nominert."))
            return redirect("governance:election_detail", year=year)
    return render(
        request, "governance/election_detail.html", _detail_context(election, nomination_form=form), status=400
    )


@coordinator_required
@require_POST
def nomination_withdraw(request, year: int, pk: int):
    election = _election(year)
    nomination = get_object_or_404(Nomination, pk=pk, election=election)
    try:
        services.withdraw_nomination(nomination=nomination, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("governance:election_detail", year=year)


@coordinator_required
@require_POST
def election_result(request, year: int):
    election = _election(year)
    open_nominations = list(queries.nominations(election).filter(status=Nomination.Status.NOMINATED))
    form = ResultForm(request.POST, nominations=open_nominations)
    if form.is_valid():
        try:
            terms = services.record_result(
                election=election, elected=form.elected(), decided_on=form.cleaned_data["decided_on"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Resultatet er registrert: %(n)d valgt.") % {"n": len(terms)})
            return redirect("governance:election_detail", year=year)
    return render(request, "governance/election_detail.html", _detail_context(election, result_form=form), status=400)


@coordinator_required
@require_POST
def election_constitute(request, year: int):
    election = _election(year)
    base = _detail_context(election)
    terms = base["constitution_form"].fields["leader"].queryset if base["constitution_form"] else Term.objects.none()
    form = ConstitutionForm(request.POST, terms=terms)
    if form.is_valid():
        try:
            services.constitute(
                election=election,
                leader=form.cleaned_data["leader"],
                deputy=form.cleaned_data["deputy"],
                constituted_on=form.cleaned_data["constituted_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Styringsgruppen har konstituert seg."))
            return redirect("governance:election_detail", year=year)
    base["constitution_form"] = form
    return render(request, "governance/election_detail.html", base, status=400)
