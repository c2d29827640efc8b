"""Contact data is validated (R2, issue 20 finding 6): names need a letter and no control or
direction-changing characters, phone numbers are stored as E.164 and shown in national format,
postal codes have four digits and come with their place name."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from members import services
from members.forms import ContactPersonForm
from members.models import Organisation, Person
from members.templatetags.phone import phone as phone_filter
from members.validators import format_phone
from tests.factories import ContactRoleFactory, OrganisationFactory, PersonFactory

VALID = {
    "first_name": "Siri",
    "last_name": "Kollega",
    "title": "Klimarådgiver",
    "email": "siri@kommune.no",
    "phone": "22 12 34 56",
    "street_address": "Rådhusplassen 1",
    "postal_code": "0037",
    "postal_place": "Oslo",
    "gender": "woman",
    "preferred_language": "nb",
}

BIDI_AND_INVISIBLE = [
    "\u202eevil",  # RIGHT-TO-LEFT OVERRIDE
    "Kari\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "Ka\u2066ri\u2069",  # LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE
    "Ka\u200bri",  # ZERO WIDTH SPACE
    "Ka\u200dri",  # ZERO WIDTH JOINER
    "\ufeffKari",  # byte-order mark
    "Ka\x07ri",  # BEL
    "Ka\x1bri",  # ESC
    "Kari\nNordmann",
    "Ka\tri",
    "Ka\u2028ri",  # LINE SEPARATOR
]


def _form(**overrides):
    return ContactPersonForm(data={**VALID, **overrides})


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name", "title", "postal_place"])
def test_a_nul_character_is_refused(field):
    form = _form(**{field: "Ka\x00ri"})
    assert not form.is_valid()
    assert form.errors[field]


# --- names and title ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name", "title"])
@pytest.mark.parametrize("value", ["-5", "5", "---", "12 34", "😀", "()"])
def test_a_name_or_title_without_a_letter_is_refused(field, value):
    form = _form(**{field: value})
    assert not form.is_valid()
    assert "Må inneholde minst én bokstav." in form.errors[field]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name", "title", "postal_place"])
@pytest.mark.parametrize("value", BIDI_AND_INVISIBLE)
def test_a_name_with_control_bidi_or_zero_width_characters_is_refused_with_a_clear_error(field, value):
    form = _form(**{field: value})
    assert not form.is_valid()
    assert any("kontrolltegn eller usynlige tegn" in message for message in form.errors[field])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["Åse", "Ørjan", "Ánde", "Jean-Luc", "O'Brien", "Anne Marie", "Čađa", "李", "Kari 2."]
)
def test_real_names_are_accepted(value):
    form = _form(first_name=value)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_names_are_nfc_normalised_and_stripped_when_stored():
    organisation = OrganisationFactory()
    decomposed = "A\u030ase"  # "Åse" typed as A + COMBINING RING ABOVE
    role = services.add_contact(
        organisation=organisation, person_data={**VALID, "first_name": f"  {decomposed} ", "last_name": "Ho\u0308gh"}
    )
    person = Person.objects.get(pk=role.person_id)
    assert person.first_name == "Åse" == unicodedata.normalize("NFC", decomposed)
    assert person.last_name == "Högh"
    assert len(person.first_name) == 3


@pytest.mark.django_db
def test_the_service_refuses_a_name_without_a_letter_even_without_a_form():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.add_contact(organisation=organisation, person_data={**VALID, "first_name": "-5"})
    assert "first_name" in error.value.message_dict
    assert not Person.objects.filter(organisation=organisation).exists()


# --- phone numbers ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("22 12 34 56", "+4722123456"),
        ("+47 22 12 34 56", "+4722123456"),
        ("0047 22123456", "+4722123456"),
        ("912 34 567", "+4791234567"),
        ("+46 8 123 456 78", "+46812345678"),
    ],
)
def test_a_phone_number_is_stored_as_e164(typed, stored):
    role = services.add_contact(organisation=OrganisationFactory(), person_data={**VALID, "phone": typed})
    assert Person.objects.filter(pk=role.person_id, phone=stored).exists()
    assert str(Person.objects.get(pk=role.person_id).phone) == stored


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["-5", "1", "123", "12345678", "abc", "+47", "+999 1234", "22 12 34 56 78 90"])
def test_a_phone_number_that_does_not_parse_is_refused(value):
    form = _form(phone=value)
    assert not form.is_valid()
    assert any("gyldig telefonnummer" in message for message in form.errors["phone"])


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+4722123456", "22 12 34 56"),
        ("+4791234567", "91 23 45 67"),
        ("+46812345678", "+46 8 123 456 78"),
        ("ring sentralbordet", "ring sentralbordet"),  # an old value that does not parse, as it is
        ("", ""),
        (None, ""),
    ],
)
def test_a_phone_number_is_shown_in_national_format_and_a_foreign_one_internationally(stored, shown):
    assert format_phone(stored) == shown
    assert phone_filter(stored) == shown


@pytest.mark.django_db
def test_the_portal_shows_the_contacts_phone_in_national_format(client, contact_a):
    user, role = contact_a
    Person.objects.filter(pk=role.person_id).update(phone="+4722123456")
    client.force_login(user)
    content = client.get(reverse("members:organisation_home", args=[role.organisation_id])).content.decode()
    assert "<td>22 12 34 56</td>" in content
    assert "+4722123456" not in content


@pytest.mark.django_db
def test_the_edit_form_shows_a_stored_number_in_national_format():
    person = PersonFactory(phone="+4722123456")
    assert 'value="22 12 34 56"' in str(ContactPersonForm(instance=person)["phone"])


# --- postal code and place ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["-5", "123", "12345", "abcd", "０１５０", "١٢٣٤", "01 5"])
def test_a_postal_code_is_exactly_four_digits(value):
    form = _form(postal_code=value)
    assert not form.is_valid()
    assert "postal_code" in form.errors


@pytest.mark.django_db
def test_a_postal_code_needs_its_place_name():
    form = _form(postal_code="0150", postal_place="")
    assert not form.is_valid()
    assert "poststedet" in form.errors["postal_place"][0]


@pytest.mark.django_db
def test_a_postal_code_and_place_are_stored_and_shown_together():
    role = services.add_contact(organisation=OrganisationFactory(), person_data=VALID)
    person = Person.objects.get(pk=role.person_id)
    assert (person.postal_code, person.postal_place) == ("0037", "Oslo")


@pytest.mark.django_db
def test_an_organisation_with_a_postal_code_but_no_place_is_refused():
    organisation = OrganisationFactory.build(postal_code="0150", postal_place="")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "postal_place" in error.value.message_dict


# --- the portal form as a whole ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_portal_refuses_minus_five_everywhere_and_stores_nothing(client, contact_a):
    user, role = contact_a
    client.force_login(user)
    before = Person.objects.count()
    response = client.post(
        reverse("members:contact_add", args=[role.organisation_id]),
        {**VALID, **dict.fromkeys(("first_name", "last_name", "title", "phone", "postal_code"), "-5")},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"first_name", "last_name", "title", "phone", "postal_code"}
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_editing_a_contact_with_an_old_unparseable_phone_asks_for_a_valid_one(client, contact_a):
    user, role = contact_a
    Person.objects.filter(pk=role.person_id).update(phone="ring sentralbordet")
    client.force_login(user)
    url = reverse("members:contact_edit", args=[role.organisation_id, role.pk])
    page = client.get(url).content.decode()
    assert 'value="ring sentralbordet"' in page  # kept and shown, not lost
    response = client.post(url, {**VALID, "email": role.person.email, "phone": "ring sentralbordet"})
    assert response.status_code == 200 and "phone" in response.context["form"].errors
    response = client.post(url, {**VALID, "email": role.person.email, "phone": "22 12 34 56"})
    assert response.status_code == 302
    assert str(Person.objects.get(pk=role.person_id).phone) == "+4722123456"


@pytest.mark.django_db
def test_the_member_list_export_shows_the_primary_contacts_phone_in_national_format():
    from network.dashboard.member_list import export_values

    role = ContactRoleFactory()
    Person.objects.filter(pk=role.person_id).update(phone="+4722123456")

    class Row:
        def __init__(self, organisation):
            self.organisation = organisation
            for name in (
                "name number org_number membership_status joined_on agreement_ends_on notice_effective_on "
                "population population_date tier dues_status primary_contact_name primary_contact_email "
                "contact_count invoice_email invoice_reference"
            ).split():
                setattr(self, name, "")
            self.missing_obligations = []
            self.primary_contact_phone = Person.objects.get(pk=role.person_id).phone

    assert "22 12 34 56" in export_values(Row(role.organisation))


# --- the data migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_parseable_phones_as_e164_and_keeps_every_other_value():
    before, after = ("members", "0005_population_figure_history"), ("members", "0006_contact_data_validated")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    OldOrganisation = old_apps.get_model("members", "Organisation")
    OldPerson = old_apps.get_model("members", "Person")
    organisation = OldOrganisation.objects.create(kind="kommune", number="0301", name="Oslo kommune")
    values = {
        "norsk": ("22 12 34 56", "+4722123456"),
        "med_prefiks": ("+47 912 34 567", "+4791234567"),
        "allerede_e164": ("+4722123456", "+4722123456"),
        "svensk": ("+46 8 123 456 78", "+46812345678"),
        "tom": ("", ""),
        "minus": ("-5", "-5"),
        "tekst": ("ring sentralbordet", "ring sentralbordet"),
        "for_kort": ("123", "123"),
    }
    ids = {
        key: OldPerson.objects.create(
            organisation=organisation, first_name=key, last_name="Test", phone=old, title="-5", postal_code="-5"
        ).pk
        for key, (old, _new) in values.items()
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([after])
    new_apps = executor.loader.project_state([after]).apps
    NewPerson = new_apps.get_model("members", "Person")
    HistoricalPerson = new_apps.get_model("members", "HistoricalPerson")
    assert NewPerson.objects.count() == len(values)  # no row lost
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, phone, title, postal_code FROM members_person")
        stored = {row[0]: row[1:] for row in cursor.fetchall()}
    for key, (_old, new) in values.items():
        assert stored[key] == (new, "-5", "-5"), key  # other fields untouched, even invalid ones
    changed = HistoricalPerson.objects.filter(history_change_reason="Telefonnummer lagret som E.164")
    assert sorted(changed.values_list("id", flat=True)) == sorted(
        ids[key] for key in ("norsk", "med_prefiks", "svensk")
    )
    # Forward to the latest state again for the tests after this one.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_the_admin_person_list_shows_national_format_and_finds_a_number_typed_nationally(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    person = PersonFactory(phone="+4722123456", last_name="Telefonsen")
    PersonFactory(phone="+4799887766", last_name="Annensen")
    url = reverse("admin:members_person_changelist")
    response = client.get(url, {"q": "22 12 34 56"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "22 12 34 56" in content and "Telefonsen" in content
    assert "Annensen" not in content
    assert list(response.context["cl"].queryset) == [person]
