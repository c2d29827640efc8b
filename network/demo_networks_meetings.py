"""Meetings and action plans of the demo's other networks (network/demo_networks.py), through the
governance services: a cluster's action plan for this year, the national agreement's yearly
political meetings, and the partnership's open meetings (published agendas, approved minutes).
"""

from __future__ import annotations

import datetime

from governance.models import Body, BodyKind, BodyKindSettings, Case, Meeting
from governance.services import action_plans
from governance.services import meetings as services
from members.models import Network, User


def action_plan(*, network: Network, today: datetime.date, adopted: bool, by: User) -> None:
    """This year's plan: adopted by the cluster's leaders in one cluster, still a draft in the other."""
    plan = action_plans.create_action_plan(
        network=network,
        year=today.year,
        title=f"Handlingsplan {today.year}",
        summary="- kartlegge kommunenes kunnskapsbehov\n- to felles FoUI-prosjekter med forskningspartneren\n"
        "- samling for FoUI-kontaktene hvert halvår",
        by=by,
    )
    if adopted:
        action_plans.adopt_action_plan(
            plan=plan,
            adopted_on=min(today, datetime.date(today.year, 2, 15)),
            adopted_by=f"Klyngeledermøtet, sak 03/{today:%y}",
            by=by,
        )


def _hold(meeting: Meeting, *, by: User) -> None:
    """Hold a meeting with a published agenda, decide every case as proposed and publish the minutes."""
    services.mark_meeting_held(meeting=meeting, by=by)
    services.save_minutes(
        meeting=meeting,
        present_person_ids=set(),
        attendance_notes={},
        other_attendees="Partenes representanter",
        minutes_notes="",
        decisions={c.pk: c.proposed_decision for c in meeting.cases.filter(status=Case.Status.ON_AGENDA)},
        by=by,
    )
    services.publish_minutes(meeting=meeting, by=by)


def _agenda(meeting: Meeting, body: Body, items: list[tuple[str, str]], *, by: User) -> None:
    for title, proposal in items:
        services.create_case(body=body, meeting=meeting, title=title, proposed_decision=proposal, by=by)
    services.publish_agenda(meeting=meeting, by=by, notify=False)


def political_meetings(*, network: Network, by: User) -> None:
    """The agreement's yearly political meeting, 2022 and 2023; the 2023 meeting approved the 2022 minutes."""
    body = Body.objects.create(
        network=network, kind=BodyKind.STEERING_GROUP, name="Politisk møte", slug=f"{network.slug}-politisk-mote",
        schedule="Ett politisk møte i året mellom statsråden og KS' ledelse.",
    )
    BodyKindSettings.objects.get_or_create(
        network=network, kind=BodyKind.STEERING_GROUP, defaults={"meetings_per_year_min": 1, "meetings_per_year_max": 1}
    )
    dates = [datetime.date(2022, 10, 20), datetime.date(2023, 10, 19)]
    held = [
        services.schedule_meeting(body=body, date=day, starts_at=datetime.time(13, 0), ends_at=datetime.time(15, 0),
                                  place="Departementet, Akersgata 59, Oslo", by=by)
        for day in dates
    ]
    for meeting in held:
        _agenda(meeting, body, [
            (f"Status for samarbeidet {meeting.date.year}", "Partene tar statusrapporten til orientering."),
            ("Forsøk og eksperimentering i kommunesektoren", "Partene viderefører arbeidet med forsøk."),
        ], by=by)
        _hold(meeting, by=by)


def partnership_meetings(*, network: Network, today: datetime.date, by: User) -> None:
    """Open partnership meetings (at least two a year): two held (the first's minutes approved in the
    second) and the next two with their agendas published, readable by anyone."""
    BodyKindSettings.objects.get_or_create(
        network=network, kind=BodyKind.STEERING_GROUP, defaults={"meetings_per_year_min": 2}
    )
    body = Body.objects.create(
        network=network, kind=BodyKind.STEERING_GROUP, name="Partnerskapsmøtet", slug=f"{network.slug}-partnerskapsmote",
        meetings_public=True, schedule="Minst to møter i året.",
    )
    days = [today - datetime.timedelta(days=150), today - datetime.timedelta(days=40),
            today + datetime.timedelta(days=14), today + datetime.timedelta(days=70)]
    planned = [
        services.schedule_meeting(body=body, date=day, starts_at=datetime.time(9, 0), ends_at=datetime.time(11, 30),
                                  place="Bærum rådhus, Arnold Hazelands vei 10, Sandvika" if i % 2 == 0
                                  else "Asker rådhus, Katrineåsveien 20, Asker", by=by)
        for i, day in enumerate(days)
    ]
    topics = [
        ("Felles plan- og arealutfordringer", "Partene slutter seg til samordningen av planarbeidet."),
        ("Mobilitet og samferdsel", "Partene ber administrasjonene utrede felles tiltak for trafikksikkerhet."),
        ("Videregående utdanning: overgang fra grunnskolen", "Saken tas til orientering."),
        ("Klima og miljø: utslippsfrie anleggsplasser", "Partene følger opp arbeidet med felles kriterier."),
    ]
    for index, meeting in enumerate(planned):
        _agenda(meeting, body, [topics[index]], by=by)
        if meeting.date < today:
            _hold(meeting, by=by)
