"""Hostile input in the member portal (hypothesis): contacts, notice, invitation, nominations,
working groups and event registration never answer 500, store nothing when they refuse, and
store odd-but-valid values exactly and show them escaped."""

import itertools
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from activities.models import Registration
from governance.models import JoinRequest, Nomination
from governance.services.elections import open_election
from governance.services.working_groups import create_working_group
from members.models import ContactRole, Invitation, Membership, Person, User
from members.services import invite_person
from members.services.invitations import invitation_token
from tests.factories import ContactRoleFactory, EventFactory, PersonFactory, member_person

from .hostile import (
    KNOWN_BAD,
    assert_form_rejects_cleanly,
    assert_shown_escaped,
    hostile_text,
    rolled_back,
    submit_hostile,
)

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
_unique = itertools.count()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def contact_client(client, member_contact):
    client.force_login(member_contact)
    return client


@pytest.fixture
def organisation(member_contact):
    return member_contact.person.organisation


def _valid_contact(**overrides) -> dict:
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "title": "Rådgiver",
        "email": f"kari{next(_unique)}@asker.kommune.no",
        "phone": "+47 22 00 00 00",
        "street_address": "Rådhusplassen 1",
        "postal_code": "1383",
        "postal_place": "Asker",
        "gender": "woman",
        "preferred_language": "nb",
        "make_primary": "",
        "send_invitation": "",
    }
    data.update(overrides)
    return data


CONTACT_FIELDS = ["first_name", "last_name", "title", "email", "phone", "street_address", "postal_code", "postal_place"]


# --- contact persons --------------------------------------------------------------------------


@HYPOTHESIS
@given(values=st.fixed_dictionaries({name: hostile_text() for name in CONTACT_FIELDS}), gender=hostile_text())
def test_adding_a_contact_with_every_field_hostile_is_refused_cleanly(contact_client, organisation, values, gender):
    with rolled_back():
        response = assert_form_rejects_cleanly(
            contact_client,
            reverse("members:contact_add", args=[organisation.pk]),
            _valid_contact(**values, gender=gender),
            [Person, ContactRole, Invitation, User],
        )
        assert response.status_code == 200


@HYPOTHESIS
@given(
    field=st.sampled_from(["first_name", "last_name", "title", "street_address", "postal_place"]), value=hostile_text()
)
def test_an_odd_name_or_address_is_stored_exactly_and_shown_escaped_or_refused(
    contact_client, organisation, field, value
):
    with rolled_back():
        response, accepted = submit_hostile(
            contact_client,
            reverse("members:contact_add", args=[organisation.pk]),
            _valid_contact(**{field: value}),
            [Person, ContactRole, Invitation],
        )
        if accepted:
            assert response.status_code == 302
            person = Person.objects.latest("pk")
            stored = unicodedata.normalize("NFC", value).strip()  # NFC, as a keyboard types it
            assert getattr(person, field) == stored
            assert "\x00" not in value
            assert "\u202e" not in value  # no right-to-left override in a stored name
            if field != "street_address":
                assert any(char.isalpha() for char in stored), "a name, title or place without a letter"
            assert_shown_escaped(
                contact_client.get(reverse("members:organisation_home", args=[organisation.pk])), [value]
            )
        else:
            assert response.status_code == 200


@HYPOTHESIS
@given(values=st.fixed_dictionaries({name: hostile_text() for name in CONTACT_FIELDS}))
def test_editing_a_contact_with_hostile_values_changes_nothing_when_refused(contact_client, member_contact, values):
    role = member_contact.person.contact_roles.get()
    before = Person.objects.filter(pk=member_contact.person.pk).values().get()
    with rolled_back():
        response = assert_form_rejects_cleanly(
            contact_client,
            reverse("members:contact_edit", args=[role.organisation_id, role.pk]),
            _valid_contact(**values),
            [Person, ContactRole],
        )
        assert response.status_code == 200
        assert Person.objects.filter(pk=member_contact.person.pk).values().get() == before


NONSENSE_CONTACT_VALUES = [
    "-5",
    "\u202eevil\u202c",
    "Kari\u202e",
    "Ka\x07ri",
    "Ka\x1b[31mri",
    "Ka\u200bri",
    "\u2066Kari\u2069",
]


@pytest.mark.parametrize("value", NONSENSE_CONTACT_VALUES)
@pytest.mark.parametrize("field", ["first_name", "last_name", "title", "phone", "postal_code", "postal_place"])
def test_minus_five_and_control_or_direction_characters_are_refused_in_every_contact_field(
    contact_client, organisation, field, value
):
    """Issue 20 finding 6: "-5" was stored as first name, last name, title, phone and postal code,
    and U+202E and control characters in names."""
    response = assert_form_rejects_cleanly(
        contact_client,
        reverse("members:contact_add", args=[organisation.pk]),
        _valid_contact(**{field: value}),
        [Person, ContactRole, Invitation, User],
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize("value", NONSENSE_CONTACT_VALUES)
def test_editing_a_contacts_name_to_nonsense_changes_nothing(contact_client, member_contact, value):
    role = member_contact.person.contact_roles.get()
    before = Person.objects.filter(pk=member_contact.person.pk).values().get()
    response = assert_form_rejects_cleanly(
        contact_client,
        reverse("members:contact_edit", args=[role.organisation_id, role.pk]),
        _valid_contact(first_name=value, last_name=value, email=member_contact.person.email),
        [Person, ContactRole],
    )
    assert {"first_name", "last_name"} <= set(response.context["form"].errors)
    assert Person.objects.filter(pk=member_contact.person.pk).values().get() == before


@pytest.mark.parametrize("value", KNOWN_BAD[:16])
def test_removing_the_only_contact_with_junk_in_the_post_is_refused_cleanly(contact_client, member_contact, value):
    role = member_contact.person.contact_roles.get()
    response = assert_form_rejects_cleanly(
        contact_client,
        reverse("members:contact_remove", args=[role.organisation_id, role.pk]),
        {"confirm": value, "role": value},
        [ContactRole, Person],
    )
    assert response.status_code == 200
    assert response.context["error"]  # R2: a member keeps at least one contact person


# --- notice (oppsigelse) ----------------------------------------------------------------------


@HYPOTHESIS
@given(name=hostile_text(), title=hostile_text(), accept=hostile_text())
def test_notice_from_the_portal_with_hostile_signature_is_refused_or_stored_exactly(
    contact_client, organisation, name, title, accept
):
    """The confirming step ("confirm=yes") straight away: the form alone would show the confirmation page."""
    url = reverse("members:resign", args=[organisation.pk])
    data = {"signed_by_name": name, "signed_by_title": title, "accept_terms": accept, "authorised": accept}
    data["confirm"] = "yes"
    with rolled_back():
        response, _ = submit_hostile(contact_client, url, data, [Membership])
        membership = Membership.objects.get(organisation=organisation)
        if membership.status == Membership.Status.NOTICE:
            assert membership.notice_signed_by == f"{name.strip()}, {title.strip()}"
            assert_shown_escaped(
                contact_client.get(reverse("members:organisation_home", args=[organisation.pk])), [name]
            )
        else:
            assert response.status_code in (200, 302)
            assert membership.notice_given_on is None


# --- accepting an invitation --------------------------------------------------------------------


@pytest.fixture
def invitation_url(coordinator):
    person = PersonFactory(organisation=member_person().organisation, email="ny.kontakt@example.no")
    ContactRoleFactory(organisation=person.organisation, person=person)
    invitation = invite_person(person=person, organisation=person.organisation, by=coordinator)
    return reverse("members:accept_invitation", args=[invitation_token(invitation)])


@HYPOTHESIS
@given(password1=hostile_text(), password2=hostile_text())
def test_accepting_an_invitation_with_two_different_hostile_passwords_is_refused_cleanly(
    client, invitation_url, password1, password2
):
    assume(password1 != password2)
    with rolled_back():
        assert_form_rejects_cleanly(client, invitation_url, {"password1": password1, "password2": password2}, [User])
        assert "_auth_user_id" not in client.session


@HYPOTHESIS
@given(password=hostile_text())
def test_an_odd_but_strong_password_is_accepted_and_works(client, invitation_url, password):
    with rolled_back():
        client.logout()
        # The account exists from the invitation on: acceptance shows as a redirect, not a new row.
        response, _ = submit_hostile(client, invitation_url, {"password1": password, "password2": password}, [User])
        if response.status_code == 302:
            assert User.objects.get(email="ny.kontakt@example.no").check_password(password)
            assert "\x00" not in password
        else:
            assert response.status_code == 200
            assert not User.objects.get(email="ny.kontakt@example.no").has_usable_password()


@pytest.mark.parametrize("token", [t for t in KNOWN_BAD[:20] if t.strip() and "/" not in t])  # others miss the URL
def test_a_hostile_invitation_token_is_a_clean_404(client, token):
    response = client.post(reverse("members:accept_invitation", args=[token]), {"password1": "x", "password2": "x"})
    assert response.status_code in (400, 404)


# --- nominations and working groups ----------------------------------------------------------


@pytest.fixture
def election():
    import datetime

    from django.utils import timezone

    year = timezone.localdate().year + 1
    return open_election(year=year, terms_start_on=datetime.date(year, 3, 20))


@HYPOTHESIS
@given(person=hostile_text(), statement=hostile_text())
def test_nominating_with_a_hostile_candidate_is_refused_cleanly(
    contact_client, organisation, election, person, statement
):
    with rolled_back():
        response = assert_form_rejects_cleanly(
            contact_client,
            reverse("governance:portal_nominate", args=[organisation.pk]),
            {"person": person, "statement": statement},
            [Nomination],
        )
        assert response.status_code == 200


@HYPOTHESIS
@given(statement=hostile_text())
def test_a_nomination_statement_is_stored_exactly_or_refused(contact_client, organisation, election, statement):
    colleague = PersonFactory(organisation=organisation)
    with rolled_back():
        response, accepted = submit_hostile(
            contact_client,
            reverse("governance:portal_nominate", args=[organisation.pk]),
            {"person": colleague.pk, "statement": statement},
            [Nomination],
        )
        if accepted:
            assert Nomination.objects.get().statement == statement.strip()
        else:
            assert response.status_code == 200


@HYPOTHESIS
@given(body=hostile_text(), person=hostile_text(), message=hostile_text())
def test_asking_to_join_a_working_group_with_hostile_choices_is_refused_cleanly(
    contact_client, member_contact, organisation, body, person, message
):
    lead = member_person()
    create_working_group(name="Anskaffelser", lead_person=lead, leading_organisation=lead.organisation)
    with rolled_back():
        response = assert_form_rejects_cleanly(
            contact_client,
            reverse("governance:portal_join", args=[organisation.pk]),
            {"body": body, "person": person, "message": message},
            [JoinRequest],
        )
        assert response.status_code == 200


@HYPOTHESIS
@given(message=hostile_text())
def test_a_join_request_message_is_stored_exactly_or_refused(contact_client, member_contact, organisation, message):
    lead = member_person()
    with rolled_back():
        group = create_working_group(name="Anskaffelser", lead_person=lead, leading_organisation=lead.organisation)
        response, accepted = submit_hostile(
            contact_client,
            reverse("governance:portal_join", args=[organisation.pk]),
            {"body": group.pk, "person": member_contact.person.pk, "message": message},
            [JoinRequest],
        )
        if accepted:
            assert JoinRequest.objects.get().message == message.strip()
        else:
            assert response.status_code == 200


# --- member event registration --------------------------------------------------------------


@HYPOTHESIS
@given(people=st.lists(hostile_text(), max_size=3), name=hostile_text(), email=hostile_text())
def test_registering_colleagues_with_hostile_values_is_refused_cleanly(
    contact_client, organisation, people, name, email
):
    event = EventFactory()
    url = reverse("activities:portal_register", args=[event.pk, organisation.pk])
    with rolled_back():
        response = assert_form_rejects_cleanly(
            contact_client, url, {"people": people}, [Registration], form_key="people_form"
        )
        assert response.status_code in (200, 302)
        response, accepted = submit_hostile(
            contact_client,
            url,
            {"add_colleague": "1", "name": name, "email": email},
            [Registration, Person],
            form_key="colleague_form",
        )
        assert not accepted, "a hostile email was accepted"
        assert response.status_code == 200


@HYPOTHESIS
@given(name=hostile_text())
def test_a_colleagues_odd_name_is_stored_exactly_and_shown_escaped_or_refused(contact_client, organisation, name):
    event = EventFactory()
    url = reverse("activities:portal_register", args=[event.pk, organisation.pk])
    with rolled_back():
        response, accepted = submit_hostile(
            contact_client,
            url,
            {"add_colleague": "1", "name": name, "email": f"kollega{next(_unique)}@example.no"},
            [Registration],
            form_key="colleague_form",
        )
        if accepted:
            assert Registration.objects.latest("pk").name == name.strip()
            assert_shown_escaped(contact_client.get(url), [name])
        else:
            assert response.status_code == 200


def test_the_longest_signature_the_form_allows_is_stored_whole_not_cut(contact_client, organisation):
    """Name (120) and title (80) are stored together in one 200-character field: never silently cut."""
    name, title = "N" * 120, "T" * 80
    data = {"signed_by_name": name, "signed_by_title": title, "accept_terms": "on", "authorised": "on"}
    response, accepted = submit_hostile(
        contact_client, reverse("members:resign", args=[organisation.pk]), {**data, "confirm": "yes"}, [Membership]
    )
    membership = Membership.objects.get(organisation=organisation)
    if membership.status == Membership.Status.NOTICE:
        assert membership.notice_signed_by == f"{name}, {title}"
    else:
        assert response.status_code == 200
        assert response.context["form"].errors
