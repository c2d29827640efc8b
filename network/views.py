from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.fingerprint import data_version
from members.models import Membership, Organisation
from members.networks import all_networks, current_network, first_network, using_network
from members.queries import public_member_list

from . import landing


def member_list_version() -> str:
    """Changes whenever a membership or an organisation changes (their history grows): the cache key
    of the rendered member table, so the front page is never stale and rarely re-rendered."""
    return data_version(Membership, Organisation)


@require_GET
def front_page(request):
    # Lazy: the query runs only when the cached table has to be rendered again.
    network = current_network() if first_network() else None
    members = public_member_list(network).only("name", "kind", "number", "website") if network else []
    return render(
        request,
        "network/front_page.html",
        {"network": network, "members": members, "version": member_list_version()},
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
