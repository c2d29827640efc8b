"""Demo members for `manage.py seed_demo`: a believable network on the real municipality data.

About forty members across all three dues tiers and some fylkeskommuner, one to three contact
persons each with Norwegian names, and logins for a coordinator, KS finance and two contact persons
(of a large member with several contacts and of a small one). Notodden is an active member whose
agreement ends within three months, and one more agreement is up for renewal soon.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import OuterRef, Subquery

from .models import Membership, Organisation, Person, PopulationFigure, User
from .networks import default_network
from .roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP
from .services import (
    activate_membership,
    add_contact,
    apply_for_membership,
    end_membership,
    give_notice,
    invite_person,
    renew_agreement,
)

DEMO_PASSWORD = "baerekraft2030"  # noqa: S105 - demo logins for the local quick start only
COORDINATOR_EMAIL = "koordinator@baerekraftsnettverket.no"
BILLING_ADMIN_EMAIL = "okonomi@ks.no"

WOMEN = [
    "Kari",
    "Ingrid",
    "Marit",
    "Anne",
    "Hilde",
    "Silje",
    "Ida",
    "Nora",
    "Ragnhild",
    "Sigrid",
    "Tone",
    "Guro",
    "Astrid",
    "Elin",
    "Mona",
    "Liv",
    "Camilla",
    "Hanne",
    "Solveig",
    "Turid",
]
MEN = [
    "Ola",
    "Per",
    "Lars",
    "Knut",
    "Bjørn",
    "Erik",
    "Jon",
    "Håkon",
    "Magnus",
    "Sindre",
    "Trond",
    "Eirik",
    "Geir",
    "Øyvind",
    "Arne",
    "Svein",
    "Anders",
    "Jørgen",
    "Vegard",
    "Tor",
]
SURNAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johnsen",
    "Bakken",
    "Solberg",
    "Lie",
    "Dahl",
    "Strand",
    "Sæther",
    "Lund",
    "Moen",
    "Aasen",
    "Eide",
    "Holm",
    "Myhre",
    "Rønning",
    "Vik",
    "Sandvik",
    "Ødegård",
]
TITLES = [
    "Bærekraftsrådgiver",
    "Klima- og miljøsjef",
    "Spesialrådgiver samfunnsutvikling",
    "Kommuneplanlegger",
    "Strategisjef",
    "Rådgiver plan og analyse",
    "Kommunalsjef samfunnsutvikling",
    "Seniorrådgiver",
]

# How many of each kind of member the demo network has: the three kommune tiers of R3 and counties.
LARGE_KOMMUNER = ("0301", "4601", "5001", "1103", "4204", "3301")
MID_KOMMUNER = 13
SMALL_KOMMUNER = 15
FYLKESKOMMUNER = 6
# Notodden is always a member, its agreement ending within three months: the coordinator finds it on
# the dashboard and records its notice received by letter.
NOTODDEN = "4005"
NOTODDEN_AGREEMENT_ENDS_IN_DAYS = 45
RENEWAL_AGREEMENT_ENDS_IN_DAYS = 70
# The contact logins: Oslo's primary contact (a large member with more than one contact person) and
# the primary contact of the first small member (fewer than 20,000 inhabitants) by number.
LARGE_CONTACT_KOMMUNE = "0301"
SMALL_POPULATION = 20_000
# The town halls' postal addresses of the demo members the browser tests use (invoice PDFs show them).
TOWN_HALLS = {
    "0301": ("Rådhusplassen 1", "0037", "Oslo"),
    "4601": ("Rådhusgaten 10", "5014", "Bergen"),
    "5001": ("Munkegata 1", "7013", "Trondheim"),
    "1103": ("Olav Kyrres gate 19", "4005", "Stavanger"),
    "3301": ("Engene 1", "3015", "Drammen"),
    "4005": ("Teatergata 3", "3674", "Notodden"),
    "1122": ("Rettedalen 1", "4330", "Ålgård"),
}
# Norwegian mobile number series (8 digits), valid for `phonenumbers`.
MOBILE_PREFIXES = ("40", "41", "45", "46", "47", "48", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99")


@dataclass
class DemoContext:
    """What later seeders build on: the demo memberships, the staff users and a shared random source."""

    memberships: list[Membership] = field(default_factory=list)
    coordinator: User | None = None
    billing_admin: User | None = None
    contact_user: User | None = None
    contact_users: list[User] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random)


def _login(email: str, first_name: str, last_name: str, *, group: str | None = None) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, "is_staff": group == COORDINATOR_GROUP}
    )
    # A person invited but not yet signed up has a login without a password: a demo login needs one.
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _kommuner_by_population() -> list[tuple[Organisation, int]]:
    latest = PopulationFigure.objects.filter(organisation=OuterRef("pk")).order_by("-reference_date")
    rows = (
        Organisation.objects.filter(kind=Organisation.Kind.KOMMUNE)
        .exclude(org_number="")
        .annotate(population=Subquery(latest.values("population")[:1]))
        .order_by("number")
    )
    return [(o, o.population or 0) for o in rows]


def _pick_organisations(rng: random.Random) -> list[Organisation]:
    kommuner = _kommuner_by_population()
    large = [o for o, _p in kommuner if o.number in LARGE_KOMMUNER]
    mid = [o for o, p in kommuner if 20_000 <= p <= 80_000]
    small = [o for o, p in kommuner if p < SMALL_POPULATION]
    counties = list(
        Organisation.objects.filter(kind=Organisation.Kind.FYLKESKOMMUNE, ended_on__isnull=True).order_by("number")
    )
    picked_small = rng.sample(small, SMALL_KOMMUNER)
    notodden = next((o for o in small if o.number == NOTODDEN), None)
    if notodden is not None and notodden not in picked_small:
        picked_small[-1] = notodden
    return (
        large + rng.sample(mid, MID_KOMMUNER) + picked_small + rng.sample(counties, min(FYLKESKOMMUNER, len(counties)))
    )


def _person_data(rng: random.Random, organisation: Organisation) -> dict[str, str]:
    woman = rng.random() < 0.55
    first = rng.choice(WOMEN if woman else MEN)
    last = rng.choice(SURNAMES)
    domain = (
        f"{organisation.name.lower().replace(' ', '')}.{'kommune' if organisation.kind == 'kommune' else 'fylke'}.no"
    )
    ascii_local = f"{first}.{last}".lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return {
        "first_name": first,
        "last_name": last,
        "title": rng.choice(TITLES),
        "email": f"{ascii_local}@{domain.translate(str.maketrans({'æ': 'ae', 'ø': 'o', 'å': 'a'}))}",
        "phone": _phone(rng),
        # One in twelve has no gender recorded: the gender-balance check reports that as a data gap.
        "gender": Person.Gender.UNKNOWN
        if rng.random() < 1 / 12
        else (Person.Gender.WOMAN if woman else Person.Gender.MAN),
    }


def _phone(rng: random.Random) -> str:
    """A Norwegian mobile number in national grouping, e.g. +47 912 34 567."""
    series, b, c = rng.randint(400, 999), rng.randint(10, 99), rng.randint(100, 999)
    return f"+47 {MOBILE_PREFIXES[series % len(MOBILE_PREFIXES)]}{series % 10} {b} {c}"


def _join_date(rng: random.Random, index: int) -> datetime.date:
    # Most joined when the agreement was signed on 3 June 2022; later joiners spread over the years since.
    if index % 5 != 4:
        return datetime.date(2022, 6, 3)
    return datetime.date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))


def seed(*, today: datetime.date, seed: int, out) -> DemoContext:
    rng = random.Random(seed)
    context = DemoContext(rng=rng)
    context.coordinator = coordinator_login(COORDINATOR_EMAIL, "Siri", "Koordinator")
    default_network().coordinators.add(context.coordinator)
    context.billing_admin = _login(BILLING_ADMIN_EMAIL, "Terje", "Økonomi", group=BILLING_ADMIN_GROUP)

    # The first network's members: the demo's other networks (network/demo_networks.py) have their own.
    existing = list(Membership.objects.filter(network=default_network()).in_good_standing().select_related("organisation").order_by("pk"))
    if existing:
        out.write("Demo members exist already: leaving them as they are.")
        context.memberships = existing
        _contact_logins(context)
        _seed_lifecycle(today=today, context=context, out=out)
        return context

    renewal_due_set = False
    for index, organisation in enumerate(_pick_organisations(rng)):
        joined_on = _join_date(rng, index)
        # Notodden, and one mid-sized member, signed three years ago less a few weeks: both agreements
        # end within the reminder window, so they are on the dashboard for renewal.
        if organisation.number == NOTODDEN:
            joined_on = agreement_start_for_end(today + datetime.timedelta(days=NOTODDEN_AGREEMENT_ENDS_IN_DAYS))
        elif index == len(LARGE_KOMMUNER) + 2 and not renewal_due_set:
            joined_on = agreement_start_for_end(today + datetime.timedelta(days=RENEWAL_AGREEMENT_ENDS_IN_DAYS))
            renewal_due_set = True
        decided = index % 13 != 7  # a few members have not recorded their political decision (R6)
        membership = activate_membership(
            organisation=organisation,
            joined_on=joined_on,
            political_decision_on=joined_on - datetime.timedelta(days=rng.randint(14, 90)) if decided else None,
            political_decision_body="Kommunestyret" if organisation.kind == "kommune" else "Fylkestinget",
            political_decision_reference=f"{joined_on:%y}/{rng.randint(10, 400)}" if decided else "",
            agreement_signed_on=joined_on,
            signatory_name=f"{rng.choice(WOMEN + MEN)} {rng.choice(SURNAMES)}",
            signatory_title="Kommunedirektør" if organisation.kind == "kommune" else "Fylkesdirektør",
            approving_authority=Membership.ApprovingAuthority.KOMMUNEDIREKTOR,
            by=context.coordinator,
        )
        # Most members renewed their agreement before it ran out; a few have not, so the dues run
        # has agreements that ended to hold (R1), as a real network would.
        if membership.agreement_ends_on < today and index % 9 != 5:
            renewed_on = membership.agreement_ends_on - datetime.timedelta(days=rng.randint(10, 60))
            membership = renew_agreement(
                membership=membership,
                signed_on=renewed_on,
                signatory_name=membership.signatory_name,
                signatory_title=membership.signatory_title,
                by=context.coordinator,
            )
        if not organisation.invoice_reference:
            organisation.invoice_reference = f"{rng.randint(1000, 9999)}-BKN"
            organisation.invoice_email = f"faktura@{organisation.number}.ehf.no"
            organisation.save(update_fields=["invoice_reference", "invoice_email"])
        if organisation.number in TOWN_HALLS and not organisation.postal_code:
            organisation.street_address, organisation.postal_code, organisation.postal_place = TOWN_HALLS[
                organisation.number
            ]
            organisation.save(update_fields=["street_address", "postal_code", "postal_place"])
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            add_contact(organisation=organisation, person_data=_person_data(rng, organisation), by=context.coordinator)
        context.memberships.append(membership)

    _contact_logins(context)
    out.write(f"{len(context.memberships)} demo members with contact persons.")
    _seed_lifecycle(today=today, context=context, out=out)
    return context


def coordinator_login(email: str, first_name: str, last_name: str) -> User:
    """A demo coordinator's login (staff, in the coordinators' group); the caller names its networks."""
    return _login(email, first_name, last_name, group=COORDINATOR_GROUP)


def agreement_start_for_end(ends_on: datetime.date) -> datetime.date:
    """The signing date whose agreement period (three years, R1) ends on `ends_on`."""
    from dateutil.relativedelta import relativedelta


    return ends_on - relativedelta(years=default_network().agreement_years)


def person_login(person: Person) -> User:
    """A demo login for `person` (the demo password, address verified), linked to the person."""
    user = _login(person.email, person.first_name, person.last_name)
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return user


def _contact_login_organisations() -> list[Organisation]:
    """The two contact logins' members: Oslo (large) and the first small active kommune by number."""
    latest = PopulationFigure.objects.filter(organisation=OuterRef("pk")).order_by("-reference_date")
    active = Organisation.objects.filter(
        memberships__status=Membership.Status.ACTIVE,
        memberships__network=default_network(),
        kind=Organisation.Kind.KOMMUNE,
        contact_roles__isnull=False,
    ).distinct()
    large = active.filter(number=LARGE_CONTACT_KOMMUNE).first()
    small = (
        active.exclude(number=NOTODDEN)
        .annotate(population=Subquery(latest.values("population")[:1]))
        .filter(population__lt=SMALL_POPULATION)
        .order_by("number")
        .first()
    )
    return [o for o in (large, small) if o is not None]


def _contact_logins(context: DemoContext) -> None:
    """Logins for the primary contacts of a large and a small member; the large one has two contacts."""
    context.contact_users = []
    for index, organisation in enumerate(_contact_login_organisations()):
        if index == 0 and organisation.contact_roles.count() < 2:
            add_contact(
                organisation=organisation,
                person_data=_person_data(random.Random(organisation.number), organisation),
                by=context.coordinator,
            )
        primary = organisation.contact_roles.select_related("person").get(is_primary=True).person
        context.contact_users.append(person_login(primary))
    context.contact_user = context.contact_users[0] if context.contact_users else None


def login_organisation_ids(context: DemoContext) -> set[int]:
    """The organisations of the contact logins: left active and ordinary by the other seeders."""
    return set(Person.objects.filter(user__in=context.contact_users).values_list("organisation_id", flat=True))


def _seed_lifecycle(*, today: datetime.date, context: DemoContext, out) -> None:
    """One member in its notice period, one resigned, one applicant, invitations pending. Idempotent."""
    from dateutil.relativedelta import relativedelta

    from .models import Invitation

    by = context.coordinator
    rng = random.Random(2030)
    # Not the contact logins' organisations nor Notodden: those stay active members.
    keep = login_organisation_ids(context)
    candidates = [
        m
        for m in context.memberships
        if m.status == Membership.Status.ACTIVE
        and m.organisation_id not in keep
        and m.organisation.number != NOTODDEN
        # nor the agreements up for renewal, which stay on the dashboard for the coordinator
        and not (m.agreement_ends_on and today <= m.agreement_ends_on <= today + relativedelta(months=3))
    ]
    if not Membership.objects.filter(network=default_network(), status=Membership.Status.NOTICE).exists() and candidates:
        membership = candidates[-10]
        signer = membership.organisation.contact_roles.get(is_primary=True).person
        give_notice(
            membership=membership,
            given_on=today - relativedelta(months=2),
            signed_by_name=signer.full_name,
            signed_by_title=signer.title or "Kommunedirektør",
            channel=Membership.NoticeChannel.PORTAL,
            by=by,
        )
        out.write(f"{membership.organisation} is in its notice period.")
    if not Membership.objects.filter(network=default_network(), status=Membership.Status.RESIGNED).exists() and len(candidates) > 20:
        membership = candidates[-20]
        give_notice(
            membership=membership,
            given_on=today - relativedelta(months=8),
            signed_by_name="Per Ordfører",
            signed_by_title="Ordfører",
            channel=Membership.NoticeChannel.LETTER,
            by=by,
        )
        end_membership(membership=membership, today=today, by=by)
        context.memberships = [m for m in context.memberships if m.pk != membership.pk]
        out.write(f"{membership.organisation} has resigned.")
    if not Membership.objects.filter(network=default_network(), status=Membership.Status.APPLICANT).exists():
        organisation = (
            Organisation.objects.filter(kind=Organisation.Kind.KOMMUNE)
            .exclude(org_number="")
            .exclude(memberships__isnull=False)
            .order_by("number")
            .first()
        )
        if organisation is not None:
            apply_for_membership(organisation=organisation, applied_on=today - datetime.timedelta(days=20), by=by)
            add_contact(organisation=organisation, person_data=_person_data(rng, organisation), by=by)
            out.write(f"{organisation} has applied for membership.")
    if not Invitation.objects.exists():
        invited = 0
        for membership in candidates[:12]:
            role = membership.organisation.contact_roles.filter(person__user__isnull=True).first()
            if role is not None and invited < 4:
                invite_person(person=role.person, organisation=membership.organisation, by=by)
                invited += 1
        out.write(f"{invited} portal invitations pending.")
