from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views
from .operations import health

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", health.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.front_page, name="home"),
    path("start/", views.start, name="start"),
    path("konto/", include("allauth.urls")),
    path("portal/", include("members.urls")),
    path("faktura/", include("billing.urls")),
    path("styring/", include("governance.urls")),
    path("", include("governance.urls_meetings")),
    path("arrangementer/", include("activities.urls")),
    path("koordinator/", include("network.dashboard.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
