"""The access matrix's objects of the other apps (invoices, meetings, events …), built on first use.

Each belongs to organisation A, so an OWN_ORG page can be asked with A's object by B's contact.
Every URL of the matrix is asked in its own test; a builder runs only when a URL reads one of
its attributes (access.MatrixObjects looks them up in LAZY).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils import timezone

from tests.factories import ContactRoleFactory

if TYPE_CHECKING:
    from .access import MatrixObjects


def _members_extra(o: MatrixObjects) -> None:
    """An open invitation for a second contact of A (its token is the accept link's key)."""
    from members.services.invitations import invitation_token, invite_person

    role = ContactRoleFactory(organisation=o.org_a, is_primary=False)
    o.invitation = invite_person(person=role.person, organisation=o.org_a, by=o.users["coordinator"])
    o.invitation_token = invitation_token(o.invitation)


def _notice_a(o: MatrixObjects) -> None:
    """A has given notice in the portal (the notice letter exists)."""
    from members.models import Membership
    from members.services.lifecycle import give_notice

    o.notice_a = give_notice(
        membership=o.membership_a,
        given_on=o.today,
        signed_by_name="Kari Nordmann",
        signed_by_title="Kommunedirektør",
        channel=Membership.NoticeChannel.PORTAL,
        by=o.users["contact_a"],
    )


def _billing(o: MatrixObjects) -> None:
    """An issued invoice of A and an OCR payment that matched no invoice."""
    from billing.models import Payment
    from billing.services.invoices import issue_invoice

    o.invoice_a = issue_invoice(
        organisation=o.org_a,
        membership=o.membership_a,
        lines=[("Kontingent Bærekraftsnettverket", 2_500_000)],
        by=o.users["coordinator"],
    )
    o.unmatched_payment = Payment.objects.create(
        kid="0000000000", amount_ore=12_345, paid_on=o.today, source=Payment.Source.MANUAL, reference="uten KID"
    )


SECRET_CASE_TITLE = "Fortrolig personalsak for styringsgruppen"
OPEN_CASE_TITLE = "Handlingsplan for nettverket"


def _meetings(o: MatrixObjects) -> None:
    """A held steering-group meeting with published agenda and minutes: one open and one
    confidential decided case (the confidential one with an attachment); a next meeting with a
    published agenda and a case on it; the steering member's private calendar token."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.services import meetings as services

    by = o.users["coordinator"]
    held = services.schedule_meeting(
        body=o.steering_body,
        date=o.today - datetime.timedelta(days=30),
        starts_at=datetime.time(10),
        place="Oslo",
        by=by,
    )
    open_case = services.create_case(body=o.steering_body, title=OPEN_CASE_TITLE, meeting=held, by=by)
    secret_case = services.create_case(
        body=o.steering_body, title=SECRET_CASE_TITLE, confidential=True, meeting=held, by=by
    )
    o.attachment = services.add_attachment(
        case=secret_case,
        upload=SimpleUploadedFile("notat.pdf", b"%PDF-1.4\nfortrolig\n", content_type="application/pdf"),
        title="Notat",
        by=by,
    )
    services.publish_agenda(meeting=held, by=by, notify=False)
    services.mark_meeting_held(meeting=held, by=by)
    for case in (open_case, secret_case):
        services.record_decision(case=case, decision="Vedtatt som foreslått.", by=by)
    services.publish_minutes(meeting=held, by=by)
    upcoming = services.schedule_meeting(
        body=o.steering_body,
        date=o.today + datetime.timedelta(days=30),
        starts_at=datetime.time(10),
        place="Oslo",
        by=by,
    )
    o.next_case = services.create_case(body=o.steering_body, title="Årsmelding", meeting=upcoming, by=by)
    services.publish_agenda(meeting=upcoming, by=by, notify=False)
    held.refresh_from_db()
    secret_case.refresh_from_db()
    upcoming.refresh_from_db()
    o.meeting, o.next_meeting, o.secret_decision, o.open_decision = held, upcoming, secret_case, open_case
    o.calendar_token = services.calendar_token_for(user=o.users["steering"]).token


def _governance(o: MatrixObjects) -> None:
    """A working group led by A's contact with a pending join request from B; an open election
    with A's contact nominated."""
    from governance.models import Nomination
    from governance.services import elections, working_groups

    by = o.users["coordinator"]
    o.working_group = working_groups.create_working_group(
        name="Arbeidsgruppe klimaregnskap", leading_organisation=o.org_a, lead_person=o.person_a, by=by
    )
    o.join_request = working_groups.request_to_join(body=o.working_group, person=o.person_b, by=o.users["contact_b"])
    year = o.today.year + 1
    o.election = elections.open_election(year=year, terms_start_on=datetime.date(year, 4, 1), by=by)
    o.nomination = elections.nominate(
        election=o.election, person=o.person_a, via=Nomination.Via.COORDINATOR, statement="Erfaren", by=by
    )


def _activities(o: MatrixObjects) -> None:
    """A members-only event with a registration of A and an unmatched participant-list row; an open
    event with a public registration (its cancel link's token)."""

    from activities.models import Event, ParticipantImport, ParticipantRow
    from activities.services import cancel_token
    from tests.factories import BaerekraftsfredagFactory, EventFactory, RegistrationFactory

    soon = timezone.now() + datetime.timedelta(days=30)
    o.member_event = EventFactory(audience=Event.Audience.MEMBERS, starts_at=soon)
    o.open_event = BaerekraftsfredagFactory(starts_at=soon)
    o.registration_a = RegistrationFactory(
        event=o.member_event, person=o.person_a, organisation=o.org_a, name=o.person_a.full_name, email=o.person_a.email
    )
    public = RegistrationFactory(event=o.open_event, name="Ola Utenfra", email="ola@example.org")
    o.cancel_token = cancel_token(public)
    batch = ParticipantImport.objects.create(
        event=o.member_event, file_name="deltakere.csv", imported_by=o.users["coordinator"], row_count=1
    )
    o.participant_row = ParticipantRow.objects.create(
        participant_import=batch,
        event=o.member_event,
        line_number=2,
        name="Ukjent Deltaker",
        email="ukjent@example.org",
        reason="Ingen treff",
    )


def _open_meetings(o: MatrixObjects) -> None:
    """A body with open meetings (a working group of the network the matrix asks about: the public pages
    show their own network's open meetings only): a meeting with approved minutes, an open case's attachment
    and an exempt one's; and a closed body's meeting (the steering group's) for the refusals."""
    from governance.models import BodyKind
    from tests.factories import first_network, open_meetings

    made = open_meetings(by=o.users["coordinator"], today=o.today, network=first_network(), kind=BodyKind.WORKING_GROUP)
    o.public_meeting, o.public_attachment = made["meeting"], made["open_attachment"]
    o.exempt_attachment = made["exempt_attachment"]


def _action_plans(o: MatrixObjects) -> None:
    """The default network's adopted plan for last year, with a document, and this year's draft."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.services import action_plans
    from members.networks import default_network

    by, network = o.users["coordinator"], default_network()
    adopted = action_plans.create_action_plan(
        network=network, year=o.today.year - 1, title="Handlingsplan i fjor", by=by,
        document=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\nplan\n", content_type="application/pdf"),
    )  # fmt: skip
    o.adopted_plan = action_plans.adopt_action_plan(
        plan=adopted, adopted_on=o.today, adopted_by="Styringsgruppen, sak 01/25", by=by
    )
    o.draft_plan = action_plans.create_action_plan(network=network, year=o.today.year, title="Utkast i år", by=by)


def _dashboard(o: MatrixObjects) -> None:
    from members.networks import default_network
    from network.models import Job

    o.job = Job.objects.create(
        network=default_network(),
        kind=Job.Kind.BULK_EMAIL, label="Utsendelse til medlemmene", started_by=o.users["coordinator"]
    )


def _public_media(o: MatrixObjects) -> None:
    """A file in MEDIA_ROOT (public files only: case attachments live outside it)."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    (root / "offentlig.txt").write_text("offentlig\n")
    o.public_media_path = "offentlig.txt"


LAZY: dict[str, Callable[[MatrixObjects], None]] = {
    **dict.fromkeys(("invitation", "invitation_token"), _members_extra),
    "notice_a": _notice_a,
    **dict.fromkeys(("invoice_a", "unmatched_payment"), _billing),
    **dict.fromkeys(
        ("meeting", "next_meeting", "secret_decision", "open_decision", "next_case", "attachment", "calendar_token"),
        _meetings,
    ),
    **dict.fromkeys(("working_group", "join_request", "election", "nomination"), _governance),
    **dict.fromkeys(("member_event", "open_event", "registration_a", "cancel_token", "participant_row"), _activities),
    **dict.fromkeys(("public_meeting", "public_attachment", "exempt_attachment"), _open_meetings),
    **dict.fromkeys(("adopted_plan", "draft_plan"), _action_plans),
    "job": _dashboard,
    "public_media_path": _public_media,
}
