"""A network's action plan for a year (handlingsplan, seed 002; the partnership's focus list, seed 004):
one per network and year, drafted and adopted by the coordinator, read by the members; once adopted it
never changes, like published minutes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import ActionPlan
from governance.services.action_plans import adopt_action_plan, create_action_plan, update_action_plan
from tests.factories.members import NetworkFactory, first_network

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
ADOPTED_MESSAGE = f"Handlingsplanen for 2025 ble vedtatt {TODAY:%d.%m.%Y} og kan verken endres eller slettes."


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\nplan\n", content_type="application/pdf")


@pytest.fixture
def draft(coordinator):
    return create_action_plan(
        network=first_network(), year=2025, title="Handlingsplan 2025", summary="Fokus: klima.", by=coordinator
    )


def test_one_plan_per_network_and_year_with_a_clear_message(draft, coordinator):
    with pytest.raises(ValidationError) as refused:
        create_action_plan(network=first_network(), year=2025, title="Igjen", by=coordinator)
    assert refused.value.message_dict == {"year": [f"{first_network().name} har allerede en handlingsplan for 2025."]}
    other = create_action_plan(network=NetworkFactory(slug="klynge"), year=2025, title="Klyngens plan")
    assert other.year == draft.year and ActionPlan.objects.count() == 2


def test_a_draft_changes_and_an_adopted_plan_never_does(draft, coordinator):
    update_action_plan(
        plan=draft, title="Handlingsplan 2025 (revidert)", summary="Fokus: klima og data.", by=coordinator
    )
    plan = adopt_action_plan(plan=draft, adopted_on=TODAY, adopted_by="Styringsgruppen, sak 07/25", by=coordinator)
    assert (plan.title, plan.is_adopted, plan.adopted_by) == (
        "Handlingsplan 2025 (revidert)",
        True,
        "Styringsgruppen, sak 07/25",
    )
    with pytest.raises(ValidationError) as refused:
        update_action_plan(plan=plan, title="Ny tittel", by=coordinator)
    assert ADOPTED_MESSAGE in refused.value.messages[0]
    with pytest.raises(ValidationError):
        adopt_action_plan(plan=plan, adopted_on=TODAY, adopted_by="Noen andre", by=coordinator)
    plan.adopted_on = None  # the stored row decides, not the instance
    with pytest.raises(ValidationError):
        plan.save()
    with pytest.raises(ValidationError):
        plan.delete()
    with pytest.raises(ValidationError):
        ActionPlan.objects.filter(pk=plan.pk).update(title="Bulk")
    with pytest.raises(ValidationError):
        ActionPlan.objects.filter(pk=plan.pk).delete()
    stored = ActionPlan.objects.get(pk=plan.pk)
    assert (stored.title, stored.adopted_on) == ("Handlingsplan 2025 (revidert)", TODAY)
    assert [h.history_user for h in stored.history.order_by("history_id")] == [coordinator] * 3


def test_adoption_needs_who_and_a_date_not_in_the_future(draft, coordinator):
    with pytest.raises(ValidationError) as refused:
        adopt_action_plan(plan=draft, adopted_on=TODAY + datetime.timedelta(days=1), adopted_by=" ", by=coordinator)
    assert set(refused.value.message_dict) == {"adopted_by", "adopted_on"}
    assert not ActionPlan.objects.get(pk=draft.pk).is_adopted


def test_a_document_of_a_wrong_kind_is_refused_and_nothing_is_stored(coordinator):
    fake = SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="stemmer ikke med filtypen"):
        create_action_plan(network=first_network(), year=2026, title="Plan", document=fake, by=coordinator)
    assert not ActionPlan.objects.exists()


def test_the_coordinator_drafts_and_adopts_on_the_pages(client, coordinator):
    client.force_login(coordinator)
    assert reverse("governance:action_plan_list") in client.get(reverse("dashboard:home")).content.decode()
    response = client.post(
        reverse("governance:action_plan_create"),
        {"year": 2025, "title": "Fokusliste 2025", "summary": "Klima\nDigitalisering", "document": pdf()},
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    response = client.post(
        reverse("governance:action_plan_adopt", kwargs={"pk": plan.pk}),
        {"adopted_on": TODAY.isoformat(), "adopted_by": "Partnerskapsmøtet, sak 03/25"},
    )
    assert response.status_code == 302
    page = client.get(reverse("governance:action_plan_edit", kwargs={"pk": plan.pk}), follow=True).content.decode()
    assert ADOPTED_MESSAGE in page
    response = client.post(reverse("governance:action_plan_edit", kwargs={"pk": plan.pk}), {"title": "Endret"})
    assert response.status_code == 302 and ActionPlan.objects.get().title == "Fokusliste 2025"


def test_members_read_adopted_plans_and_their_document_not_drafts(client, draft, coordinator, member_contact):
    adopted = create_action_plan(network=first_network(), year=2024, title="Plan 2024", document=pdf(), by=coordinator)
    adopt_action_plan(plan=adopted, adopted_on=TODAY, adopted_by="Styringsgruppen", by=coordinator)
    client.force_login(member_contact)
    listing = client.get(reverse("governance:action_plan_list")).content.decode()
    assert "Plan 2024" in listing and "Handlingsplan 2025" not in listing
    assert client.get(reverse("governance:action_plan_detail", kwargs={"pk": draft.pk})).status_code == 404
    document = client.get(reverse("governance:action_plan_document", kwargs={"pk": adopted.pk}))
    assert document.status_code == 200 and b"".join(document.streaming_content).startswith(b"%PDF")
