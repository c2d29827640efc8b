"""A URLconf for testing the access-matrix machinery itself: one correct page and three leaky ones."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from members.models import Membership, Organisation
from members.networks import current_network
from members.roles import contact_organisation_ids, coordinates_any, is_coordinator


@login_required
def organisation_safe(request, pk):
    """R12 and R13 done right: a coordinator of a network the organisation is a member of, or a contact of
    this very organisation; else 404. (These addresses name no network: the page's network is the
    user's own, so another network's coordinator must not pass for a coordinator of this member's.)"""
    network = current_network()
    coordinator_of_its_network = (
        is_coordinator(request.user, network)
        and Membership.objects.filter(organisation_id=pk, network=network).exists()
    )
    if not (coordinator_of_its_network or pk in contact_organisation_ids(request.user)):
        raise Http404
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        organisation.name = request.POST.get("name", organisation.name) or organisation.name
        organisation.save()
    return HttpResponse(organisation.name)


@login_required
def organisation_leaky(request, pk):
    """Forgets the ownership check: any logged-in user reads and renames any organisation."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        organisation.name = "Omdøpt"
        organisation.save()
    return HttpResponse(organisation.name)


@login_required
def organisation_any_coordinator(request, pk):
    """Forgets the network (R13): any network's coordinator passes for this member's."""
    if not (coordinates_any(request.user) or pk in contact_organisation_ids(request.user)):
        raise Http404
    return HttpResponse(get_object_or_404(Organisation, pk=pk).name)


def organisation_public_by_mistake(request, pk):
    return HttpResponse(get_object_or_404(Organisation, pk=pk).name)


urlpatterns = [
    path("org/<int:pk>/", organisation_safe, name="org_safe"),
    path("leaky/<int:pk>/", organisation_leaky, name="org_leaky"),
    path("open/<int:pk>/", organisation_public_by_mistake, name="org_open"),
    path("any-coordinator/<int:pk>/", organisation_any_coordinator, name="org_any_coordinator"),
    path("konto/", include("allauth.urls")),
]
