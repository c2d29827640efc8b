"""Meetings, agendas, minutes, decisions and calendar feeds. Included at the site root."""

from django.urls import path, register_converter

from .views import calendar as calendar_views
from .views import meetings as views
from .views import public as public_views


class CaseNumberConverter:
    """A case number in a URL, written with two digits: /vedtak/2024/07/."""

    regex = "[0-9]{1,4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


register_converter(CaseNumberConverter, "casenr")

app_name = "meetings"

urlpatterns = [
    path("moter/", views.meeting_list, name="meeting_list"),
    path("moter/nytt/", views.meeting_create, name="meeting_create"),
    path("moter/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moter/<int:pk>/endre/", views.meeting_edit, name="meeting_edit"),
    path("moter/<int:pk>/saksliste.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("moter/<int:pk>/kalender.ics", calendar_views.meeting_ics, name="meeting_ics"),
    path("moter/<int:pk>/publiser/", views.meeting_publish, name="meeting_publish"),
    path("moter/<int:pk>/avholdt/", views.meeting_mark_held, name="meeting_mark_held"),
    path("moter/<int:pk>/avlys/", views.meeting_cancel, name="meeting_cancel"),
    path("moter/<int:pk>/protokoll/", views.minutes_detail, name="minutes_detail"),
    path("moter/<int:pk>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("moter/<int:pk>/protokoll/fore/", views.minutes_edit, name="minutes_edit"),
    path("moter/<int:pk>/protokoll/publiser/", views.minutes_publish, name="minutes_publish"),
    path("moter/<int:pk>/saker/ny/", views.case_create, name="case_create"),
    path("moter/saker/<int:pk>/", views.case_edit, name="case_edit"),
    path("moter/saker/<int:pk>/vedlegg/", views.case_attachment_add, name="case_attachment_add"),
    path("moter/saker/<int:pk>/flytt/", views.case_move, name="case_move"),
    path("moter/saker/<int:pk>/trekk/", views.case_withdraw, name="case_withdraw"),
    path("moter/saker/<int:pk>/rekkefolge/", views.case_reorder, name="case_reorder"),
    path("moter/vedlegg/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("moter/vedlegg/<int:pk>/fjern/", views.attachment_remove, name="attachment_remove"),
    path("vedtak/", views.decision_register, name="decision_register"),
    path("vedtak/<int:year>/", views.decision_register, name="decision_register_year"),
    path("vedtak/<int:year>/<casenr:number>/", views.decision_detail, name="decision_detail"),
    path("kalender/", calendar_views.calendar_page, name="calendar"),
    path("apne-moter/", public_views.public_meeting_list, name="public_meeting_list"),
    path("apne-moter/<int:pk>/", public_views.public_meeting_detail, name="public_meeting_detail"),
    path("apne-moter/<int:pk>/protokoll/", public_views.public_minutes, name="public_minutes"),
    path("apne-moter/vedlegg/<int:pk>/", public_views.public_attachment, name="public_attachment"),
    path("kalender/<str:token>/styringsgruppen.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
