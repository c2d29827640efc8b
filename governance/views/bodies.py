"""Pages of the steering group, working groups and the resource group (R7, R9, R10)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.access import coordinator_required
from members.networks import current_network
from members.roles import contact_organisation_ids, is_coordinator

from ..forms import TermEditForm, TermForm, WorkingGroupForm, add_service_errors
from ..models import Body, BodyKind, GenderBalanceCheck, JoinRequest, Term
from ..queries import bodies as queries
from ..services import bodies as services
from ..services import working_groups
from ..services.gender_balance import balance_for_body, gender_balance_report


def _date_param(value: str | None):
    """`?dato=2025-06-01` shows the group as it was (or will be) that day; anything else means today."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
def steering_group(request):
    """Public: who sits in the steering group, their roles, terms and municipalities."""
    on = _date_param(request.GET.get("dato"))
    composition = queries.steering_group_composition(on)
    coordinator = is_coordinator(request.user)
    context = {
        **composition,
        "on": on,
        "is_coordinator": coordinator,
        "balance": balance_for_body(composition["body"]) if coordinator and composition["body"] else None,
        "rotation": queries.rotation(body=composition["body"]) if coordinator and composition["body"] else None,
    }
    return render(request, "governance/steering_group.html", context)


@require_GET
def working_group_list(request):
    today = timezone.localdate()
    groups = queries.working_groups().prefetch_related(
        Prefetch(
            "terms",
            queryset=Term.objects.filter(queries.in_force(today)).only("id", "body_id"),
            to_attr="current",
        )
    )
    return render(
        request,
        "governance/working_group_list.html",
        {"groups": groups, "resource_group": queries.resource_group(), "is_coordinator": is_coordinator(request.user)},
    )


@require_GET
def body_detail(request, slug: str):
    body = get_object_or_404(
        queries.bodies().select_related("leading_organisation", "lead_person").exclude(kind=BodyKind.STEERING_GROUP),
        slug=slug,
    )
    coordinator = is_coordinator(request.user)
    can_decide = working_groups.can_decide_join_requests(request.user, body)
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "terms": queries.current_terms(body).order_by("role", "person__last_name"),
            "areas": body.collaboration_areas.all(),
            "is_coordinator": coordinator,
            "balance": balance_for_body(body) if coordinator else None,
            "contact_organisation_ids": sorted(contact_organisation_ids(request.user)),
            "join_requests": body.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
                "person", "organisation"
            )
            if can_decide
            else None,
        },
    )


@coordinator_required
@require_GET
def balance_overview(request):
    network = current_network()
    history = (
        GenderBalanceCheck.objects.filter(network=network).select_related("body").order_by("-checked_on", "scope")[:200]
    )
    return render(
        request, "governance/balance.html", {"report": gender_balance_report(network=network), "history": history}
    )


@coordinator_required
@require_GET
def rotation_view(request):
    return render(request, "governance/rotation.html", {"rotation": queries.rotation(years_ahead=4)})


@coordinator_required
@require_http_methods(["GET", "POST"])
def term_add(request, slug: str):
    body = queries.body_for_slug(slug)
    form = TermForm(request.POST if request.method == "POST" else None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data["person"]
        try:
            services.add_term(
                body=body,
                person=person,
                organisation=None if data["role"] == Term.Role.KS_REPRESENTATIVE else person.organisation,
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                obtained=data["obtained"],
                paid=data.get("paid", False),
                paid_note=data.get("paid_note", ""),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vervet er registrert."))
            return redirect(_body_url(body))
    return render(request, "governance/term_form.html", {"body": body, "form": form})


def _terms():
    """Seats in the page's network's bodies: another network's seat is not found (404)."""
    return Term.objects.filter(body__network=current_network())


def _body_url(body: Body) -> str:
    from django.urls import reverse

    if body.kind == BodyKind.STEERING_GROUP:
        return reverse("governance:steering_group")
    return reverse("governance:body_detail", args=[body.slug])


@coordinator_required
@require_POST
def term_end(request, pk: int):
    term = get_object_or_404(_terms().select_related("body"), pk=pk)
    try:
        services.end_term(term=term, on=timezone.localdate(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Vervet er avsluttet i dag."))
    return redirect(_body_url(term.body))


@coordinator_required
@require_http_methods(["GET", "POST"])
def working_group_create(request):
    form = WorkingGroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lead = data["lead_person"]
        try:
            body = working_groups.create_working_group(
                name=data["name"],
                theme=data["theme"],
                description=data["description"],
                collaboration_areas=data["collaboration_areas"],
                leading_organisation=lead.organisation if lead else None,
                lead_person=lead,
                schedule=data["schedule"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Arbeidsgruppen er opprettet."))
            return redirect("governance:body_detail", slug=body.slug)
    return render(request, "governance/working_group_form.html", {"form": form})


@require_POST
def join_request_decide(request, pk: int, decision: str):
    join_request = get_object_or_404(
        JoinRequest.objects.filter(body__network=current_network()).select_related("body__lead_person"), pk=pk
    )
    if not working_groups.can_decide_join_requests(request.user, join_request.body):
        raise Http404
    try:
        working_groups.decide_join_request(join_request=join_request, accept=decision == "godta", by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Forespørselen er avgjort."))
    return redirect("governance:body_detail", slug=join_request.body.slug)


@coordinator_required
@require_POST
def body_close(request, slug: str):
    body = get_object_or_404(queries.bodies(), slug=slug, kind=BodyKind.WORKING_GROUP)
    working_groups.close_body(body=body, on=timezone.localdate(), by=request.user)
    messages.success(request, _("Arbeidsgruppen er avsluttet, og plassene i den er avsluttet i dag."))
    return redirect("governance:body_detail", slug=body.slug)


@coordinator_required
@require_http_methods(["GET", "POST"])
def term_edit(request, pk: int):
    term = get_object_or_404(_terms().select_related("body", "person", "organisation"), pk=pk)
    form = TermEditForm(request.POST if request.method == "POST" else None, term=term)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_term(term=term, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vervet er endret."))
            return redirect(_body_url(term.body))
    return render(request, "governance/term_edit.html", {"term": term, "form": form})
