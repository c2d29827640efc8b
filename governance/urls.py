from django.urls import path

from .views import action_plans, bodies, elections, portal

app_name = "governance"

urlpatterns = [
    path("", bodies.steering_group, name="steering_group"),
    path("arbeidsgrupper/", bodies.working_group_list, name="working_group_list"),
    path("arbeidsgrupper/ny/", bodies.working_group_create, name="working_group_create"),
    path("grupper/<slug:slug>/", bodies.body_detail, name="body_detail"),
    path("grupper/<slug:slug>/avslutt/", bodies.body_close, name="body_close"),
    path("grupper/<slug:slug>/verv/ny/", bodies.term_add, name="term_add"),
    path("verv/<int:pk>/", bodies.term_edit, name="term_edit"),
    path("verv/<int:pk>/avslutt/", bodies.term_end, name="term_end"),
    path("foresporsel/<int:pk>/<str:decision>/", bodies.join_request_decide, name="join_request_decide"),
    path("kjonnsbalanse/", bodies.balance_overview, name="balance"),
    path("rotasjon/", bodies.rotation_view, name="rotation"),
    path("valg/", elections.election_list, name="election_list"),
    path("valg/<int:year>/", elections.election_detail, name="election_detail"),
    path("valg/<int:year>/nominer/", elections.election_nominate, name="election_nominate"),
    path("valg/<int:year>/nominasjon/<int:pk>/trekk/", elections.nomination_withdraw, name="nomination_withdraw"),
    path("valg/<int:year>/resultat/", elections.election_result, name="election_result"),
    path("valg/<int:year>/konstituer/", elections.election_constitute, name="election_constitute"),
    path("handlingsplaner/", action_plans.action_plan_list, name="action_plan_list"),
    path("handlingsplaner/ny/", action_plans.action_plan_create, name="action_plan_create"),
    path("handlingsplaner/<int:pk>/", action_plans.action_plan_detail, name="action_plan_detail"),
    path("handlingsplaner/<int:pk>/endre/", action_plans.action_plan_edit, name="action_plan_edit"),
    path("handlingsplaner/<int:pk>/vedta/", action_plans.action_plan_adopt, name="action_plan_adopt"),
    path("handlingsplaner/<int:pk>/dokument/", action_plans.action_plan_document, name="action_plan_document"),
    path("portal/<int:organisation_pk>/nominer/", portal.portal_nominate, name="portal_nominate"),
    path("portal/<int:organisation_pk>/bli-med/", portal.portal_join, name="portal_join"),
]
