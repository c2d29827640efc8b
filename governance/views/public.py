"""Open meetings (kommuneloven's møteoffentlighet): agendas, open papers and approved minutes for anyone.

Thin: what may be shown is decided in governance.queries.public; a closed body's meeting is 404 here.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.networks import current_network
from members.query_params import year_param

from ..queries import public as q


@require_GET
def public_meeting_list(request: HttpRequest) -> HttpResponse:
    """The open meetings of the network the address names (never another network's)."""
    year = year_param(request.GET, default=timezone.localdate().year)
    network = current_network()
    return render(
        request,
        "governance/meetings/public_meeting_list.html",
        {
            "year": year,
            "years": q.public_years(network),
            "meetings": list(q.public_meeting_list(network, year=year)),
        },
    )


@require_GET
def public_meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.public_meeting(pk)
    minutes = q.public_minutes_readable(meeting)
    return render(
        request,
        "governance/meetings/public_meeting_detail.html",
        {"meeting": meeting, "cases": q.public_cases(meeting), "minutes_readable": minutes},
    )


@require_GET
def public_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = q.public_meeting(pk)
    if not q.public_minutes_readable(meeting):
        raise Http404(_("Protokollen er ikke godkjent ennå."))
    return render(
        request,
        "governance/meetings/public_minutes.html",
        {"meeting": meeting, "cases": q.public_cases(meeting), "attendances": q.public_attendances(meeting)},
    )


@require_GET
def public_attachment(request: HttpRequest, pk: int) -> FileResponse:
    attachment = q.public_attachment(pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Fant ikke vedlegget.")) from None
    response = FileResponse(
        handle, content_type=attachment.content_type, as_attachment=True, filename=attachment.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
