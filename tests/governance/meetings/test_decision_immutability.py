"""A decision is final once its minutes are published (R8): no path changes or deletes it.

The same promise invoices make (R4): the page, the admin, the ORM and raw SQL all refuse; a
correction is a new case. Before the minutes are published the decision can still be corrected
through the minutes form, so "final" starts at publishing, as `record_decision` already says.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from governance.models import Case, Meeting
from governance.services.meetings import (
    mark_meeting_held,
    publish_minutes,
    record_decision,
    update_case,
)
from tests.conftest import on_postgresql

pytestmark = pytest.mark.django_db

DECISION = "Styringsgruppen vedtar årsplanen for 2024."


@pytest.fixture
def final_case(plan, add_case, coordinator) -> Case:
    """Sak 01/24, decided in the meeting of 14 March 2024, minutes published."""
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Årsplan 2024")
    mark_meeting_held(meeting=meeting, by=coordinator)
    record_decision(case=case, decision=DECISION, by=coordinator)
    publish_minutes(meeting=meeting, by=coordinator)
    case.refresh_from_db()
    assert case.decision_is_final
    return case


def _unchanged(case: Case) -> None:
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.decision, stored.title, stored.number, stored.year, stored.meeting_id) == (
        Case.Status.DECIDED,
        DECISION,
        "Årsplan 2024",
        1,
        2024,
        case.meeting_id,
    )


# --- the coordinator's pages ------------------------------------------------------------------


def test_the_case_page_of_a_final_decision_saves_nothing(client, coordinator, final_case):
    client.force_login(coordinator)
    url = reverse("meetings:case_edit", kwargs={"pk": final_case.pk})

    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Ny tittel", "background": "", "proposed_decision": "", "presenter": "", "confidential": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    _unchanged(final_case)


def test_the_minutes_form_cannot_rewrite_a_final_decision(client, coordinator, final_case):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:minutes_edit", kwargs={"pk": final_case.meeting_id}),
        {"other_attendees": "", "minutes_notes": "", f"decision-{final_case.pk}": "Noe helt annet."},
    )

    assert response.status_code in (200, 302)
    _unchanged(final_case)


def test_the_service_refuses_to_edit_or_re_decide_a_final_case(coordinator, final_case):
    with pytest.raises(ValidationError):
        update_case(case=final_case, title="X", background="", proposed_decision="", presenter="", confidential=False)
    with pytest.raises(ValidationError):
        record_decision(case=final_case, decision="Noe annet.", by=coordinator)
    _unchanged(final_case)


# --- the admin ---------------------------------------------------------------------------------


def test_the_admin_shows_a_final_decision_read_only_and_refuses_a_post(admin_client, final_case):
    url = reverse("admin:governance_case_change", args=[final_case.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="decision"' not in page.content.decode()
    assert admin_client.post(url, {"title": "X", "decision": "Endret i admin."}).status_code == 403
    _unchanged(final_case)


def test_the_admin_cannot_delete_a_final_decision_by_page_or_action(admin_client, final_case):
    assert admin_client.get(reverse("admin:governance_case_delete", args=[final_case.pk])).status_code == 403
    assert (
        admin_client.post(reverse("admin:governance_case_delete", args=[final_case.pk]), {"post": "yes"}).status_code
        == 403
    )
    admin_client.post(
        reverse("admin:governance_case_changelist"),
        {"action": "delete_selected", "_selected_action": [final_case.pk], "post": "yes"},
    )
    _unchanged(final_case)


def test_the_admin_history_cannot_revert_a_final_decision_to_an_earlier_version(admin_client, final_case):
    """Reverting would write the old row back: status "on agenda", no decision — past every service."""
    before_decision = final_case.history.filter(status=Case.Status.ON_AGENDA).latest("history_date")
    url = reverse("admin:governance_case_simple_history", args=[final_case.pk, before_decision.history_id])

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"title": "Årsplan 2024", "decision": ""}).status_code == 403
    _unchanged(final_case)


def test_the_admin_history_cannot_revert_any_case(admin_client, plan, add_case):
    """Cases change through the services only (numbers, status); the admin history is for reading."""
    case = add_case(plan(datetime.date(2024, 3, 14)), "Første tittel")
    Case.objects.filter(pk=case.pk).update(title="Andre tittel")  # not final: allowed
    first = case.history.earliest("history_date")
    url = reverse("admin:governance_case_simple_history", args=[case.pk, first.history_id])

    assert admin_client.post(url, {"title": "Første tittel"}).status_code == 403
    assert Case.objects.get(pk=case.pk).title == "Andre tittel"


# --- the ORM -----------------------------------------------------------------------------------


def test_save_after_changing_the_decision_is_refused(final_case):
    final_case.decision = "Endret."
    with pytest.raises(ValidationError) as raised:
        final_case.save()
    assert raised.value.code == "decision_final"
    _unchanged(final_case)


def test_save_cannot_unlock_a_final_decision_by_changing_its_status_first(final_case):
    final_case.status = Case.Status.ON_AGENDA
    final_case.decision = ""
    with pytest.raises(ValidationError):
        final_case.save(update_fields=["status", "decision"])
    _unchanged(final_case)


def test_queryset_update_and_bulk_update_are_refused(final_case):
    with pytest.raises(ValidationError):
        Case.objects.filter(pk=final_case.pk).update(decision="Endret.")
    with pytest.raises(ValidationError):
        Case.objects.all().update(title="Alle saker")
    final_case.decision = "Endret."
    with pytest.raises(ValidationError), transaction.atomic():  # bulk_update breaks the outer transaction
        Case.objects.bulk_update([final_case], ["decision"])
    _unchanged(final_case)


def test_delete_is_refused_by_the_instance_and_the_queryset(final_case):
    with pytest.raises(ValidationError):
        final_case.delete()
    with pytest.raises(ValidationError):
        Case.objects.filter(pk=final_case.pk).delete()
    _unchanged(final_case)


def test_a_decided_case_is_still_correctable_until_the_minutes_are_published(plan, add_case, coordinator):
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Årsplan")
    mark_meeting_held(meeting=meeting, by=coordinator)
    record_decision(case=case, decision="Første formulering.", by=coordinator)

    record_decision(case=case, decision="Rettet formulering.", by=coordinator)

    assert Case.objects.get(pk=case.pk).decision == "Rettet formulering."
    assert not Case.objects.final().exists()


def test_the_refusal_is_a_clear_norwegian_message_that_points_to_a_new_case(final_case):
    with pytest.raises(ValidationError) as raised:
        final_case.delete()
    assert "ny sak" in raised.value.messages[0]


# --- the database itself -----------------------------------------------------------------------


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_raw_sql_update_and_delete_of_a_final_decision(final_case):
    if not on_postgresql():
        pytest.skip("the trigger of governance 0006 exists only on PostgreSQL")
    for sql in (
        "UPDATE governance_case SET decision = 'Endret.' WHERE id = %s",
        "UPDATE governance_case SET status = 'on_agenda' WHERE id = %s",
        "DELETE FROM governance_case WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="final decision"):
            _raw(sql, [final_case.pk])
    _unchanged(final_case)


def test_the_database_keeps_the_lock_itself_published_minutes_stay_published(final_case):
    if not on_postgresql():
        pytest.skip("the trigger of governance 0006 exists only on PostgreSQL")
    for sql in (
        "UPDATE governance_meeting SET minutes_published_at = NULL WHERE id = %s",
        "UPDATE governance_meeting SET status = 'planned' WHERE id = %s",
        "DELETE FROM governance_meeting WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="published minutes"):
            _raw(sql, [final_case.meeting_id])
    meeting = Meeting.objects.get(pk=final_case.meeting_id)
    assert meeting.minutes_published_at is not None
    _unchanged(final_case)


def test_the_database_still_lets_open_cases_and_meetings_change(plan, add_case):
    if not on_postgresql():
        pytest.skip("the trigger of governance 0006 exists only on PostgreSQL")
    case = add_case(plan(datetime.date(2024, 3, 14)), "Åpen sak")
    _raw("UPDATE governance_case SET title = 'Endret' WHERE id = %s", [case.pk])
    _raw("UPDATE governance_meeting SET place = 'Bergen' WHERE id = %s", [case.meeting_id])
    assert Case.objects.get(pk=case.pk).title == "Endret"


# --- history: who and when ---------------------------------------------------------------------


def test_history_records_who_decided_and_when(coordinator, final_case):
    decided = final_case.history.filter(status=Case.Status.DECIDED).earliest("history_date")

    assert decided.history_user == coordinator
    assert decided.decision == DECISION
    assert decided.history_date is not None
    assert decided.history_type == "~"
    publish = Meeting.history.filter(id=final_case.meeting_id, minutes_published_at__isnull=False).earliest(
        "history_date"
    )
    assert publish.history_user == coordinator


def test_history_through_the_minutes_page_records_the_logged_in_user(client, plan, add_case, coordinator):
    meeting = plan(datetime.date(2024, 3, 14))
    case = add_case(meeting, "Årsplan")
    mark_meeting_held(meeting=meeting, by=coordinator)
    client.force_login(coordinator)

    client.post(
        reverse("meetings:minutes_edit", kwargs={"pk": meeting.pk}),
        {"other_attendees": "", "minutes_notes": "", f"decision-{case.pk}": "Vedtatt på siden."},
    )

    latest = Case.history.filter(id=case.pk).latest("history_date")
    assert (latest.decision, latest.history_user) == ("Vedtatt på siden.", coordinator)
