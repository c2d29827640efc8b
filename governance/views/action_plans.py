"""Pages of the network's yearly action plans (handlingsplan, fokusliste).

Thin: who reads what in governance.queries.action_plans, writes in governance.services.action_plans.
Every page is of the network its address names (members.networks.current_network).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.networks import current_network

from ..forms_action_plans import ActionPlanForm, AdoptActionPlanForm
from ..queries import action_plans as q
from ..queries.meetings import can_read_meetings
from ..services import action_plans as services


def _form_errors_from(form, error: ValidationError, field: str | None = None) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


@login_required
@require_GET
def action_plan_list(request: HttpRequest) -> HttpResponse:
    if not can_read_meetings(request.user):
        raise Http404(_("Fant ikke siden."))
    network = current_network()
    return render(
        request,
        "governance/action_plans/list.html",
        {
            "network": network,
            "plans": list(q.action_plans_visible_to(request.user, network)),
            "can_manage": q.can_manage_action_plans(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_create(request: HttpRequest) -> HttpResponse:
    if not q.can_manage_action_plans(request.user):
        raise Http404(_("Fant ikke siden."))
    network = current_network()
    form = ActionPlanForm(request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_action_plan(network=network, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error, "document")
        else:
            messages.success(request, _("Handlingsplanen er lagret som utkast."))
            return redirect(plan)
    return render(request, "governance/action_plans/form.html", {"form": form, "plan": None, "network": network})


@login_required
@require_GET
def action_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = q.action_plan_for(request.user, pk)
    can_manage = q.can_manage_action_plans(request.user)
    return render(
        request,
        "governance/action_plans/detail.html",
        {
            "plan": plan,
            "can_manage": can_manage,
            "adopt_form": AdoptActionPlanForm() if can_manage and not plan.is_adopted else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = q.managed_action_plan(request.user, pk)
    if plan.is_adopted:
        messages.error(request, " ".join(services.action_plan_adopted_error(plan).messages))
        return redirect(plan)
    form = ActionPlanForm(
        request.POST or None,
        request.FILES or None,
        editing=True,
        initial={"title": plan.title, "summary": plan.summary},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action_plan(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error, "document")
        else:
            messages.success(request, _("Handlingsplanen er lagret."))
            return redirect(plan)
    return render(request, "governance/action_plans/form.html", {"form": form, "plan": plan, "network": plan.network})


@login_required
@require_POST
def action_plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    plan = q.managed_action_plan(request.user, pk)
    if plan.is_adopted:
        messages.error(request, " ".join(services.action_plan_adopted_error(plan).messages))
        return redirect(plan)
    form = AdoptActionPlanForm(request.POST)
    if form.is_valid():
        try:
            services.adopt_action_plan(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Handlingsplanen er registrert som vedtatt. Den kan ikke endres lenger."))
            return redirect(plan)
    return render(
        request,
        "governance/action_plans/detail.html",
        {"plan": plan, "can_manage": True, "adopt_form": form},
        status=400,
    )


@login_required
@require_GET
def action_plan_document(request: HttpRequest, pk: int) -> FileResponse:
    plan = q.action_plan_for(request.user, pk)
    if not plan.document:
        raise Http404(_("Handlingsplanen har ikke noe dokument."))
    try:
        handle = plan.document.open("rb")
    except FileNotFoundError:
        raise Http404(_("Fant ikke dokumentet.")) from None
    response = FileResponse(handle, as_attachment=True, filename=plan.document.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
