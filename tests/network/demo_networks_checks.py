"""The demo's other networks (network/demo_networks.py), checked after `seed_demo` by
test_seed_demo.py (which seeds once: seeding takes a while): the facts of each network, each
coordinator at their own dashboard and refused at another's, the person in two networks with the
switcher, the partnership's agenda open to anyone, and the cluster's notice addressees."""

import datetime

from django.utils import timezone

from governance.models import ActionPlan, Body, BodyKindSettings, Meeting
from members.demo import DEMO_PASSWORD
from members.models import ContactRole, Membership, Network, Organisation, User
from members.networks import first_network
from members.notices import notice_parties

CLUSTERS = ("klynge-sunnhordland", "klynge-nordhordland")
SLUGS = ("ksf", "ksf-vestland", *CLUSTERS, "kmd-ks", "partnerskap-asker-baerum")


def check_the_other_networks(logins: dict[str, str], client) -> None:
    check_ksf()
    check_the_ended_agreement()
    check_the_partnership()
    check_each_coordinator_sees_only_their_network(logins, client)
    check_the_person_in_two_networks(logins, client)
    check_the_partnership_agenda_is_public(client)
    check_the_cluster_notice_goes_to_the_cluster_leader_with_a_copy_to_the_region()


def check_ksf() -> None:
    national, region = Network.objects.get(slug="ksf"), Network.objects.get(slug="ksf-vestland")
    assert region.parent == national and national.parent is None
    assert national.memberships.get().organisation.org_number == "971032146"  # led by KS
    host = region.memberships.get(role__name="Vertskommune")
    assert ContactRole.objects.filter(organisation=host.organisation, kind__name="Regional koordinator").exists()
    plans = []
    for slug in CLUSTERS:
        cluster = Network.objects.get(slug=slug)
        assert cluster.parent == region
        assert not cluster.has_dues and cluster.notice_months == 12 and cluster.renewable
        assert cluster.agreement_ends_on == datetime.date(2027, 12, 31) and cluster.agreement_years is None
        assert cluster.obligations == ["decision", "contact", "action_plan"]
        members = cluster.memberships.filter(status=Membership.Status.ACTIVE)
        kommuner = members.filter(organisation__kind=Organisation.Kind.KOMMUNE)
        assert kommuner.count() == 5
        assert kommuner.filter(organisation__number__startswith="46").count() == 5  # Vestland's register
        motor = members.get(role__name="Motorkommune")
        assert ContactRole.objects.filter(organisation=motor.organisation, kind__name="Klyngeleder").exists()
        for membership in kommuner:
            assert ContactRole.objects.filter(
                organisation=membership.organisation, kind__network=cluster, kind__name="FoUI-kontakt"
            ).exists(), membership
        assert members.filter(organisation__kind=Organisation.Kind.RESEARCH).count() == 1
        plans.append(ActionPlan.objects.get(network=cluster, year=timezone.localdate().year))
    assert sorted(plan.is_adopted for plan in plans) == [False, True]


def check_the_ended_agreement() -> None:
    network = Network.objects.get(slug="kmd-ks")
    assert not network.has_dues and network.notice_months == 1
    assert network.agreement_ends_on == datetime.date(2023, 12, 31)
    parties = network.memberships.all()
    assert {m.organisation.kind for m in parties} == {Organisation.Kind.STATE_BODY, Organisation.Kind.INTEREST_ORGANISATION}
    assert all(m.status == Membership.Status.RESIGNED and m.ended_on == network.agreement_ends_on for m in parties)
    body = Body.objects.get(network=network)
    assert Meeting.objects.filter(body=body, date__lt=network.agreement_ends_on).count() >= 2
    assert Meeting.objects.filter(body=body, status=Meeting.Status.MINUTES_APPROVED).exists()


def check_the_partnership() -> None:
    network = Network.objects.get(slug="partnerskap-asker-baerum")
    assert not network.has_dues
    council = network.memberships.get(organisation__kind=Organisation.Kind.COUNCIL)
    assert council.status == Membership.Status.ACTIVE
    viken = network.memberships.get(organisation__number="30", organisation__kind=Organisation.Kind.FYLKESKOMMUNE)
    assert viken.status == Membership.Status.RESIGNED and viken.end_reason == Membership.EndReason.CARRIED_OVER
    akershus = network.memberships.get(carried_over_from=viken)
    assert akershus.organisation.name == "Akershus" and akershus.status == Membership.Status.ACTIVE
    body = Body.objects.get(network=network)
    assert body.meetings_public
    assert BodyKindSettings.objects.get(network=network, kind=body.kind).meetings_per_year_min == 2
    today = timezone.localdate()
    upcoming = Meeting.objects.filter(body=body, date__gt=today, status=Meeting.Status.AGENDA_PUBLISHED)
    assert upcoming.count() == 2
    assert Meeting.objects.filter(body=body, date__lt=today, status=Meeting.Status.MINUTES_APPROVED).exists()


def check_each_coordinator_sees_only_their_network(logins: dict[str, str], client) -> None:
    first = first_network()
    for slug in SLUGS:
        user = User.objects.get(email=logins[f"Coordinator, {slug}"])
        assert list(user.coordinated_networks.values_list("slug", flat=True)) == [slug]
        assert user.is_staff and user.groups.filter(name="Koordinator").exists()
        assert client.login(username=user.email, password=DEMO_PASSWORD)
        assert client.get(f"/{slug}/koordinator/").status_code == 200, slug
        assert client.get(f"/{first.slug}/koordinator/").status_code == 403, slug
        other = "kmd-ks" if slug != "kmd-ks" else "ksf"
        assert client.get(f"/{other}/koordinator/").status_code == 403, slug
        client.logout()
    # The first network's coordinator is its coordinator, and no other's.
    coordinator = User.objects.get(email=logins["Coordinator"])
    assert list(coordinator.coordinated_networks.all()) == [first]


def check_the_person_in_two_networks(logins: dict[str, str], client) -> None:
    user = User.objects.get(email=logins["FoUI contact in two networks (Stord)"])
    roles = ContactRole.objects.filter(person__user=user)
    assert {r.organisation.name for r in roles} == {"Stord"}
    networks = {r.network.slug for r in roles}
    assert networks == {first_network().slug, "klynge-sunnhordland"}
    stord = roles.first().organisation
    for slug in networks:
        assert stord.memberships.filter(network__slug=slug, status=Membership.Status.ACTIVE).exists(), slug
    assert client.login(username=user.email, password=DEMO_PASSWORD)
    page = client.get(f"/{first_network().slug}/portal/")
    assert page.status_code == 200
    assert 'class="network-switch"' in page.content.decode()
    assert [each.slug for each, _url, _here in page.context["network_switch"]] == [
        first_network().slug,
        "klynge-sunnhordland",
    ]
    client.logout()


def check_the_partnership_agenda_is_public(client) -> None:
    meeting = (
        Meeting.objects.filter(body__network__slug="partnerskap-asker-baerum", date__gt=timezone.localdate())
        .order_by("date")
        .first()
    )
    page = client.get(f"/partnerskap-asker-baerum/apne-moter/{meeting.pk}/")
    assert page.status_code == 200
    for case in meeting.cases.all():
        assert case.title in page.content.decode()


def check_the_cluster_notice_goes_to_the_cluster_leader_with_a_copy_to_the_region() -> None:
    for slug in CLUSTERS:
        membership = (
            Membership.objects.filter(network__slug=slug, role__isnull=True, organisation__kind=Organisation.Kind.KOMMUNE)
            .order_by("organisation__number")
            .first()
        )
        parties = notice_parties(membership, on=timezone.localdate())
        [leader] = parties.recipients
        assert leader.person is not None and leader.addressee.contact_kind.name == "Klyngeleder"
        assert leader.organisation.memberships.get(network__slug=slug).role.name == "Motorkommune"
        [regional] = parties.copies
        assert regional.person is not None and regional.addressee.contact_kind.name == "Regional koordinator"
        assert regional.organisation.memberships.get(network__slug="ksf-vestland").role.name == "Vertskommune"
