"""The member portal's "groups" section: the organisation's people in bodies and the open nomination."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from members.models import Organisation

from ..queries import bodies as body_queries
from ..queries import elections as election_queries


def groups_section_context(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    election = election_queries.open_election()
    return {
        "organisation": organisation,
        "terms": body_queries.terms_of_organisation(organisation),
        "open_election": election,
        "nominations": election_queries.nominations_of_organisation(organisation, election),
        "joinable_groups": body_queries.working_groups().exclude(status="closed"),
    }


# --- Actions from the portal: a member contact acts for their own organisation only (R12).

from django.contrib import messages  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.http import Http404  # noqa: E402
from django.shortcuts import redirect, render  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views.decorators.http import require_http_methods  # noqa: E402

from members.networks import current_network  # noqa: E402
from members.queries import organisation_for  # noqa: E402

from ..forms import JoinRequestForm, NominationForm, add_service_errors  # noqa: E402
from ..models import Nomination  # noqa: E402
from ..services import elections as election_services  # noqa: E402
from ..services import working_groups  # noqa: E402


def _organisation_in_network(user, pk: int) -> Organisation:
    """The user's organisation (members.queries.organisation_for) if it has a membership of the page's network;
    404 otherwise, like an organisation that is not theirs: a group or election of this network is not for it."""
    organisation = organisation_for(user, pk)
    if not organisation.memberships.filter(network=current_network()).exists():
        raise Http404
    return organisation


def _back(request):
    from django.urls import NoReverseMatch, reverse

    try:
        return redirect(reverse("members:portal_home"))
    except NoReverseMatch:
        return redirect("governance:steering_group")


@login_required
@require_http_methods(["GET", "POST"])
def portal_nominate(request, organisation_pk: int):
    organisation = _organisation_in_network(request.user, organisation_pk)
    election = election_queries.open_election()
    if election is None:
        raise Http404
    form = NominationForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            election_services.nominate(
                election=election,
                person=form.cleaned_data["person"],
                statement=form.cleaned_data["statement"],
                via=Nomination.Via.PORTAL,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Takk! Kandidaten er nominert til valget %(year)d.") % {"year": election.year})
            return _back(request)
    return render(
        request,
        "governance/portal_nominate.html",
        {"form": form, "organisation": organisation, "election": election},
    )


@login_required
@require_http_methods(["GET", "POST"])
def portal_join(request, organisation_pk: int):
    organisation = _organisation_in_network(request.user, organisation_pk)
    form = JoinRequestForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"body": request.GET.get("gruppe")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            working_groups.request_to_join(
                body=form.cleaned_data["body"],
                person=form.cleaned_data["person"],
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Forespørselen er sendt til gruppens leder."))
            return _back(request)
    return render(request, "governance/portal_join.html", {"form": form, "organisation": organisation})
