"""Demo members for `manage.py seed_demo`: a believable network on the real municipality data.

About forty members across all three dues tiers and some fylkeskommuner, one to three contact
persons each with Norwegian names, and logins for a coordinator, KS finance and a contact person.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import OuterRef, Subquery

from .models import Membership, Organisation, Person, PopulationFigure, User
from .roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP
from .services import (
    activate_membership,
    add_contact,
    apply_for_membership,
    end_membership,
    give_notice,
    invite_person,
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


@dataclass
class DemoContext:
    """What later seeders build on: the demo memberships, the staff users and a shared random source."""

    memberships: list[Membership] = field(default_factory=list)
    coordinator: User | None = None
    billing_admin: User | None = None
    contact_user: User | None = None
    rng: random.Random = field(default_factory=random.Random)


def _login(email: str, first_name: str, last_name: str, *, group: str | None = None) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, "is_staff": group == COORDINATOR_GROUP}
    )
    if created:
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
    small = [o for o, p in kommuner if p < 20_000]
    counties = list(Organisation.objects.filter(kind=Organisation.Kind.FYLKESKOMMUNE).order_by("number"))
    return (
        large
        + rng.sample(mid, MID_KOMMUNER)
        + rng.sample(small, SMALL_KOMMUNER)
        + rng.sample(counties, min(FYLKESKOMMUNER, len(counties)))
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
        "phone": f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}",
        # One in twelve has no gender recorded: the gender-balance check reports that as a data gap.
        "gender": Person.Gender.UNKNOWN
        if rng.random() < 1 / 12
        else (Person.Gender.WOMAN if woman else Person.Gender.MAN),
    }


def _join_date(rng: random.Random, index: int) -> datetime.date:
    # Most joined when the agreement was signed on 3 June 2022; later joiners spread over the years since.
    if index % 5 != 4:
        return datetime.date(2022, 6, 3)
    return datetime.date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))


def seed(*, today: datetime.date, seed: int, out) -> DemoContext:
    rng = random.Random(seed)
    context = DemoContext(rng=rng)
    context.coordinator = _login(COORDINATOR_EMAIL, "Siri", "Koordinator", group=COORDINATOR_GROUP)
    context.billing_admin = _login(BILLING_ADMIN_EMAIL, "Terje", "Økonomi", group=BILLING_ADMIN_GROUP)

    existing = list(Membership.objects.in_good_standing().select_related("organisation"))
    if existing:
        out.write("Demo members exist already: leaving them as they are.")
        context.memberships = existing
        context.contact_user = User.objects.filter(person__contact_roles__isnull=False).order_by("pk").first()
        _seed_lifecycle(today=today, context=context, out=out)
        _print_logins(out, context)
        return context

    for index, organisation in enumerate(_pick_organisations(rng)):
        joined_on = _join_date(rng, index)
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
        if not organisation.invoice_reference:
            organisation.invoice_reference = f"{rng.randint(1000, 9999)}-BKN"
            organisation.invoice_email = f"faktura@{organisation.number}.ehf.no"
            organisation.save(update_fields=["invoice_reference", "invoice_email"])
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            add_contact(organisation=organisation, person_data=_person_data(rng, organisation), by=context.coordinator)
        context.memberships.append(membership)

    first = context.memberships[0].organisation
    primary = first.contact_roles.get(is_primary=True).person
    context.contact_user = _login(primary.email, primary.first_name, primary.last_name)
    primary.user = context.contact_user
    primary.save(update_fields=["user"])

    out.write(f"{len(context.memberships)} demo members with contact persons.")
    _seed_lifecycle(today=today, context=context, out=out)
    _print_logins(out, context)
    return context


def _seed_lifecycle(*, today: datetime.date, context: DemoContext, out) -> None:
    """One member in its notice period, one resigned, one applicant, invitations pending. Idempotent."""
    from dateutil.relativedelta import relativedelta

    from .models import Invitation

    by = context.coordinator
    rng = random.Random(2030)
    # Not the demo contact's own organisation: that one stays an ordinary active member.
    candidates = [m for m in context.memberships if m.status == Membership.Status.ACTIVE][1:]
    if not Membership.objects.filter(status=Membership.Status.NOTICE).exists() and candidates:
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
    if not Membership.objects.filter(status=Membership.Status.RESIGNED).exists() and len(candidates) > 20:
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
    if not Membership.objects.filter(status=Membership.Status.APPLICANT).exists():
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


def _print_logins(out, context: DemoContext) -> None:
    out.write(f"Log in as coordinator:     {COORDINATOR_EMAIL} / {DEMO_PASSWORD}")
    out.write(f"Log in as KS finance:      {BILLING_ADMIN_EMAIL} / {DEMO_PASSWORD}")
    if context.contact_user:
        out.write(f"Log in as contact person:  {context.contact_user.email} / {DEMO_PASSWORD}")
