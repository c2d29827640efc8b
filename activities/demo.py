"""Demo activities for `manage.py seed_demo`, after the members are seeded.

This year's two physical gatherings are past, with attendance (some members absent); an
upcoming gathering is open for registration (the demo's contact logins have not registered yet); digital member meetings about monthly; a
Bærekraftsfredag most months with public registrations; Arendalsuka as a joint initiative;
and one imported participant list with rows left for manual matching. Idempotent: when
events exist, nothing is added.
"""

from __future__ import annotations

import datetime
import zoneinfo

from members.demo import MEN, SURNAMES, WOMEN, DemoContext
from members.networks import default_network

from . import services
from .models import Event, ParticipantImport

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
VIDEO = "https://kommunesektorens-video.example.no/baerekraft"

FREDAG_TOPICS = [
    "Sirkulære innkjøp i kommunen",
    "U4SSC-indikatorene i praksis",
    "Bærekraftsbudsjettering",
    "Klimaregnskap for kommuner",
    "Medborgerskap og frivillighet",
    "Naturregnskap og arealnøytralitet",
    "Bærekraft i kommuneplanens samfunnsdel",
    "Ungdomsmedvirkning",
    "Grønn mobilitet i distriktene",
    "Folkehelse og sosial bærekraft",
    "Energi og beredskap",
]
PUBLIC_ORGS = ["Statsforvalteren", "Høgskolen i Innlandet", "Frivillighet Norge", "NAV", "Asplan", "Student", ""]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def _weekday_in_month(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The nth (1-based; -1 for last) given weekday of a month."""
    if nth > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _past_gathering_days(today: datetime.date) -> list[datetime.date]:
    start = datetime.date(today.year, 1, 1)
    spread = max((today - start).days, 2)
    days = []
    for usual, fraction in ((datetime.date(today.year, 4, 23), 1 / 3), (datetime.date(today.year, 9, 24), 2 / 3)):
        days.append(usual if usual < today else start + datetime.timedelta(days=int(spread * fraction)))
    return days


def _make(kind, title, start, end, *, by, **extra) -> Event:
    return services.create_event(
        kind=kind, title=title, starts_at=start, ends_at=end, by=by, network=default_network(), **extra
    )


def seed(*, today: datetime.date, context: DemoContext, out) -> None:
    if Event.objects.exists():
        out.write("Demo activities exist already: leaving them as they are.")
        return
    rng = context.rng
    by = context.coordinator
    now = datetime.datetime.now(tz=OSLO)
    year = today.year
    organisations = [m.organisation for m in context.memberships]
    people_by_org = {
        o.pk: list(o.people.filter(anonymised_at__isnull=True).exclude(email="").order_by("pk")) for o in organisations
    }

    # Physical gatherings: two past ones this year with attendance, one coming up.
    gatherings = []
    for day, (title, place) in zip(
        _past_gathering_days(today),
        [
            ("Vårsamling: bærekraft i kommuneplanen", "Kommunenes hus, Oslo"),
            ("Høstsamling: fra mål til handling", "Scandic Havet, Bodø"),
        ],
        strict=True,
    ):
        gatherings.append(
            _make(
                Event.Kind.GATHERING,
                title,
                _at(day, 10),
                _at(day + datetime.timedelta(days=1), 15),
                by=by,
                place=place,
                capacity=120,
                registration_deadline=_at(day - datetime.timedelta(days=14), 23, 59),
                description="To dager med erfaringsdeling, arbeidsgrupper og prosjektsamarbeid.",
            )
        )
    next_day = today + datetime.timedelta(days=45)
    upcoming_gathering = _make(
        Event.Kind.GATHERING,
        "Nettverkssamling: bærekraftige lokalsamfunn",
        _at(next_day, 10),
        _at(next_day + datetime.timedelta(days=1), 15),
        by=by,
        place="Clarion Hotel, Trondheim",
        capacity=100,
        registration_deadline=_at(next_day - datetime.timedelta(days=10), 23, 59),
        description="Samling for alle medlemmene. Meld på deg selv og kolleger i portalen.",
    )

    absent = set(rng.sample([o.pk for o in organisations], k=max(len(organisations) // 4, 1)))
    attended = 0
    for index, gathering in enumerate(gatherings):
        for organisation in organisations:
            people = people_by_org.get(organisation.pk) or []
            if not people:
                continue
            registration_time = gathering.starts_at - datetime.timedelta(days=30)
            for person in people[: rng.choice([1, 1, 2])]:
                registration = services.register_person(
                    event=gathering, person=person, by=by, now=registration_time, notify=False
                ).registration
                came = organisation.pk not in absent and rng.random() < (0.9 if index == 0 else 0.8)
                if came:
                    services.check_in(registration=registration, by=by)
                    attended += 1
    # A participant list for the autumn gathering, with two rows nobody could match.
    services.import_participants(
        event=gatherings[-1],
        content=(
            "navn;e-post;organisasjon\n"
            "Gunn Eriksen;gunn.eriksen@privat.example.no;Ukjent kommune\n"
            "Foredragsholder Olsen;olsen@forskning.example.no;NTNU\n"
        ),
        file_name="deltakerliste-host.csv",
        by=by,
    )
    # Some have registered for the coming gathering already; the contact logins have it left to do.
    login_users = {u.pk for u in getattr(context, "contact_users", [])}
    for organisation in rng.sample(organisations, k=min(12, len(organisations))):
        for person in (people_by_org.get(organisation.pk) or [])[:1]:
            if person.user_id is None or person.user_id not in login_users:
                services.register_person(event=upcoming_gathering, person=person, by=by, notify=False)

    # Digital member meetings: the second Tuesday of each month except July.
    meetings = 0
    for month in range(1, 13):
        if month == 7:
            continue
        day = _weekday_in_month(year, month, 1, 2)
        meeting = _make(
            Event.Kind.MEMBER_MEETING,
            f"Medlemsmøte i {_MONTHS[month - 1]}",
            _at(day, 13),
            _at(day, 14, 30),
            by=by,
            video_url=VIDEO,
            description="Digitalt medlemsmøte: nytt fra styringsgruppen og arbeidsgruppene.",
        )
        meetings += 1
        if meeting.ends_at < now:
            for organisation in rng.sample(organisations, k=min(len(organisations), rng.randint(5, 10))):
                for person in (people_by_org.get(organisation.pk) or [])[:1]:
                    services.check_in_person(event=meeting, person=person, by=by)

    # Bærekraftsfredager: open webinars on the last Friday of the month (the second in December), with public registrations.
    fredager = 0
    public = 0
    for month in range(1, 13):
        if month == 7:
            continue
        day = _weekday_in_month(year, month, 4, 2 if month == 12 else -1)  # not in the Christmas week
        topic = FREDAG_TOPICS[(month - 1) % len(FREDAG_TOPICS)]
        fredag = _make(
            Event.Kind.BAEREKRAFTSFREDAG,
            f"Bærekraftsfredag: {topic}",
            _at(day, 9),
            _at(day, 10),
            by=by,
            video_url=VIDEO,
            audience=Event.Audience.OPEN,
            capacity=150 if month % 3 == 0 else None,
            description="Digitalt frokostwebinar, åpent for alle interesserte.",
        )
        fredager += 1
        for n in range(rng.randint(4, 10)):
            first = rng.choice(WOMEN + MEN)
            last = rng.choice(SURNAMES)
            local = f"{first}.{last}.{n}".lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
            services.register_publicly(
                event=fredag,
                name=f"{first} {last}",
                email=f"{local}@eksempel.no",
                organisation_name=rng.choice(PUBLIC_ORGS),
                now=min(fredag.starts_at - datetime.timedelta(days=3), now),
                notify=False,
            )
            public += 1

    # Arendalsuka: a joint initiative in week 33.
    arendal = _weekday_in_month(year, 8, 0, 2) + datetime.timedelta(days=1)
    _make(
        Event.Kind.JOINT_INITIATIVE,
        "Arendalsuka: Bærekraftsnettverket på Kommunetorget",
        _at(arendal, 12),
        _at(arendal, 13, 30),
        by=by,
        place="Kommunetorget, Arendal",
        audience=Event.Audience.OPEN,
        description="Felles arrangement med KS under Arendalsuka.",
    )

    pending = sum(b.row_count - b.matched_count for b in ParticipantImport.objects.all())
    out.write(
        f"Activities: {len(gatherings) + 1} gatherings ({attended} attendances, {len(absent)} members absent), "
        f"{meetings} member meetings, {fredager} Bærekraftsfredager ({public} public registrations), "
        f"{pending} participant rows to match."
    )


_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
