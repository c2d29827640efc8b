"""To whom notice is given and who gets a copy, as the network's data (R5, R13, issue 22 «Done when»):
a notice in a KSF-like cluster takes effect 12 months later and e-mails the klyngeleder of the
motorkommune, with a copy to the regional coordinator of the parent region's vertskommune."""

import datetime
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from members import services
from members.models import Membership, NoticeAddressee
from members.networks import using_network
from members.notices import notice_parties
from tests.factories import (
    ContactRoleKindFactory,
    MembershipFactory,
    MembershipRoleKindFactory,
    NetworkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _person(first, last, email, language="nb"):
    return {"first_name": first, "last_name": last, "title": "Rådgiver", "email": email, "preferred_language": language}


@pytest.fixture
def ksf():
    """A region with its vertskommune and regional coordinator; a cluster in it with 12 months' notice,
    its motorkommune with a klyngeleder, and a member kommune with a FoUI contact."""
    region = NetworkFactory(name="KSF Region Test", has_dues=False, notice_months=12)
    host_role = MembershipRoleKindFactory(network=region, name="Vertskommune", one_per_network=True)
    coordinator_kind = ContactRoleKindFactory(
        network=region, name="Regional koordinator", name_en="Regional coordinator", key="regional-koordinator",
        held_by_role=host_role, one_per_organisation=True,
    )
    host = MembershipFactory(network=region, role=host_role)
    services.add_contact(
        organisation=host.organisation, kind=coordinator_kind,
        person_data=_person("Rita", "Regional", "rita@vertskommune.no"),
    )

    cluster = NetworkFactory(name="Kommuneklynge Test", parent=region, has_dues=False, notice_months=12)
    motor_role = MembershipRoleKindFactory(network=cluster, name="Motorkommune", one_per_network=True)
    leader_kind = ContactRoleKindFactory(
        network=cluster, name="Klyngeleder", name_en="Cluster leader", key="klyngeleder",
        held_by_role=motor_role, one_per_organisation=True,
    )
    foui = ContactRoleKindFactory(network=cluster, name="FoUI-kontakt", key="foui-kontakt", required=True)
    motor = MembershipFactory(network=cluster, role=motor_role)
    services.add_contact(
        organisation=motor.organisation, kind=leader_kind, person_data=_person("Klara", "Klyngeleder", "klara@motor.no")
    )
    NoticeAddressee.objects.create(
        network=cluster, source=NoticeAddressee.Source.CONTACT_ROLE, membership_role=motor_role, contact_kind=leader_kind
    )
    NoticeAddressee.objects.create(
        network=cluster, copy=True, source=NoticeAddressee.Source.CONTACT_ROLE, membership_role=host_role,
        contact_kind=coordinator_kind,
    )
    member = MembershipFactory(network=cluster)
    contact = services.add_contact(
        organisation=member.organisation, kind=foui, person_data=_person("Frida", "Foui", "frida@medlem.no")
    )
    return {"cluster": cluster, "member": member, "contact": contact, "motor": motor, "host": host, "foui": foui}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_notice_in_the_cluster_takes_effect_12_months_later_and_emails_klyngeleder_and_regional_coordinator(
    ksf, django_capture_on_commit_callbacks
):
    given_on = timezone.localdate() - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.give_notice(
            membership=ksf["member"], given_on=given_on, signed_by_name="Kari Nordmann",
            signed_by_title="Kommunedirektør", channel=Membership.NoticeChannel.LETTER,
        )
    assert membership.notice_effective_on == given_on + relativedelta(months=12)

    letter, receipt = mail.outbox
    assert "klara@motor.no" in letter.to
    assert letter.cc == ["rita@vertskommune.no"]
    assert "Til Klara Klyngeleder (Klyngeleder, " + ksf["motor"].organisation.name + ")" in letter.body
    assert "Kopi: Rita Regional (Regional koordinator, " + ksf["host"].organisation.name + ")" in letter.body
    text = pdf_text(letter.attachments[0][1])
    assert "Klara Klyngeleder" in text and "Klyngeleder" in text and "Rita Regional" in text

    assert "frida@medlem.no" in receipt.to
    assert "Klara Klyngeleder" in receipt.body and "Rita Regional" in receipt.body


def test_the_texts_read_the_titles_in_the_readers_language(ksf):
    from django.utils import translation

    parties = notice_parties(ksf["member"])
    with translation.override("en"):
        assert [p.title for p in parties.recipients] == ["Cluster leader"]
        assert [p.title for p in parties.copies] == ["Regional coordinator"]
        assert "Klara Klyngeleder (Cluster leader, " in parties.to_text
    assert [p.title for p in parties.recipients] == ["Klyngeleder"]


def test_the_receipt_in_english_names_the_roles_in_english(ksf, django_capture_on_commit_callbacks):
    organisation = ksf["member"].organisation
    organisation.preferred_language = "en"
    organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.give_notice(
            membership=ksf["member"], given_on=timezone.localdate(), signed_by_name="Kari Nordmann",
            signed_by_title="Chief executive", channel=Membership.NoticeChannel.LETTER,
        )
    letter, receipt = mail.outbox
    assert "Cluster leader" in receipt.body and "Regional coordinator" in receipt.body
    assert "Klyngeleder" in letter.body  # the letter to the office is in bokmål


def test_the_resignation_form_names_the_addressees(ksf, client):
    user = UserFactory(email="frida@medlem.no")
    person = ksf["contact"].person
    person.user = user
    person.save()
    client.force_login(user)
    with using_network(ksf["member"].network):
        url = reverse("members:resign", args=[ksf["member"].organisation_id])
    content = client.get(url).content.decode()
    assert "ett år" in content
    assert "Klara Klyngeleder" in content and "Rita Regional" in content


def test_a_role_nobody_holds_is_named_by_its_title(ksf):
    ksf["motor"].organisation.contact_roles.all().delete()
    parties = notice_parties(ksf["member"])
    assert [(p.title, p.person) for p in parties.recipients] == [("Klyngeleder", None)]


def test_a_network_without_addressees_gives_notice_to_the_coordinator(coordinator, django_capture_on_commit_callbacks):
    network = NetworkFactory(name="Uten mottaker")
    membership = MembershipFactory(network=network)
    assert notice_parties(membership).recipients == []
    with django_capture_on_commit_callbacks(execute=True):
        services.give_notice(
            membership=membership, given_on=timezone.localdate(), signed_by_name="Kari", signed_by_title="Ordfører",
            channel=Membership.NoticeChannel.LETTER,
        )
    assert "Til koordinatoren" in mail.outbox[0].body


def test_an_addressee_pointing_at_a_role_of_another_network_is_refused(ksf):
    stranger = MembershipRoleKindFactory(network=NetworkFactory(name="Et annet nettverk"), name="Vertskommune")
    kind = ContactRoleKindFactory(network=stranger.network, name="Koordinator")
    addressee = NoticeAddressee(
        network=ksf["cluster"], source=NoticeAddressee.Source.CONTACT_ROLE, membership_role=stranger, contact_kind=kind
    )
    with pytest.raises(ValidationError) as error:
        addressee.full_clean()
    assert "hører til et annet nettverk" in str(error.value)


def test_an_addressee_whose_contact_kind_is_not_of_the_roles_network_is_refused(ksf):
    addressee = NoticeAddressee(
        network=ksf["cluster"], source=NoticeAddressee.Source.CONTACT_ROLE,
        membership_role=ksf["motor"].role, contact_kind=ContactRoleKindFactory(network=ksf["host"].network, name="X"),
    )
    with pytest.raises(ValidationError) as error:
        addressee.full_clean()
    assert "så ingen kan ha den" in str(error.value)


def test_network_1s_notice_goes_to_its_steering_group_leader_read_from_governance():
    from governance.models import Body, BodyKind, Term
    from tests.factories import PersonFactory, first_network

    network = first_network()
    body = Body.objects.filter(network=network, kind=BodyKind.STEERING_GROUP).first() or Body.objects.create(
        network=network, kind=BodyKind.STEERING_GROUP, name="Styringsgruppen"
    )
    member = MembershipFactory()
    leader = PersonFactory(organisation=member.organisation, first_name="Liv", last_name="Leder")
    Term.objects.create(
        body=body, person=leader, organisation=member.organisation, role=Term.Role.LEADER,
        starts_on=datetime.date(2024, 1, 1),
    )
    parties = notice_parties(member, timezone.localdate())
    assert [(p.person, p.title, p.copy) for p in parties.recipients] == [(leader, "Styringsgruppens leder", False)]
    assert parties.copies == []
