"""Demo meetings, cases and minutes for the steering group, through the services.

Five meetings a year from 2024 up to today, held with published agendas, decisions, attendance and
minutes approved in the next meeting, plus the next meeting with its agenda published (nobody emailed). Case 07/24 is the
revised mandate that the mandate's change log cites ("rev. 08.02.24, vedtak 07/24").
Idempotent: nothing is added when the steering group has meetings already.
"""

from __future__ import annotations

import datetime

from members.networks import default_network

from .models import Body, BodyKind, Case, Meeting
from .services import meetings as services

MONTHS = (2, 4, 6, 9, 11)
FIRST_YEAR = 2024

# (title, background, proposed decision, confidential); {y} is the meeting's year.
CASES: dict[int, list[tuple[str, str, str, bool]]] = {
    2: [
        (
            "Årsrapport {py}",
            "Koordinator legger fram utkast til årsrapport for {py}.\n\n- aktiviteter og deltakelse\n- medlemsutvikling\n- økonomi",
            "Styringsgruppen godkjenner årsrapporten for {py}.",
            False,
        ),
        (
            "Regnskap {py} og budsjett {y}",
            "Regnskapet viser et lite overskudd. Budsjettet for {y} bygger på kontingent fra alle medlemmer.",
            "Regnskapet for {py} tas til etterretning. Budsjettet for {y} vedtas.",
            False,
        ),
        (
            "Plan for vårens nettverkssamling {y}",
            "Forslag om en todagers samling med prosjektverksted. Vertskommune foreslås av koordinator.",
            "Styringsgruppen slutter seg til planen for vårens samling.",
            False,
        ),
    ],
    4: [
        (
            "Handlingsplan {y}",
            "Handlingsplanen følger de seks samarbeidsområdene i mandatet.",
            "Handlingsplanen for {y} vedtas.",
            False,
        ),
        (
            "Bærekraftsfredager høsten {y}",
            "Forslag til tema for de digitale bærekraftsfredagene fra september til desember.",
            "Temaene for høstens bærekraftsfredager vedtas.",
            False,
        ),
        (
            "Innspill til Arendalsuka {y}",
            "Nettverket kan arrangere et felles frokostmøte med KS.",
            "Nettverket deltar på Arendalsuka med et felles arrangement.",
            False,
        ),
    ],
    6: [
        (
            "Status for arbeidsgruppene",
            "Lederne for arbeidsgruppene orienterer om framdrift.",
            "Saken tas til orientering.",
            False,
        ),
        (
            "Plan for høstens nettverkssamling {y}",
            "Samlingen legges til oktober, med vekt på samarbeid på tvers av regioner.",
            "Styringsgruppen slutter seg til planen for høstens samling.",
            False,
        ),
        (
            "Forhandlinger med KS om finansiering {ny}",
            "Fortrolig inntil forhandlingene er avsluttet.",
            "Leder og koordinator gis fullmakt til å forhandle innenfor rammen som ble drøftet i møtet.",
            True,
        ),
    ],
    9: [
        (
            "Valgkomité for valg til styringsgruppen",
            "Styringsgruppen roterer årlig. Valgkomiteen foreslår kandidater til årsmøtet.",
            "Valgkomiteen oppnevnes som foreslått.",
            False,
        ),
        (
            "Rekruttering av nye medlemmer",
            "Flere kommuner har vist interesse etter Arendalsuka.",
            "Koordinator følger opp interesserte kommuner.",
            False,
        ),
        (
            "Evaluering av Arendalsuka {y}",
            "Godt oppmøte og gode tilbakemeldinger.",
            "Saken tas til orientering.",
            False,
        ),
    ],
    11: [
        (
            "Kontingent og budsjett {ny}",
            "Kontingentsatsene foreslås uendret.",
            "Kontingentsatsene for {ny} videreføres uendret.",
            False,
        ),
        (
            "Møteplan {ny}",
            "Forslag om fem møter, to fysiske og tre digitale.",
            "Møteplanen for {ny} vedtas.",
            False,
        ),
        (
            "Vurdering av frikjøp i ressursgruppen",
            "Gjelder enkeltpersoners arbeidsforhold.",
            "Frikjøp videreføres for ett år.",
            True,
        ),
    ],
}

# The first meeting of 2024 revised the mandate: its decision is 07/24.
FEBRUARY_2024_EXTRA = [
    (
        "Kontingent fra 2024",
        "Kontingenten fra 1. januar 2023 videreføres.",
        "Kontingentsatsene videreføres.",
        False,
    ),
    (
        "Rutiner for innkreving via KS",
        "KS administrerer innbetalingen av kontingenten.",
        "Rutinene tas til orientering.",
        False,
    ),
    (
        "Mandat for arbeidsgruppene",
        "Arbeidsgruppene er medlemsdrevne og knyttet til samarbeidsområdene.",
        "Mandatene vedtas.",
        False,
    ),
    (
        "Revidert mandat for Bærekraftsnettverket",
        "Mandatet fra 2022 er gjennomgått. Endringene gjelder blant annet ressursgruppen og regionalt samarbeid.",
        "Styringsgruppen vedtar revidert mandat for Bærekraftsnettverket, datert 08.02.24.",
        False,
    ),
]

UPCOMING = [
    (
        "Årsrapport {py}",
        "Utkast sendes ut før møtet.",
        "Styringsgruppen godkjenner årsrapporten for {py}.",
        False,
    ),
    (
        "Plan for vårens nettverkssamling {y}",
        "Forslag til program og vertskommune.",
        "Styringsgruppen slutter seg til planen.",
        False,
    ),
]


def _second_thursday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (3 - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7)


def _fill(text: str, year: int) -> str:
    return text.format(y=year, py=year - 1, ny=year + 1)


def seed(*, today, context, out) -> None:
    body, _created = Body.objects.get_or_create(
        network=default_network(),
        kind=BodyKind.STEERING_GROUP,
        defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"},
    )
    if Meeting.objects.filter(body=body).exists():
        out.write("Demo meetings exist already: leaving them as they are.")
        return
    by = context.coordinator
    rng = context.rng

    dates = []
    for year in range(FIRST_YEAR, today.year + 2):
        for month in MONTHS:
            day = _second_thursday(year, month)
            dates.append(day)
            if day >= today:
                break
        if dates[-1] >= today:
            break
    dates[0] = datetime.date(2024, 2, 8)  # the mandate revision: rev. 08.02.24

    meetings = [
        services.schedule_meeting(
            body=body,
            date=day,
            starts_at=datetime.time(10, 0) if i % 2 == 0 else datetime.time(12, 30),
            ends_at=datetime.time(14, 0) if i % 2 == 0 else datetime.time(15, 0),
            place="KS-huset, Haakon VIIs gate 9, Oslo" if day.month in (2, 9) else "",
            video_link="https://teams.microsoft.com/l/meetup-join/baerekraftsnettverket",
            by=by,
        )
        for i, day in enumerate(dates)
    ]

    for meeting in meetings[:-1]:
        items = list(CASES[meeting.date.month])
        if meeting.date == datetime.date(2024, 2, 8):
            items += FEBRUARY_2024_EXTRA
        for title, background, proposal, confidential in items:
            services.create_case(
                body=body,
                meeting=meeting,
                title=_fill(title, meeting.date.year),
                background=_fill(background, meeting.date.year),
                proposed_decision=_fill(proposal, meeting.date.year),
                presenter="Nettverkskoordinator" if rng.random() < 0.6 else "Leder av styringsgruppen",
                confidential=confidential,
                by=by,
            )
        services.publish_agenda(meeting=meeting, by=by, notify=False)
        services.mark_meeting_held(meeting=meeting, by=by)
        attendance = list(meeting.attendances.all())
        absent = {rng.choice(attendance).person_id} if len(attendance) > 3 else set()
        services.save_minutes(
            meeting=meeting,
            present_person_ids={a.person_id for a in attendance} - absent,
            attendance_notes={pid: "Meldt forfall" for pid in absent},
            other_attendees="Nettverkskoordinator (referent)",
            minutes_notes="",
            decisions={c.pk: c.proposed_decision for c in meeting.cases.filter(status=Case.Status.ON_AGENDA)},
            by=by,
        )
        services.publish_minutes(meeting=meeting, by=by)

    upcoming = meetings[-1]
    for title, background, proposal, confidential in UPCOMING:
        services.create_case(
            body=body,
            meeting=upcoming,
            title=_fill(title, upcoming.date.year),
            background=_fill(background, upcoming.date.year),
            proposed_decision=_fill(proposal, upcoming.date.year),
            presenter="Nettverkskoordinator",
            confidential=confidential,
            by=by,
        )
    services.publish_agenda(meeting=upcoming, by=by, notify=False)
    out.write(
        f"{len(meetings) - 1} held steering-group meetings with minutes, and the published agenda for "
        f"{upcoming.date:%d.%m.%Y}. The mandate's decision: /vedtak/2024/07/"
    )
