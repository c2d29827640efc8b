"""Names stored as data read in the reader's language while they are the seeded ones (issue #20)."""

import pytest
from django.urls import reverse

from governance.models import Body, BodyKind, CollaborationArea
from governance.services.working_groups import create_working_group
from tests.factories import member_person
from tests.i18n.pending import english  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("english")
def test_the_seeded_collaboration_areas_read_in_english():
    assert str(CollaborationArea.objects.get(slug="verdiskaping")) == "Sustainable value creation"
    assert CollaborationArea.objects.get(slug="offentlige-anskaffelser").name == "Bærekraftige offentlige anskaffelser"


@pytest.mark.usefixtures("english")
def test_an_area_the_coordinator_renamed_is_shown_as_typed():
    area = CollaborationArea.objects.get(slug="verdiskaping")
    area.name = "Grønn verdiskaping"
    area.save()
    assert area.display_name == "Grønn verdiskaping"


@pytest.mark.usefixtures("english")
def test_the_singleton_bodies_read_in_english_and_in_a_sentence():
    steering = Body.objects.get(kind=BodyKind.STEERING_GROUP)
    assert (str(steering), steering.name_in_sentence) == ("Steering group", "the steering group")
    resource = Body.objects.get(kind=BodyKind.RESOURCE_GROUP)
    assert (resource.display_name, resource.name_in_sentence) == ("Resource group", "the resource group")


def test_in_norwegian_the_steering_group_is_capitalised_as_a_heading_only():
    steering = Body.objects.get(kind=BodyKind.STEERING_GROUP)
    assert (steering.display_name, steering.name_in_sentence) == ("Styringsgruppen", "styringsgruppen")


@pytest.mark.usefixtures("english")
def test_the_working_group_list_shows_the_areas_in_english(client, coordinator):
    lead = member_person()
    group = create_working_group(
        name="Arbeidsgruppe verdiskaping", leading_organisation=lead.organisation, lead_person=lead, by=coordinator
    )
    group.collaboration_areas.set([CollaborationArea.objects.get(slug="verdiskaping")])

    html = client.get(reverse("governance:working_group_list")).content.decode()

    assert "Sustainable value creation" in html and "Bærekraftig verdiskaping" not in html


@pytest.mark.usefixtures("english")
def test_the_gender_balance_page_names_the_steering_group_in_english(client, coordinator):
    from governance.services.gender_balance import store_gender_balance

    store_gender_balance()
    client.force_login(coordinator)

    html = client.get(reverse("governance:balance")).content.decode()

    assert "Steering group" in html and ">Styringsgruppen<" not in html
