"""The portal home's sections are cached until their data changes: never stale, and few queries."""

import pytest
from django.urls import reverse

from activities import services as activities
from billing.services.dues import issue_dues_invoice
from billing.services.payments import register_payment
from members import portal
from tests.conftest import requires_postgresql
from tests.factories import EventFactory, dues_member

from .conftest import make_contact

pytestmark = pytest.mark.django_db

# session, user, contact's organisations, groups, data fingerprint, memberships, population,
# contact persons, invitations, and the sections' queries when their data has changed.
MOST_QUERIES = 15


@pytest.fixture
def member(db):
    membership = dues_member()
    user, role = make_contact(membership=membership)
    return user, membership


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("members:portal_home")).content.decode()


def test_an_invoice_shows_as_paid_as_soon_as_the_payment_is_registered(client, member):
    user, membership = member
    invoice = issue_dues_invoice(membership=membership, year=2025)
    assert "Forfalt" in _home(client, user) or "Utstedt" in _home(client, user)
    register_payment(invoice=invoice, amount_ore=invoice.amount_ore, paid_on=invoice.issue_date)
    assert "Betalt" in _home(client, user)


def test_a_registration_shows_as_soon_as_it_is_made(client, member):
    user, membership = member
    event = EventFactory(title="Høstsamling i Bodø")
    assert "Høstsamling i Bodø" in _home(client, user)  # coming, not yet registered
    person = user.person_set.first() if hasattr(user, "person_set") else membership.organisation.people.first()
    activities.register_person(event=event, person=person, by=user, notify=False)
    home = _home(client, user)
    assert home.count("Høstsamling i Bodø") >= 2  # now also among this year's registrations or marked as registered


@requires_postgresql  # the counts are PostgreSQL's: roles ride with the user, the contacts' digest with the fingerprint
def test_the_portal_home_takes_the_same_queries_for_a_small_and_a_large_network(
    client, member, django_assert_max_num_queries
):
    user, membership = member
    issue_dues_invoice(membership=membership, year=2025)
    client.force_login(user)
    url = reverse("members:portal_home")
    client.get(url)  # the contacts are cached from here on; the invoices below change the sections
    counts = []
    for others in (2, 20):
        for _ in range(others):
            issue_dues_invoice(membership=dues_member(), year=2025)
        with django_assert_max_num_queries(MOST_QUERIES) as cold:
            client.get(url)
        with django_assert_max_num_queries(MOST_QUERIES) as warm:
            client.get(url)
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1]
    assert counts[0][1] < counts[0][0]  # the warm page reads the sections from the cache


def test_a_section_that_names_no_models_is_rendered_on_every_visit_with_the_request(client, member, settings, tmp_path):
    user, _membership = member
    template_dir = tmp_path / "templates"
    (template_dir / "testapp").mkdir(parents=True)
    (template_dir / "testapp" / "_live.html").write_text("<p>visit {{ n }} by {{ request.user.email }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    visits = iter(range(1, 10))
    portal.register_section(
        portal.PortalSection(
            key="test-live", order=99, template="testapp/_live.html", context=lambda request, org: {"n": next(visits)}
        )
    )
    try:
        first, second = _home(client, user), _home(client, user)
    finally:
        portal._sections.pop("test-live")
    assert f"visit 1 by {user.email}" in first
    assert f"visit 2 by {user.email}" in second


def _contacts_table(home: str) -> str:
    start = home.index('id="contacts-heading"')
    return home[start : home.index("</section>", start)]


def test_the_contact_list_shows_every_change_at_once_however_it_was_made(client, member):
    """Kept per process under a digest of the rows themselves: services, logins and bare updates alike."""
    from django.utils import timezone

    from members.models import Invitation, Person
    from members.services import invite_person
    from members.services.contacts import add_contact, update_contact
    from members.services.invitations import accept_invitation

    user, membership = member
    organisation = membership.organisation
    assert "Ingen konto" not in _contacts_table(_home(client, user))

    colleague = add_contact(
        organisation=organisation,
        person_data={"first_name": "Kari", "last_name": "Nordmann", "title": "Rådgiver", "email": "kari@kommune.no",
                     "phone": "99887766"},
    )
    assert "Kari Nordmann" in (table := _contacts_table(_home(client, user)))
    assert "Ingen konto" in table and "Ventende invitasjoner" not in table

    update_contact(role=colleague, person_data={"title": "Seniorrådgiver"})
    assert "Seniorrådgiver" in _contacts_table(_home(client, user))

    invitation = invite_person(person=colleague.person, organisation=organisation, by=user)
    assert "Ventende invitasjoner" in (table := _contacts_table(_home(client, user)))
    assert "kari@kommune.no" in table

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert "Ventende invitasjoner" not in _contacts_table(_home(client, user))  # expired: no longer pending

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timezone.timedelta(days=1))
    accept_invitation(invitation=invitation, password="et-langt-og-godt-passord-2026")
    assert "Ingen konto" not in (table := _contacts_table(_home(client, user)))
    assert "Ventende invitasjoner" not in table

    kari = Person.objects.get(pk=colleague.person_id).user
    kari.is_active = False
    kari.save(update_fields=["is_active"])
    assert "Ingen konto" in _contacts_table(_home(client, user))

    Person.objects.filter(pk=colleague.person_id).update(phone="12345678")  # no history, no signal
    assert "12345678" in _contacts_table(_home(client, user))


@requires_postgresql  # elsewhere (the SQLite quick start) the contacts are read live
def test_the_contact_list_is_read_once_per_change_not_once_per_visit(client, member, django_assert_max_num_queries):
    user, _membership = member
    _home(client, user)
    with django_assert_max_num_queries(MOST_QUERIES) as visit:
        _home(client, user)
    queries = [q["sql"] for q in visit.captured_queries]
    assert sum("md5(" in sql for sql in queries) == 1  # the digest of the contact rows
    # … and the roles with their people and logins come from the cache, not from the database
    assert not any('"members_contactrole"."is_primary"' in sql for sql in queries)
    assert not any('"members_invitation"."expires_at"' in sql and "md5(" not in sql for sql in queries)
