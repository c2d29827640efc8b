"""A URLconf for testing the access-matrix machinery itself: one correct page and two leaky ones."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from members.models import Organisation
from members.roles import contact_organisation_ids, is_coordinator


@login_required
def organisation_safe(request, pk):
    """R12 done right: the coordinator, or a contact of this very organisation; else 404."""
    if not (is_coordinator(request.user) or pk in contact_organisation_ids(request.user)):
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


def organisation_public_by_mistake(request, pk):
    return HttpResponse(get_object_or_404(Organisation, pk=pk).name)


urlpatterns = [
    path("org/<int:pk>/", organisation_safe, name="org_safe"),
    path("leaky/<int:pk>/", organisation_leaky, name="org_leaky"),
    path("open/<int:pk>/", organisation_public_by_mistake, name="org_open"),
    path("konto/", include("allauth.urls")),
]
