from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.fingerprint import version_columns, version_of
from governance.models import Body, Case, Meeting
from governance.queries.public import upcoming_and_recent
from members.models import Membership, Organisation
from members.networks import all_networks, current_network, first_network, using_network
from members.queries import public_member_list

from . import landing

MEMBER_MODELS = (Membership, Organisation)
MEETING_MODELS = (Body, Meeting, Case)


def front_page_versions() -> tuple[str, str]:
    """The versions of the member table and of the open meetings, in one query: each changes whenever
    its rows change (their history grows), the cache keys of the two rendered parts, so the front page
    is never stale and rarely re-rendered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(version_columns(MEMBER_MODELS + MEETING_MODELS)))
        row = cursor.fetchone()
    return version_of(row[: len(MEMBER_MODELS)]), version_of(row[len(MEMBER_MODELS) :])


@require_GET
def front_page(request):
    # Lazy: the queries run only when the cached table or meeting lists have to be rendered again.
    network = current_network() if first_network() else None
    versions = front_page_versions()
    members = public_member_list(network).only("name", "kind", "number", "website") if network else []
    return render(
        request,
        "network/front_page.html",
        {
            "network": network,
            "members": members,
            "public_meetings": (lambda: upcoming_and_recent(network)) if network else None,
            "today": timezone.localdate(),
            "version": versions[0],
            "meetings_version": versions[1],
        },
    )


@require_GET
def networks_index(request):
    """The site's root: the network's own front page, or the list of networks when there are several."""
    networks = all_networks()
    if len(networks) == 1:
        return HttpResponseRedirect(reverse("home"))
    links = []
    for network in networks:
        with using_network(network):
            links.append((network, reverse("home")))
    return render(request, "network/networks_index.html", {"network_links": links})


@require_GET
@login_required
def start(request):
    """After login: an explicit, safe `next`, else the start page of the user's highest role."""
    # A path, never a view name: redirect() would try to reverse a bare word and fail.
    return HttpResponseRedirect(
        landing.safe_next(request) or landing.start_url(request.user, today=timezone.localdate())
    )
