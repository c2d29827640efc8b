"""A synthetic network, built fast with bulk inserts: the benchmark's data, never a real one."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.models import Group
from django.db import connection, transaction
from stdnum.no import orgnr

from billing.services.dues_plan import network_issuer
from members.models import ContactRole, Membership, Organisation, Person, PopulationFigure, User
from members.networks import default_network
from members.roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP
from members.services import default_contact_kind
from members.validators import COUNTY_NUMBERS

PASSWORD = "bench-only-password"  # noqa: S105 — a throwaway database


def _org_number(n: int) -> str:
    base = 80_000_000 + n * 11
    while True:
        body = f"{base:08d}"
        for check in range(10):
            if orgnr.is_valid(body + str(check)):
                return body + str(check)
        base += 1


def _free_kommunenummer(count: int) -> list[str]:
    """Valid kommunenummer not in use: about 1,100 remain besides the real 357."""
    taken = set(Organisation.objects.filter(kind=Organisation.Kind.KOMMUNE).values_list("number", flat=True))
    free = [f"{county}{n:02d}" for n in range(1, 100) for county in sorted(COUNTY_NUMBERS)]
    free = [number for number in free if number not in taken]
    if count > len(free):
        raise ValueError(f"only {len(free)} kommunenummer are free for synthetic members, {count} asked")
    return free[:count]


@transaction.atomic
def build_members(
    count: int, *, seed: int = 7, today: datetime.date, offset: int = 0, allow_duplicate_numbers: bool = False
) -> dict:
    """`count` member kommuner with population, a membership and two contacts each, plus the logins.

    Norway has room for about 1,100 more kommunenummer; a national-scale run (20,000 members) drops
    the kind+number uniqueness in this throwaway database and repeats numbers.
    """
    rng = random.Random(seed + offset)
    if allow_duplicate_numbers:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE members_organisation DROP CONSTRAINT IF EXISTS organisation_kind_number_unique")
        numbers = [f"{(i % 9000) + 1000:04d}" for i in range(count)]
    else:
        numbers = _free_kommunenummer(count)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.KOMMUNE,
            number=numbers[i],
            name=f"Benchkommune {offset + i:06d}",
            org_number=_org_number(offset + i),
            invoice_email=f"faktura{i}@bench.kommune.no",
            invoice_reference=f"BENCH-{i}",
        )
        for i in range(count)
    )
    PopulationFigure.objects.bulk_create(
        PopulationFigure(organisation=o, reference_date=datetime.date(2022, 1, 1),  # the basis of every dues year
                         population=rng.choice([4_000, 12_000, 35_000, 60_000, 120_000]), source="bench")
        for o in organisations
    )
    network = default_network()
    Membership.objects.bulk_create(
        Membership(network=network, organisation=o, status=Membership.Status.ACTIVE, joined_on=datetime.date(2022, 6, 1),
                   political_decision_on=datetime.date(2022, 5, 1), agreement_signed_on=datetime.date(2022, 6, 1),
                   agreement_ends_on=datetime.date(2025, 6, 1))
        for o in organisations
    )
    people = Person.objects.bulk_create(
        Person(organisation=o, first_name=f"Kontakt{j}", last_name=f"Nr{offset + i}",
               email=f"k{j}.{offset + i}@bench.kommune.no",
               gender=rng.choice(["woman", "man"]))
        for i, o in enumerate(organisations)
        for j in range(2)
    )
    kind = default_contact_kind(network)
    ContactRole.objects.bulk_create(
        ContactRole(network=network, kind=kind, organisation=p.organisation, person=p,
                    is_primary=p.first_name == "Kontakt0")
        for p in people
    )
    if offset:
        return {"organisations": organisations}
    coordinator = _user("koordinator@bench.no", group=COORDINATOR_GROUP)
    network.coordinators.add(coordinator)
    billing_admin = _user("okonomi@bench.no", group=BILLING_ADMIN_GROUP)
    network_issuer(network).billing_admins.add(billing_admin)
    contact = _user(people[0].email)
    people[0].user = contact
    people[0].save(update_fields=["user"])
    return {"organisations": organisations, "coordinator": coordinator, "billing_admin": billing_admin,
            "contact": contact, "contact_organisation": people[0].organisation}


def _user(email: str, *, group: str | None = None) -> User:
    user, _ = User.objects.get_or_create(email=email)
    user.set_password(PASSWORD)
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user
