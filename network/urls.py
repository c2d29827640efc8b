"""The site's addresses. Network-scoped pages live under `/<network slug>/` (core.urlconfs).

`patterns(slug)` builds one network's configuration; the module's own `urlpatterns` (ROOT_URLCONF)
has the scoped pages without a prefix — what reverse() gives where no network is active, and what
the network middleware redirects from (today's addresses keep working).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views
from .operations import health

network_scoped = [
    path("", views.front_page, name="home"),
    path("start/", views.start, name="start_here"),
    path("portal/", include("members.urls")),
    path("faktura/", include("billing.urls")),
    path("styring/", include("governance.urls")),
    path("", include("governance.urls_meetings")),
    path("arrangementer/", include("activities.urls")),
    path("koordinator/", include("network.dashboard.urls")),
]


def patterns(slug: str | None) -> list:
    """Every address, the network-scoped ones under `slug/` (or without a prefix when None)."""
    urlpatterns = [
        path("i18n/setlang/", set_language, name="set_language"),
        path("healthz", health.healthz, name="healthz"),
    ]
    urlpatterns += i18n_patterns(
        path("", views.networks_index, name="networks"),
        path("start/", views.start, name="start"),
        path("konto/", include("allauth.urls")),
        path("admin/", admin.site.urls),
        path(f"{slug}/" if slug else "", include(network_scoped)),
        prefix_default_language=False,
    )
    if settings.DEBUG:
        from django.conf.urls.static import static

        urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    return urlpatterns


urlpatterns = patterns(None)
