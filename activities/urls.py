"""Activities (R11), mounted at /arrangementer/."""

from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("apne/", views.public_events, name="public_events"),
    path("kalender.ics", views.calendar_feed, name="calendar_feed"),
    path("nytt/", views.event_edit, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/endre/", views.event_edit, name="event_edit"),
    path("<int:pk>/avlys/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/arrangement.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/pamelding/", views.event_register, name="event_register"),
    path("<int:pk>/pamelding/<int:organisation_pk>/", views.portal_register, name="portal_register"),
    path("pamelding/<int:registration_pk>/avmeld/", views.portal_cancel, name="portal_cancel"),
    path("avmelding/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("<int:pk>/innsjekking/", views.checkin, name="checkin"),
    path("<int:pk>/innsjekking/uten-pamelding/", views.checkin_walk_in, name="checkin_walk_in"),
    path("<int:pk>/innsjekking/<int:registration_pk>/", views.checkin_toggle, name="checkin_toggle"),
    path("<int:pk>/deltakerliste/", views.attendance_import, name="attendance_import"),
    path("deltakerrad/<int:row_pk>/koble/", views.participant_row_match, name="participant_row_match"),
    path("deltakerrad/<int:row_pk>/avvis/", views.participant_row_dismiss, name="participant_row_dismiss"),
]
