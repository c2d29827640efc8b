"""The demo's other networks (issue #22): the seeds' research cluster, national agreement and
partnership, on the same code as the first network, their differences all data (R13).

- KSF: a national network led by KS, a region (Vestland, Bergen its vertskommune with a regional
  coordinator) and two kommune clusters on the real register (Sunnhordland, Nordhordland): no dues,
  a fixed end date, twelve months' notice, a motorkommune with its klyngeleder, a FoUI-kontakt in
  every kommune, a research partner, notices to the klyngeleder with a copy to the region.
- KMD–KS: a national agreement between a ministry and KS, 2021–2023, ended; a yearly political meeting.
- A partnership between an interkommunalt politisk råd and Viken, which ended in 2023: its membership
  carried over to Akershus; open partnership meetings with public agendas and approved minutes.

Each network has its own coordinator login, and one person is a contact in two networks (Stord's
contact in the first network is also Stord's FoUI-kontakt in the Sunnhordland cluster).
Idempotent: a network that exists already is left as it is.
"""

from __future__ import annotations

import datetime

from members import demo as members_demo
from members.models import (
    ContactRole,
    ContactRoleKind,
    Membership,
    MembershipRoleKind,
    Network,
    NoticeAddressee,
    Organisation,
    Person,
    User,
)
from members.networks import first_network
from members.services import (
    activate_membership,
    add_contact,
    add_role_to_person,
    carry_over_membership,
    default_contact_kind,
    renew_agreement,
    set_membership_role,
)

from . import demo_networks_meetings as meetings

KS_ORG_NUMBER = "971032146"
CLUSTER_JOINED_ON = datetime.date(2025, 3, 1)
CLUSTER_ENDS_ON = datetime.date(2027, 12, 31)
STORD = "4614"
VERTSKOMMUNE = "4601"  # Bergen hosts the region
# (slug, name, kommuner, motorkommune, research partner, action plan adopted)
CLUSTERS = [
    ("klynge-sunnhordland", "Kommuneklynge Sunnhordland", ["4613", "4614", "4615", "4616", "4617"], "4614",
     "Høgskulen på Vestlandet", True),
    ("klynge-nordhordland", "Kommuneklynge Nordhordland", ["4631", "4632", "4633", "4634", "4635"], "4631",
     "Universitetet i Bergen", False),
]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Knut", "Marit", "Håkon", "Silje", "Eirik", "Ragnhild", "Trond", "Liv", "Sindre"]
LAST_NAMES = ["Eide", "Vik", "Sandvik", "Myhre", "Haugland", "Tveit", "Skår", "Lunde", "Rød", "Bakke", "Sæle", "Hope"]


def seed(*, today: datetime.date, context, out) -> list[tuple[str, User]]:
    """Seed the networks (those missing), and return their logins: (role, user), in printing order."""
    ks = _organisation(Organisation.Kind.INTEREST_ORGANISATION, "KS", KS_ORG_NUMBER)
    if not Network.objects.filter(slug="ksf").exists():
        _seed_ksf(today=today, ks=ks, by=context.coordinator)
        out.write("KSF: national network, region ksf-vestland and two kommune clusters.")
    if not Network.objects.filter(slug="kmd-ks").exists():
        _seed_kmd_ks(ks=ks, by=context.coordinator)
        out.write("KMD-KS agreement 2021-2023 (ended), with its political meetings.")
    if not Network.objects.filter(slug="partnerskap-asker-baerum").exists():
        _seed_partnership(today=today, by=context.coordinator)
        out.write("Partnership carried over from Viken to Akershus, with open meetings.")
    logins = [
        (f"Coordinator, {network.slug}", network.coordinators.order_by("pk").first())
        for network in Network.objects.filter(slug__in=SLUGS).order_by("pk")
    ]
    shared = User.objects.filter(email=_shared_email()).first()
    if shared is not None:
        logins.append(("FoUI contact in two networks (Stord)", shared))
    return [(role, user) for role, user in logins if user is not None]


SLUGS = ["ksf", "ksf-vestland", "klynge-sunnhordland", "klynge-nordhordland", "kmd-ks", "partnerskap-asker-baerum"]


def _network(slug: str, name: str, *, coordinator: tuple[str, str], **terms) -> Network:
    network = Network(slug=slug, name=name, **terms)
    network.full_clean()
    network.save()
    user = members_demo.coordinator_login(f"koordinator.{slug}@nettverksdemo.no", coordinator[0], coordinator[1])
    network.coordinators.add(user)
    return network


def _organisation(kind: str, name: str, org_number: str = "") -> Organisation:
    found = Organisation.objects.filter(org_number=org_number).first() if org_number else None
    found = found or Organisation.objects.filter(kind=kind, name=name).first()
    if found is None:
        found = Organisation(kind=kind, name=name, org_number=org_number)
        found.full_clean()
        found.save()
    return found


def _kommune(number: str) -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.KOMMUNE, number=number)


def _person(index: int, organisation: Organisation, title: str) -> dict[str, str]:
    first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[(index * 5 + 3) % len(LAST_NAMES)]
    ascii_name = f"{first}.{last}".lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    domain = organisation.name.lower().replace(" ", "").translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return {
        "first_name": first,
        "last_name": last,
        "title": title,
        "email": f"{ascii_name}@{domain}.kommune.no" if organisation.number else f"{ascii_name}@{domain}.no",
        "phone": f"+47 41{index % 10} {10 + index % 90:02d} {100 + index % 900:03d}",
        "gender": Person.Gender.WOMAN if index % 2 == 0 else Person.Gender.MAN,
    }


def _join(network: Network, organisation: Organisation, joined_on: datetime.date, by: User, **extra) -> Membership:
    return activate_membership(
        organisation=organisation,
        network=network,
        joined_on=joined_on,
        political_decision_on=joined_on - datetime.timedelta(days=30),
        political_decision_body=extra.get("body", "Kommunestyret"),
        agreement_signed_on=joined_on,
        signatory_name=extra.get("signatory", "Kommunedirektøren"),
        signatory_title=extra.get("title", "Kommunedirektør"),
        approving_authority=Membership.ApprovingAuthority.KOMMUNEDIREKTOR,
        by=by,
    )


def _seed_ksf(*, today: datetime.date, ks: Organisation, by: User) -> None:
    national = _network(
        "ksf",
        "KSF – Kommunenes samarbeidsarena for forskning",
        short_name="KSF",
        coordinator=("Nina", "Nasjonal"),
        tagline="Kommunenes samarbeidsarena for forskning, ledet av KS",
        tagline_en="The municipalities' arena for research cooperation, led by KS",
        public_intro="KSF er en nasjonal satsing for å styrke grunnlaget for kunnskapsbaserte beslutninger og "
        "tjenesteutvikling i kommunene. KSF skal være etablert i hele landet innen 2028.",
        public_intro_en="KSF is a national initiative to strengthen the basis for knowledge-based decisions and "
        "service development in the municipalities, to be established across the country by 2028.",
        admitted_kinds=[Organisation.Kind.INTEREST_ORGANISATION],
        agreement_years=None,
        agreement_starts_on=datetime.date(2023, 1, 1),
        agreement_ends_on=datetime.date(2028, 12, 31),
        notice_months=12,
        has_dues=False,
        obligations=["contact"],
    )
    _join(national, ks, datetime.date(2023, 1, 1), by, body="Hovedstyret", title="Administrerende direktør")
    add_contact(organisation=ks, person_data=_person(0, ks, "Spesialrådgiver FoU"), kind=default_contact_kind(national),
                by=by)

    region = _network(
        "ksf-vestland",
        "KSF Vestland",
        coordinator=("Vegard", "Regional"),
        parent=national,
        tagline="KSF-regionen for kommuneklyngene i Vestland",
        tagline_en="The KSF region of the kommune clusters in Vestland",
        public_intro="KSF Vestland samler kommuneklyngene i Vestland. Vertskommunen har en regional koordinator "
        "som følger opp klyngene og får kopi av oppsigelser.",
        public_intro_en="KSF Vestland brings together the kommune clusters in Vestland. The host municipality "
        "has a regional coordinator who follows up the clusters and is copied on notices.",
        admitted_kinds=[Organisation.Kind.KOMMUNE],
        agreement_years=None,
        agreement_ends_on=datetime.date(2028, 12, 31),
        notice_months=12,
        has_dues=False,
        obligations=["decision", "contact"],
    )
    host_role = MembershipRoleKind.objects.create(network=region, name="Vertskommune", name_en="Host municipality",
                                                  one_per_network=True)
    coordinator_kind = ContactRoleKind.objects.create(
        network=region, name="Regional koordinator", name_en="Regional coordinator", key="regional-koordinator",
        held_by_role=host_role, one_per_organisation=True,
    )
    bergen = _kommune(VERTSKOMMUNE)
    host = _join(region, bergen, datetime.date(2024, 9, 1), by)
    set_membership_role(membership=host, role=host_role, by=by)
    add_contact(organisation=bergen, person_data=_person(1, bergen, "Regional koordinator KSF"),
                kind=coordinator_kind, by=by)

    for index, (slug, name, numbers, motor, research, adopted) in enumerate(CLUSTERS):
        _seed_cluster(
            today=today, region=region, host_role=host_role, coordinator_kind=coordinator_kind, slug=slug, name=name,
            numbers=numbers, motor=motor, research=research, adopted=adopted, offset=10 + index * 10, by=by,
        )


def _seed_cluster(*, today, region, host_role, coordinator_kind, slug, name, numbers, motor, research, adopted,
                  offset, by) -> None:
    area = name.split()[-1]
    cluster = _network(
        slug,
        name,
        coordinator=("Siv" if offset == 10 else "Arne", area),
        parent=region,
        short_name=f"Klynge {area}",
        tagline=f"Kommuneklynge i KSF Vestland: {len(numbers)} kommuner i {area}",
        tagline_en=f"A kommune cluster in KSF Vestland: {len(numbers)} municipalities in {area}",
        public_intro=f"Kommunene i {area} samarbeider om forskning og innovasjon med forsknings- og "
        "kompetanseaktører. Motorkommunen leder og koordinerer klyngen og representerer den i KSF-regionen.",
        public_intro_en=f"The municipalities of {area} cooperate on research and innovation with research "
        "partners. The lead municipality runs the cluster and represents it in the KSF region.",
        admitted_kinds=[Organisation.Kind.KOMMUNE, Organisation.Kind.RESEARCH],
        agreement_years=None,
        agreement_starts_on=CLUSTER_JOINED_ON,
        agreement_ends_on=CLUSTER_ENDS_ON,
        renewable=True,
        notice_months=12,
        has_dues=False,
        obligations=["decision", "contact", "action_plan"],
    )
    motor_role = MembershipRoleKind.objects.create(network=cluster, name="Motorkommune", name_en="Lead municipality",
                                                   one_per_network=True)
    foui = ContactRoleKind.objects.create(
        network=cluster, name="FoUI-kontakt", name_en="R&D&I contact", key="foui-kontakt", required=True,
        organisation_kinds=[Organisation.Kind.KOMMUNE], order=0,
    )
    leader_kind = ContactRoleKind.objects.create(
        network=cluster, name="Klyngeleder", name_en="Cluster leader", key="klyngeleder", held_by_role=motor_role,
        one_per_organisation=True, order=1,
    )
    NoticeAddressee.objects.create(network=cluster, source=NoticeAddressee.Source.CONTACT_ROLE,
                                   membership_role=motor_role, contact_kind=leader_kind)
    NoticeAddressee.objects.create(network=cluster, copy=True, source=NoticeAddressee.Source.CONTACT_ROLE,
                                   membership_role=host_role, contact_kind=coordinator_kind)
    for index, number in enumerate(numbers):
        kommune = _kommune(number)
        membership = _join(cluster, kommune, CLUSTER_JOINED_ON, by)
        if number == motor:
            set_membership_role(membership=membership, role=motor_role, by=by)
            add_contact(organisation=kommune, person_data=_person(offset + 9, kommune, "Klyngeleder"),
                        kind=leader_kind, by=by)
        if number == STORD:
            _shared_contact(kommune=kommune, foui=foui, by=by)
        else:
            add_contact(organisation=kommune, person_data=_person(offset + index, kommune, "FoUI-rådgiver"),
                        kind=foui, by=by)
    partner = _organisation(Organisation.Kind.RESEARCH, research)
    _join(cluster, partner, CLUSTER_JOINED_ON, by, body="Styret", signatory="Rektor", title="Rektor")
    meetings.action_plan(network=cluster, today=today, adopted=adopted, by=by)


def _shared_email() -> str:
    return f"{_person(99, _kommune(STORD), '')['email']}"


# What the README's screenshots show of these networks (manage.py screenshots): a kommune cluster's
# dashboard as its coordinator, and the network switcher of the contact in two networks.
SCREENSHOT_CLUSTER = CLUSTERS[0][0]


def cluster_coordinator_email() -> str:
    return f"koordinator.{SCREENSHOT_CLUSTER}@nettverksdemo.no"


def shared_contact_email() -> str:
    """The login of Stord's contact, who has roles in two networks."""
    return _shared_email()


def _shared_contact(*, kommune: Organisation, foui: ContactRoleKind, by: User) -> None:
    """Stord's contact in the first network is also its FoUI-kontakt in the cluster, with a login.

    Stord joins the first network (from its signing day in 2022, renewed since) when it is not a member."""
    first = first_network()
    membership = Membership.objects.filter(network=first, organisation=kommune).current().first()
    if membership is None or membership.status == Membership.Status.APPLICANT:
        membership = _join(first, kommune, datetime.date(2022, 6, 3), by)
        renew_agreement(membership=membership, signed_on=datetime.date(2025, 5, 15), by=by)
    person = Person.objects.filter(email=_shared_email()).first()
    if person is None:
        role = add_contact(organisation=kommune, person_data=_person(99, kommune, "Samfunnsplanlegger"),
                           kind=default_contact_kind(first), by=by)
        person = role.person
    if not ContactRole.objects.filter(person=person, kind=foui).exists():
        add_role_to_person(person=person, organisation=kommune, kind=foui, by=by)
    members_demo.person_login(person)


def _seed_kmd_ks(*, ks: Organisation, by: User) -> None:
    network = _network(
        "kmd-ks",
        "Samarbeidsavtale KMD–KS om innovasjon og bærekraftsmålene",
        short_name="KMD–KS",
        coordinator=("Jon", "Avtale"),
        tagline="Avtale i konsultasjonsordningen 2021–2023 (avsluttet)",
        tagline_en="An agreement in the consultation scheme, 2021–2023 (ended)",
        public_intro="Avtalen mellom departementet og KS om innovasjon i offentlig sektor og oppfølgingen av "
        "bærekraftsmålene var en del av konsultasjonsordningen. Den gjaldt 2021–2023 og er avsluttet.",
        public_intro_en="The agreement between the ministry and KS on public-sector innovation and the "
        "Sustainable Development Goals was part of the consultation scheme. It ran 2021–2023 and has ended.",
        admitted_kinds=[Organisation.Kind.STATE_BODY, Organisation.Kind.INTEREST_ORGANISATION],
        agreement_years=None,
        agreement_starts_on=datetime.date(2021, 1, 1),
        agreement_ends_on=datetime.date(2023, 12, 31),
        renewable=False,
        notice_months=1,
        has_dues=False,
        obligations=["contact"],
    )
    ministry = _organisation(Organisation.Kind.STATE_BODY, "Kommunal- og distriktsdepartementet")
    ended_on = datetime.date(2023, 12, 31)
    for party, index, title in ((ministry, 20, "Departementsråd"), (ks, 21, "Administrerende direktør")):
        membership = _join(network, party, datetime.date(2021, 1, 1), by, body="Ledelsen", title=title)
        if not party.contact_roles.filter(network=network).exists():
            add_contact(organisation=party, person_data=_person(index, party, "Seniorrådgiver"),
                        kind=default_contact_kind(network), by=by)
        # The agreement ran out: history loaded after the fact, as an import would.
        membership.status, membership.ended_on = Membership.Status.RESIGNED, ended_on
        membership.full_clean()
        membership._history_user = by
        membership.save()
    meetings.political_meetings(network=network, by=by)


def _seed_partnership(*, today: datetime.date, by: User) -> None:
    network = _network(
        "partnerskap-asker-baerum",
        "Partnerskap Asker og Bærum – fylkeskommunen",
        short_name="Partnerskap Asker og Bærum",
        coordinator=("Hilde", "Partnerskap"),
        tagline="Partnerskap mellom det interkommunale politiske rådet og fylkeskommunen",
        tagline_en="A partnership between the inter-municipal political council and the county",
        public_intro="Partnerskapet gir rammer for dialog mellom Asker og Bærum interkommunale politiske råd og "
        "fylkeskommunen om plan og areal, mobilitet, regional samfunnsutvikling, videregående utdanning og "
        "klima og miljø. Avtalen ble inngått med Viken; fra 2024 er Akershus part. Møtene er åpne.",
        public_intro_en="The partnership frames the dialogue between the Asker and Bærum inter-municipal "
        "political council and the county on planning, mobility, regional development, upper secondary "
        "education and climate. It was signed with Viken; Akershus has been the party since 2024. "
        "The meetings are open.",
        admitted_kinds=[Organisation.Kind.COUNCIL, Organisation.Kind.FYLKESKOMMUNE],
        agreement_years=4,
        notice_months=6,
        has_dues=False,
        obligations=["decision", "contact"],
    )
    signed = datetime.date(2020, 1, 1)
    council = _organisation(Organisation.Kind.COUNCIL, "Asker og Bærum interkommunale politiske råd")
    council_membership = _join(network, council, signed, by, body="Rådet", signatory="Rådsleder", title="Rådsleder")
    renew_agreement(membership=council_membership, signed_on=datetime.date(2023, 12, 1), by=by)
    add_contact(organisation=council, person_data=_person(30, council, "Rådssekretær"),
                kind=default_contact_kind(network), by=by)
    viken = Organisation.objects.get(kind=Organisation.Kind.FYLKESKOMMUNE, number="30")
    akershus = Organisation.objects.get(kind=Organisation.Kind.FYLKESKOMMUNE, number="32")
    # Viken has ended, so it cannot join now: its membership is history, loaded as it was.
    viken_membership = Membership(
        network=network, organisation=viken, status=Membership.Status.ACTIVE, applied_on=signed, joined_on=signed,
        political_decision_on=datetime.date(2019, 12, 10), political_decision_body="Fylkestinget",
        agreement_signed_on=signed, signatory_name="Fylkesdirektøren", signatory_title="Fylkesdirektør",
        agreement_ends_on=datetime.date(2024, 1, 1),
    )
    viken_membership.full_clean()
    viken_membership._history_user = by
    viken_membership.save()
    carried = carry_over_membership(membership=viken_membership, successor=akershus, by=by)
    renew_agreement(membership=carried, signed_on=datetime.date(2024, 2, 1), by=by)
    add_contact(organisation=akershus, person_data=_person(31, akershus, "Regionalsjef"),
                kind=default_contact_kind(network), by=by)
    meetings.partnership_meetings(network=network, today=today, by=by)
