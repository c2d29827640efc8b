"""Dues tier labels are data (the row is the source); the seeded ones read in the reader's language,
and population and amounts follow the language's number format (issue #20, finding 7)."""

import pytest
from django.urls import reverse

from billing.models import DuesTier
from billing.services.dues import issue_dues_invoice
from billing.tier_labels import SEEDED_TIER_LABELS, tier_label
from tests.factories import dues_member, dues_schedule_2023
from tests.i18n.pending import english  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_every_seeded_tier_label_is_marked_for_translation():
    dues_schedule_2023()
    assert set(DuesTier.objects.values_list("label", flat=True)) <= set(SEEDED_TIER_LABELS)


@pytest.mark.usefixtures("english")
def test_a_label_the_coordinator_typed_is_shown_as_typed():
    assert tier_label("Storby over 500 000") == "Storby over 500 000"
    assert tier_label("") == ""


@pytest.mark.usefixtures("english")
def test_the_seeded_labels_read_in_english():
    dues_schedule_2023()
    tier = DuesTier.objects.get(population_min=80001)
    assert str(tier) == "Municipality over 80,000 inhabitants"
    assert tier.label == "Kommune over 80 000 innbyggere"  # the row is unchanged


@pytest.mark.usefixtures("english")
def test_the_invoice_page_shows_tier_and_population_in_the_readers_language(client, coordinator):
    invoice = issue_dues_invoice(membership=dues_member(population=717_710), year=2025)
    client.force_login(coordinator)

    html = client.get(reverse("billing:invoice_detail", kwargs={"pk": invoice.pk})).content.decode()

    assert "717,710 as at" in html and "Municipality over 80,000 inhabitants</dd>" in html
    # The invoice line itself is the issued document's snapshot, in the language it was issued in.
    assert "75,000.00" in html


def test_the_invoice_page_in_norwegian_keeps_the_norwegian_formats(client, coordinator):
    invoice = issue_dues_invoice(membership=dues_member(population=717_710), year=2025)
    client.force_login(coordinator)

    html = client.get(reverse("billing:invoice_detail", kwargs={"pk": invoice.pk})).content.decode()

    assert f"717{NBSP}710" in html and "Kommune over 80 000 innbyggere" in html
    assert f"75{NBSP}000,00" in html


@pytest.mark.usefixtures("english")
def test_the_invoice_list_offers_the_tiers_in_english(client, coordinator):
    issue_dues_invoice(membership=dues_member(population=5_000), year=2025)
    client.force_login(coordinator)

    html = client.get(reverse("billing:invoice_list"), {"year": 2025}).content.decode()

    assert "Municipality under 20,000 inhabitants" in html
    assert 'value="Kommune under 20 000 innbyggere"' in html  # the filter still sends the stored label
