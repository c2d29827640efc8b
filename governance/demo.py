"""Demo governance for `manage.py seed_demo`: a steering group elected over two annual meetings
(9 elected with staggered terms, leader and deputy, KS's seat), working groups tied to the
collaboration areas (one out of gender balance), the resource group with a paid place, and an
open election for next year with nominations. Everything goes through the services.
`steering_logins` gives an elected member and the leader a demo login.
"""

from __future__ import annotations

import datetime

from members.models import Person, User
from members.networks import default_network

from .models import Body, BodyKind, CollaborationArea, Election, Nomination, Term
from .services import bodies as body_services
from .services import elections as election_services
from .services import working_groups
from .services.gender_balance import store_gender_balance

ANNUAL_MEETING = (3, 20)  # the network's annual meeting, when new terms start

WORKING_GROUPS = [
    (
        "Indikatorer og måling",
        "Felles indikatorsett for lokale bærekraftsmål",
        "maling-og-evaluering",
        "Møtes digitalt første tirsdag hver måned.",
    ),
    (
        "Bærekraft i kommuneplanen",
        "Lokale data inn i plan- og styringssystemene",
        "lokale-data-i-plan-og-styring",
        "Fire arbeidsmøter i året, ett fysisk på nettverkssamlingen.",
    ),
    (
        "Grønne anskaffelser",
        "Klima- og miljøkrav i offentlige innkjøp",
        "offentlige-anskaffelser",
        "Annenhver uke på Teams i prosjektperioden.",
    ),
    (
        "Innbyggerdialog",
        "Metoder for innbyggerinvolvering og mobilisering",
        "innbyggerinvolvering",
        "Månedlige møter; workshop på Arendalsuka.",
    ),
    ("Sirkulær verdiskaping", "Næringsliv og kommune om bærekraftig verdiskaping", "verdiskaping", "Møtes ved behov."),
]


def _meeting(year: int) -> datetime.date:
    return datetime.date(year, *ANNUAL_MEETING)


def _people(context, gender: str) -> list[Person]:
    """One contact person per demo member, of the given gender, in a stable random order.

    Not the demo's contact logins: each of those shows a contact person's view only.
    """
    org_ids = [m.organisation_id for m in context.memberships]
    logins = [u.pk for u in getattr(context, "contact_users", [])]
    people = {}
    candidates = Person.objects.filter(organisation_id__in=org_ids, gender=gender).exclude(user_id__in=logins)
    for person in candidates.order_by("pk"):
        people.setdefault(person.organisation_id, person)
    chosen = list(people.values())
    context.rng.shuffle(chosen)
    return chosen


def seed(*, today, context, out) -> None:
    network = default_network()
    steering = Body.objects.get(network=network, kind=BodyKind.STEERING_GROUP)
    if steering.terms.exists():
        out.write("Demo governance exists already: leaving it as it is.")
        return
    coordinator = context.coordinator
    women, men = _people(context, Person.Gender.WOMAN), _people(context, Person.Gender.MAN)
    unknown = _people(context, Person.Gender.UNKNOWN)
    used_orgs: set[int] = set()

    def take(pool: list[Person]) -> Person:
        for i, person in enumerate(pool):
            if person.organisation_id not in used_orgs:
                used_orgs.add(person.organisation_id)
                return pool.pop(i)
        raise RuntimeError("the demo network has too few contact persons for governance")

    base = _meeting(today.year) if today >= _meeting(today.year) else _meeting(today.year - 1)

    # Last year's election: four seats for two years (they expire at the coming annual meeting).
    earlier = election_services.open_election(
        year=base.year - 1, terms_start_on=_meeting(base.year - 1), by=coordinator
    )
    cohort = [take(women), take(men), take(women), take(men)]
    noms = [
        election_services.nominate(election=earlier, person=p, via=Nomination.Via.COORDINATOR, by=coordinator)
        for p in cohort
    ]
    noms.append(
        election_services.nominate(election=earlier, person=take(men), via=Nomination.Via.COORDINATOR, by=coordinator)
    )
    earlier_terms = election_services.record_result(
        election=earlier, elected=[(n, 2) for n in noms[:4]], decided_on=_meeting(base.year - 1), by=coordinator
    )
    election_services.constitute(
        election=earlier,
        leader=earlier_terms[1],
        deputy=earlier_terms[0],
        constituted_on=_meeting(base.year - 1),
        by=coordinator,
    )

    # This year's election: five seats, four for two years and one for one year (staggered).
    current = election_services.open_election(year=base.year, terms_start_on=base, by=coordinator)
    cohort = [take(women), take(men), take(women), take(women), take(men), take(women)]
    noms = [
        election_services.nominate(election=current, person=p, via=Nomination.Via.COORDINATOR, by=coordinator)
        for p in cohort
    ]
    new_terms = election_services.record_result(
        election=current,
        elected=[(noms[0], 2), (noms[1], 2), (noms[2], 2), (noms[3], 2), (noms[4], 1)],
        decided_on=base - datetime.timedelta(days=1),
        by=coordinator,
    )
    # The group constitutes itself: a newly elected woman leads, last year's deputy continues.
    election_services.constitute(
        election=current,
        leader=new_terms[0],
        deputy=earlier_terms[0],
        constituted_on=base + datetime.timedelta(days=14),
        by=coordinator,
    )

    ks_person, _created = Person.objects.get_or_create(
        email="ks.representant@ks.no",
        defaults={
            "first_name": "Randi",
            "last_name": "Bakke",
            "affiliation": "KS",
            "title": "Spesialrådgiver",
            "gender": Person.Gender.WOMAN,
        },
    )
    body_services.appoint_ks_representative(
        body=steering,
        person=ks_person,
        starts_on=_meeting(base.year - 1),
        ends_on=body_services.term_end(_meeting(base.year - 1), 2),
        by=coordinator,
    )
    body_services.appoint_ks_representative(
        body=steering,
        person=ks_person,
        starts_on=_meeting(base.year + 1),
        ends_on=body_services.term_end(_meeting(base.year + 1), 2),
        by=coordinator,
    )

    # Working groups, each tied to a collaboration area; the first is all women (out of balance).
    areas = {a.slug: a for a in CollaborationArea.objects.filter(network=network)}
    everyone = women + men + unknown
    context.rng.shuffle(everyone)
    cursor = iter(range(10**6))

    def next_person(pool: list[Person], exclude: set[int]) -> Person:
        """The next person of `pool` in turn, not already in `exclude` (people may sit in several groups)."""
        for _ in range(len(pool)):
            person = pool[next(cursor) % len(pool)]
            if person.pk not in exclude:
                exclude.add(person.pk)
                return person
        raise RuntimeError("the demo network has too few contact persons for governance")

    for index, (name, theme, area, schedule) in enumerate(WORKING_GROUPS):
        pool = women if index == 0 else everyone
        in_group: set[int] = set()
        lead = next_person(pool, in_group)
        group = working_groups.create_working_group(
            name=name,
            theme=theme,
            collaboration_areas=[areas[area]],
            leading_organisation=lead.organisation,
            lead_person=lead,
            schedule=schedule,
            starts_on=base - datetime.timedelta(days=60 * (index + 1)),
            description=f"{theme}. Gruppen er medlemsdrevet og ledes av {lead.organisation}.",
            by=coordinator,
            network=network,
        )
        for _ in range(3 if index == 0 else context.rng.randint(2, 4)):
            participant = next_person(pool, in_group)
            body_services.add_term(
                body=group,
                person=participant,
                organisation=participant.organisation,
                starts_on=base - datetime.timedelta(days=30 * (index + 1)),
                ends_on=None,
                obtained=Term.Obtained.APPOINTED,
                by=coordinator,
            )
    resource = Body.objects.get(kind=BodyKind.RESOURCE_GROUP)
    in_group = set()
    for i in range(3):
        person = next_person(everyone, in_group)
        body_services.add_term(
            body=resource,
            person=person,
            organisation=person.organisation,
            starts_on=base,
            ends_on=None,
            obtained=Term.Obtained.APPOINTED,
            paid=i == 0,
            paid_note="20 % frikjøp, dekket av nettverket" if i == 0 else "",
            by=coordinator,
        )

    # Next year's election is open: the coordinator and a member contact have nominated candidates.
    upcoming = election_services.open_election(
        year=base.year + 1,
        terms_start_on=_meeting(base.year + 1),
        nomination_deadline=_meeting(base.year + 1) - datetime.timedelta(days=21),
        by=coordinator,
    )
    in_steering = set(steering.terms.values_list("person_id", flat=True))
    for person in (next_person(everyone, in_steering) for _ in range(3)):
        election_services.nominate(
            election=upcoming,
            person=person,
            via=Nomination.Via.COORDINATOR,
            statement="Foreslått av koordinator.",
            by=coordinator,
        )
    contact = context.contact_user
    contact_person = getattr(contact, "person", None) if contact else None
    if contact_person is not None and not upcoming.nominations.filter(person=contact_person).exists():
        election_services.nominate(
            election=upcoming,
            person=contact_person,
            via=Nomination.Via.PORTAL,
            statement="Vil gjerne bidra i styringsgruppen.",
            today=_meeting(base.year),
            by=contact,
        )
    store_gender_balance(on=today)
    out.write(
        f"Governance: steering group of {steering.terms.filter(ends_on__gte=today, starts_on__lte=today).count()} "
        f"(9 elected + KS), {len(WORKING_GROUPS)} working groups, the resource group, "
        f"elections {Election.objects.count()} (next year open)."
    )


def steering_logins(*, today: datetime.date, exclude_people: set[int]) -> tuple[User | None, User | None]:
    """Demo logins for the steering group's leader and for one elected member who does not lead it.

    Neither is one of `exclude_people` (the contact logins), so each login shows one role.
    """
    from members.demo import person_login

    current = (
        Term.objects.filter(body__kind=BodyKind.STEERING_GROUP, starts_on__lte=today, ends_on__gte=today)
        .exclude(person_id__in=exclude_people)
        .select_related("person")
        .order_by("starts_on", "pk")
    )
    leader = current.filter(role=Term.Role.LEADER).first()
    member = (
        current.filter(obtained=Term.Obtained.ELECTED, role=Term.Role.MEMBER)
        .exclude(person__email="")
        .exclude(person_id=leader.person_id if leader else None)
        .first()
    )
    return (
        person_login(member.person) if member else None,
        person_login(leader.person) if leader and leader.person.email else None,
    )
