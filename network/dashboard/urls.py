from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("medlemmer/", views.member_list, name="member_list"),
    path("medlemmer/<int:org_pk>/", views.member_detail, name="member_detail"),
    path("medlemmer/<int:org_pk>/rolle/", views.member_role, name="member_role"),
    path("medlemmer/eksport.<str:fmt>", views.member_export, name="member_export"),
    path("epost/", views.bulk_email_new, name="bulk_email"),
    path("forpliktelser/", views.obligations_list, name="obligations"),
    path("avtale/", views.network_terms, name="network_terms"),
    path("jobber/", views.job_list, name="job_list"),
    path("jobber/<int:pk>/", views.job_detail, name="job_detail"),
]
