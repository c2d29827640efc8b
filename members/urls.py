from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.portal_home, name="portal_home"),
    path("mine-data.json", views.my_data, name="my_data"),
    path("oppfolging/", views.lifecycle_overview, name="lifecycle_overview"),
    path("invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<int:org_pk>/", views.organisation_home, name="organisation_home"),
    path("<int:org_pk>/kontakter/ny/", views.contact_add, name="contact_add"),
    path("<int:org_pk>/kontakter/<int:role_pk>/endre/", views.contact_edit, name="contact_edit"),
    path("<int:org_pk>/kontakter/<int:role_pk>/fjern/", views.contact_remove, name="contact_remove"),
    path("<int:org_pk>/kontakter/<int:role_pk>/hovedkontakt/", views.contact_make_primary, name="contact_make_primary"),
    path("<int:org_pk>/kontakter/<int:role_pk>/inviter/", views.contact_invite, name="contact_invite"),
    path("<int:org_pk>/aktiver/", views.activate, name="activate"),
    path("<int:org_pk>/forny/", views.renew, name="renew"),
    path("<int:org_pk>/oppsigelse/", views.resign, name="resign"),
    path("<int:org_pk>/oppsigelse/brev.pdf", views.notice_letter, name="notice_letter"),
    path("<int:org_pk>/oppsigelse/registrer/", views.register_letter_notice, name="register_letter_notice"),
    path("<int:org_pk>/avviklet/", views.ended_organisation, name="ended_organisation"),
    path("<int:org_pk>/oppsigelse/trekk/", views.withdraw_notice, name="withdraw_notice"),
]
