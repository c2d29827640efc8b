"""The portal home of a member contact: own organisation, membership, contacts, sections."""

import datetime

import pytest
from django.urls import reverse

from members import portal
from members.models import Membership
from tests.conftest import requires_postgresql
from tests.factories import ContactRoleFactory, MembershipFactory, PopulationFigureFactory

from .conftest import make_contact

pytestmark = pytest.mark.django_db

# The same number however many contact persons the organisation has: the session, the user with their
# roles, the organisation, the user's organisations, the fingerprint with the contacts' digest; and when
# the contacts have changed since the last visit, the contacts and their invitations.
QUERIES = 5
QUERIES_AFTER_A_CHANGE = 7


def test_a_contact_of_one_organisation_goes_straight_to_it(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    response = client.get(reverse("members:portal_home"))
    assert response.status_code == 200
    assert response.context["organisation"] == role.organisation


def test_a_contact_of_two_organisations_picks_one(client):
    user, role = make_contact(email="to.kommuner@kommune.no")
    other = MembershipFactory()
    ContactRoleFactory(organisation=other.organisation, person=role.person)
    client.force_login(user)
    response = client.get(reverse("members:portal_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("members:organisation_home", args=[role.organisation_id]) in content
    assert reverse("members:organisation_home", args=[other.organisation_id]) in content
    assert client.get(reverse("members:organisation_home", args=[other.organisation_id])).status_code == 200


def test_the_portal_home_shows_the_organisation_membership_and_contacts(client, contact_a):
    user, role = contact_a
    organisation = role.organisation
    PopulationFigureFactory(organisation=organisation, population=23456, reference_date=datetime.date(2025, 1, 1))
    colleague = ContactRoleFactory(organisation=organisation, is_primary=False)
    client.force_login(user)
    response = client.get(reverse("members:organisation_home", args=[organisation.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert organisation.name in content
    assert "23\u00a0456" in content and "01.01.2025" in content  # population grouped (nb)
    assert "Aktiv" in content
    assert "03.06.2025" in content  # agreement ends (renewal date)
    assert "20.05.2022" in content and "22/123" in content  # political decision
    assert colleague.person.full_name in content
    assert "Hovedkontakt" in content
    assert reverse("members:resign", args=[organisation.pk]) in content


def test_the_portal_home_renders_sections_registered_by_other_apps(client, contact_a, settings, tmp_path):
    user, role = contact_a
    template_dir = tmp_path / "templates"
    (template_dir / "testapp").mkdir(parents=True)
    (template_dir / "testapp" / "_section.html").write_text(
        "<section><h2>Fakturaer</h2>{{ invoices_of }} / {{ section.invoices_of }}</section>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    portal.register_section(
        portal.PortalSection(
            key="test-invoices",
            order=10,
            template="testapp/_section.html",
            context=lambda request, organisation: {"invoices_of": f"faktura-{organisation.name}"},
        )
    )
    try:
        client.force_login(user)
        content = client.get(reverse("members:organisation_home", args=[role.organisation_id])).content.decode()
    finally:
        portal._sections.pop("test-invoices")
    name = role.organisation.name
    assert f"faktura-{name} / faktura-{name}" in content


def test_a_member_in_notice_period_sees_the_effective_date(client, contact_a):
    user, role = contact_a
    Membership.objects.filter(organisation=role.organisation).update(
        status=Membership.Status.NOTICE,
        notice_given_on=datetime.date(2025, 8, 31),
        notice_effective_on=datetime.date(2026, 2, 28),
    )
    client.force_login(user)
    content = client.get(reverse("members:organisation_home", args=[role.organisation_id])).content.decode()
    assert "28.02.2026" in content
    assert reverse("members:notice_letter", args=[role.organisation_id]) in content


@requires_postgresql  # the counts are PostgreSQL's: roles ride with the user, the contacts' digest with the fingerprint
def test_the_portal_home_makes_a_fixed_number_of_queries(client, contact_a, django_assert_num_queries, monkeypatch):
    # The members part only: other apps' sections pin their own counts.
    monkeypatch.setattr(portal, "_sections", {})
    user, role = contact_a
    for _ in range(2):
        ContactRoleFactory(organisation=role.organisation, is_primary=False)
    client.force_login(user)
    url = reverse("members:organisation_home", args=[role.organisation_id])
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for _ in range(6):
        ContactRoleFactory(organisation=role.organisation, is_primary=False)
    with django_assert_num_queries(QUERIES_AFTER_A_CHANGE):
        client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)


def test_the_coordinator_sees_any_members_portal_page(client, coordinator, contact_a):
    _user, role = contact_a
    client.force_login(coordinator)
    response = client.get(reverse("members:organisation_home", args=[role.organisation_id]))
    assert response.status_code == 200
    assert reverse("members:register_letter_notice", args=[role.organisation_id]) in response.content.decode()


def test_a_contacts_pending_invitation_is_listed_until_it_expires(client, contact_a):
    from django.utils import timezone

    from members import services
    from members.models import Invitation

    user, role = contact_a
    colleague = ContactRoleFactory(organisation=role.organisation, is_primary=False)
    invitation = services.invite_person(person=colleague.person, organisation=role.organisation, by=user)
    client.force_login(user)
    url = reverse("members:organisation_home", args=[role.organisation_id])
    content = client.get(url).content.decode()
    assert "Ventende invitasjoner" in content
    assert f"{colleague.person.full_name} ({invitation.email})" in content
    assert timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y") in content
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert "Ventende invitasjoner" not in client.get(url).content.decode()
