"""Factories for the governance app."""

import datetime

import factory
from django.utils import timezone

from governance.models import Body, BodyKind, Election, Term

from .members import MembershipFactory, PersonFactory, first_network


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.LazyFunction(first_network)
    kind = BodyKind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbeidsgruppe {n}")
    slug = factory.Sequence(lambda n: f"arbeidsgruppe-{n}")
    theme = "Indikatorer"


def member_person(**kwargs):
    """A person from a member in good standing (an active membership is made for them)."""
    membership = MembershipFactory()
    return PersonFactory(organisation=membership.organisation, **kwargs)


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    body = factory.LazyFunction(lambda: Body.objects.get(network=first_network(), kind=BodyKind.STEERING_GROUP))
    year = 2025
    terms_start_on = datetime.date(2025, 4, 1)


OPEN_PAPER_TITLE = "Fokusliste for partnerskapet"
EXEMPT_PAPER_TITLE = "Unntatt offentlighet: forhandlingsnotat"


def open_meetings(
    *, by, public: bool = True, network=None, kind: str = BodyKind.STEERING_GROUP, today: datetime.date | None = None
) -> dict:
    """A body with open meetings (`public`) in `network` (a new one), with a held meeting whose agenda has
    an open case with an attachment and an exempt (confidential) case with one, minutes approved at a
    second held meeting, and a third meeting still a draft. Everything through the services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.services import meetings as services

    from .members import NetworkFactory

    today = today or timezone.localdate()
    network = network or NetworkFactory(name="Partnerskap Asker og Bærum", slug="partnerskap-ab")
    body = Body.objects.create(
        network=network, kind=kind, name="Partnerskapsmøtet",
        slug=f"partnerskapsmotet-{network.pk}", meetings_public=public,
    )  # fmt: skip

    def meeting(days_ago: int):
        return services.schedule_meeting(
            body=body, date=today - datetime.timedelta(days=days_ago), starts_at=datetime.time(18), place="Asker", by=by
        )

    def pdf(name: str):
        return SimpleUploadedFile(name, b"%PDF-1.4\n" + name.encode() + b"\n", content_type="application/pdf")

    held = meeting(60)
    open_case = services.create_case(body=body, title=OPEN_PAPER_TITLE, meeting=held, by=by)
    exempt_case = services.create_case(body=body, title=EXEMPT_PAPER_TITLE, confidential=True, meeting=held, by=by)
    open_attachment = services.add_attachment(case=open_case, upload=pdf("fokus.pdf"), title="Fokusliste", by=by)
    exempt_attachment = services.add_attachment(case=exempt_case, upload=pdf("notat.pdf"), title="Notat", by=by)
    services.publish_agenda(meeting=held, by=by, notify=False)
    services.mark_meeting_held(meeting=held, by=by)
    for case in (open_case, exempt_case):
        services.record_decision(case=case, decision="Vedtatt som foreslått.", by=by)
    approving = meeting(30)
    services.publish_minutes(meeting=held, by=by)
    services.publish_agenda(meeting=approving, by=by, notify=False)
    services.mark_meeting_held(meeting=approving, by=by)
    approval = approving.cases.get(approves_minutes_of=held)
    services.record_decision(case=approval, decision="Protokollen godkjennes.", by=by)
    draft = services.schedule_meeting(
        body=body, date=today + datetime.timedelta(days=30), starts_at=datetime.time(18), place="Bærum", by=by
    )
    services.create_case(body=body, title="Utkast som ikke er publisert", meeting=draft, by=by)
    held.refresh_from_db()
    return {
        "network": network, "body": body, "meeting": held, "approving": approving, "draft": draft,
        "open_case": open_case, "exempt_case": exempt_case,
        "open_attachment": open_attachment, "exempt_attachment": exempt_attachment,
    }  # fmt: skip


__all__ = [
    "WorkingGroupFactory", "ElectionFactory", "member_person", "Term", "open_meetings",
    "OPEN_PAPER_TITLE", "EXEMPT_PAPER_TITLE",
]  # fmt: skip
