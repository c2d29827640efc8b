"""The coordinator's dashboard, member list, exports, bulk email and job progress."""

from __future__ import annotations

from copy import copy
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing.access import billing_staff_required
from members import queries as member_queries
from members import services as member_services
from members.access import coordinator_required, role_required
from members.models import Membership, MembershipRoleKind, Organisation
from members.networks import default_network
from members.query_params import year_param
from members.roles import is_coordinator
from network.obligations import rules as obligations

from . import bulk_email, exports, jobs, member_page, sections
from . import queries as dashboard
from .forms import BulkEmailForm, NetworkTermsForm
from .member_list import EXPORT_HEADER, MemberFilter, export_values, member_rows, tier_choices


def _figures(today, *, show_members: bool) -> dict:
    # A network whose parties pay no dues (a KSF cluster, an agreement between two parties) shows none.
    has_dues = default_network().has_dues
    figures = {"has_dues": has_dues}
    if has_dues:
        figures.update(dues=sections.dues_section(today.year), dues_chart=sections.dues_chart(today))
    if show_members:
        figures.update(
            member_counts=dashboard.member_counts(today),
            pending_resignations=list(dashboard.pending_resignations(today)),
            agreements_ending=list(dashboard.agreements_ending(today)),
            members_without_contact=list(dashboard.members_without_contact()),
            recent_changes=dashboard.recent_changes(),
            tier_chart=sections.tier_chart(today),
            governance=sections.governance_section(today),
            activities=sections.activities_section(today),
            obligation_counts=sections.obligations_section(today.year),
        )
    return figures


@require_GET
@billing_staff_required
def home(request):
    today = timezone.localdate()
    show_members = is_coordinator(request.user)
    # The figures take some forty queries and rendering them as long again (make bench), and hold
    # nothing personal: they are computed per role and language and are at most a minute old
    # (DASHBOARD_CACHE_SECONDS), shared through Redis for half of it and then kept by each process
    # for the other half, so a visit does not fetch the rendered 70 kB. Running jobs are always live.
    key = f"dashboard:figures-html:{default_network().pk}:{today}:{int(show_members)}:{get_language()}"
    half = settings.DASHBOARD_CACHE_SECONDS / 2
    figures_html = caches["local"].get(key)
    if figures_html is None:
        figures_html = cache.get(key)
        if figures_html is None:
            figures = {"today": today, "show_members": show_members, **_figures(today, show_members=show_members)}
            figures_html = render_to_string("network/dashboard/_figures.html", figures)
            cache.set(key, figures_html, half)
        caches["local"].set(key, figures_html, half)
    context = {"today": today, "show_members": show_members, "figures_html": figures_html}
    if show_members:
        context["running_jobs"] = list(jobs.running_jobs())
    context["running_dues_runs"] = sections.running_dues_runs()
    return render(request, "network/dashboard/home.html", context)


def _sort_headers(member_filter: MemberFilter) -> list[dict]:
    """Column headers that sort: a click sorts ascending, a second click descending."""
    headers = []
    for key, label, numeric in (
        ("name", _("Navn"), False),
        ("number", _("Nummer"), False),
        ("status", _("Status"), False),
        ("population", _("Folketall"), True),
    ):
        ascending = member_filter.sort == key
        descending = member_filter.sort == f"-{key}"
        headers.append(
            {
                "label": label,
                "numeric": numeric,
                "query": member_filter.as_query(sort=f"-{key}" if ascending else key, side=""),
                "aria_sort": "ascending" if ascending else "descending" if descending else "",
            }
        )
    return headers


@require_GET
@coordinator_required
def member_list(request):
    today = timezone.localdate()
    member_filter = MemberFilter.from_query(request.GET)
    rows = member_rows(member_filter, today=today)
    page = Paginator(rows, 100).get_page(request.GET.get("side"))
    return render(
        request,
        "network/dashboard/member_list.html",
        {
            "filter": member_filter,
            "page": page,
            "rows": page.object_list,
            "count": len(rows),
            "kinds": Organisation.Kind.choices,
            "statuses": Membership.Status.choices,
            "extra_filters": [
                {
                    "name": "tier",
                    "label": _("Kontingenttrinn"),
                    "value": member_filter.tier,
                    "choices": tier_choices(today),
                },
                {
                    "name": "missing",
                    "label": _("Mangler"),
                    "value": member_filter.missing,
                    "choices": [(o.key, o.label) for o in obligations.applied_obligations(default_network())],
                },
            ],
            "sort_headers": _sort_headers(member_filter),
        },
    )


# A member's page names the member: like the member's portal, "not yours" is 404, not 403.
coordinator_page = role_required(is_coordinator, refuse=Http404)


@require_GET
@coordinator_page
def member_detail(request, org_pk: int):
    """One member: membership and agreement, contacts, invoices, obligations, attendance, groups, history."""
    today = timezone.localdate()
    organisation = member_queries.organisation_for(request.user, org_pk)
    page = member_page.member_page(organisation, today=today)
    return render(
        request,
        "network/dashboard/member_detail.html",
        {
            "organisation": organisation,
            "today": today,
            "actions": member_page.member_actions(page["membership"]),
            "role_kinds": list(MembershipRoleKind.objects.filter(network=default_network()).order_by("order", "pk")),
            "here": request.get_full_path(),
            **page,
        },
    )


@require_POST
@coordinator_page
def member_role(request, org_pk: int):
    """The coordinator gives the member's current membership of this network a role, or none (R13)."""
    organisation = member_queries.organisation_for(request.user, org_pk)
    membership = member_queries.current_membership(organisation)
    if membership is None:
        raise Http404
    chosen = request.POST.get("role", "")
    role = None
    if chosen:
        role = MembershipRoleKind.objects.filter(network=membership.network, pk=chosen if chosen.isdigit() else 0).first()
        if role is None:
            messages.error(request, _("Velg en av nettverkets roller."))
            return redirect("dashboard:member_detail", org_pk=organisation.pk)
    try:
        member_services.set_membership_role(membership=membership, role=role, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rollen er lagret."))
    return redirect("dashboard:member_detail", org_pk=organisation.pk)


@require_GET
@coordinator_required
def member_export(request, fmt: str):
    member_filter = MemberFilter.from_query(request.GET)
    rows = member_rows(member_filter, today=timezone.localdate())
    header = [str(title) for title in EXPORT_HEADER]
    values = (export_values(row) for row in rows)
    filename = f"medlemmer-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return exports.csv_response(filename, header, values)
    if fmt == "xlsx":
        return exports.xlsx_response(filename, _("Medlemmer"), header, values)
    raise Http404


@require_http_methods(["GET", "POST"])
@coordinator_required
def bulk_email_new(request):
    network = default_network()
    member_filter = MemberFilter.from_query(request.GET)
    rows = member_rows(member_filter, today=timezone.localdate())
    organisations = [row.organisation for row in rows]
    if member_filter.org and organisations:
        member_filter = replace(member_filter, org_name=organisations[0].name)
    recipients = {
        audience: len(bulk_email.recipients_for(organisations, audience=audience, network=network))
        for audience in ("primary", "all")
    }
    form = BulkEmailForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        try:
            sent = bulk_email.start_bulk_email(
                network=network,
                organisations=organisations,
                audience=form.cleaned_data["audience"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                selection=member_filter.describe(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Utsendelsen er startet."))
            return redirect("dashboard:job_detail", pk=sent.job_id)
    return render(
        request,
        "network/dashboard/bulk_email.html",
        {"form": form, "filter": member_filter, "organisation_count": len(organisations), "recipients": recipients},
    )


@require_GET
@coordinator_required
def job_detail(request, pk: int):
    job = jobs.job_for(pk)
    template = (
        "network/dashboard/_job_progress.html"
        if request.headers.get("HX-Request")
        else ("network/dashboard/job_detail.html")
    )
    return render(request, template, {"job": job})


@require_GET
@coordinator_required
def job_list(request):
    return render(request, "network/dashboard/job_list.html", {"jobs": jobs.recent_jobs(50)})


def _year_param(request) -> int:
    this_year = timezone.localdate().year
    return year_param(request.GET, default=this_year, earliest=2022, latest=this_year + 1)


@require_GET
@coordinator_required
def obligations_list(request):
    """R6 for every member in a year, filterable by what is missing, exportable."""
    year = _year_param(request)
    missing = request.GET.get("missing", "")
    results = obligations.obligations_for_year(year, network=default_network())
    counts = obligations.summary(results)
    applied = obligations.applied_obligations(default_network())
    if missing in obligations.OBLIGATION_KEYS:
        results = [r for r in results if missing in r.missing_keys]
    elif missing == "any":
        results = [r for r in results if not r.all_met]
    else:
        missing = ""
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header = [_("Medlem"), _("Nummer")] + [str(o.label) for o in applied] + [_("Mangler")]
        rows = (
            [r.organisation.name, r.organisation.number]
            + [_("Ja") if item.met else _("Nei") for item in r.items]
            + ["; ".join(str(o.missing) for o in r.missing)]
            for r in results
        )
        filename = f"minsteforpliktelser-{year}"
        if fmt == "csv":
            return exports.csv_response(filename, header, rows)
        return exports.xlsx_response(filename, _("Forpliktelser %(year)s") % {"year": year}, header, rows)
    return render(
        request,
        "network/dashboard/obligations.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, 2022, -1)),
            "results": results,
            "counts": counts,
            "missing": missing,
            "obligation_choices": [(o.key, o.label) for o in applied],
            "obligation_list": applied,
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def network_terms(request):
    """The network's agreement terms and identity: the coordinator changes them, every change in the history."""
    network = default_network()
    # The form's model validation writes into its instance: give it a copy, not the cached network.
    form = NetworkTermsForm(request.POST or None, request.FILES or None, instance=copy(network))
    if request.method == "POST" and form.is_valid():
        try:
            member_services.update_network_terms(
                network=network,
                values={name: form.cleaned_data[name] for name in member_services.TERMS_FIELDS} | form.logo_change(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Avtalens vilkår er lagret."))
            return redirect("dashboard:network_terms")
    return render(
        request,
        "network/dashboard/network_terms.html",
        {
            "network": network,
            "agreement_months": (network.agreement_years or 0) * 12,
            "form": form,
            "history": member_queries.network_terms_history(
                network, (*member_services.TERMS_FIELDS, member_services.LOGO_FIELD)
            ),
        },
    )
