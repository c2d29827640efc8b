import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_kommune_needs_a_four_digit_kommunenummer():
    organisation = OrganisationFactory.build(number="301")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "number" in error.value.message_dict


def test_a_fylkeskommune_needs_a_fylkesnummer():
    organisation = OrganisationFactory.build(kind=Organisation.Kind.FYLKESKOMMUNE, number="99", org_number="")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "number" in error.value.message_dict


def test_an_org_number_with_a_wrong_check_digit_is_refused():
    organisation = OrganisationFactory.build(org_number="958935421")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "org_number" in error.value.message_dict


def test_admin_shows_clear_errors_and_stores_nothing_for_an_invalid_organisation(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:members_organisation_add"),
        {
            "kind": "kommune",
            "number": "03a1",
            "name": "Feilby",
            "org_number": "958935421",
            "invoice_email": "ikke-epost",
            "preferred_language": "nb",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "contact_roles-TOTAL_FORMS": "0",
            "contact_roles-INITIAL_FORMS": "0",
            "population_figures-TOTAL_FORMS": "0",
            "population_figures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"number", "org_number", "invoice_email"} <= set(errors)
    assert "kontrollsiffer" in str(errors["org_number"])
    assert not Organisation.objects.filter(name="Feilby").exists()


def test_the_coordinator_group_gives_admin_access(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(reverse("admin:members_organisation_changelist")).status_code == 200
    assert client.get(reverse("admin:members_membership_changelist") + "?status=active").status_code == 200
