"""The benchmark's page figures measure the page asked for, and say so when it fails."""

import pytest
from django.urls import reverse

from network.operations.bench.pages import in_process, queries_per_page

pytestmark = pytest.mark.django_db


def test_in_process_timing_gives_the_fastest_batch_and_the_median_per_page():
    results = in_process({"front page": (reverse("home"), None)}, batches=3, per_batch=2)
    assert [r.name for r in results] == ["in-process: front page"]
    (front,) = results
    assert front.unit == "ms/request" and 0 < front.value <= front.detail["median"]


def test_a_page_over_fifteen_queries_or_not_found_misses_its_target(coordinator):
    results = queries_per_page({"front page": (reverse("home"), None), "nowhere": ("/finnes-ikke/", None)})
    front, nowhere = results
    assert front.ok and front.value >= 1
    assert not nowhere.ok and nowhere.detail["status"] == 404


def test_the_ocr_figures_import_the_same_records_batched_and_one_by_one(settings):
    import io

    from billing.models import OcrImport, Payment
    from billing.services.dues import issue_dues_invoice
    from network.operations.bench.billing import measure_ocr_import
    from tests.factories import dues_member

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invoice = issue_dues_invoice(membership=dues_member(population=50_000), year=2025)

    results = measure_ocr_import(stdout=io.StringIO(), records=5)
    assert [r.name for r in results] == ["5 records", "rate", "baseline: one save per payment", "batched vs baseline"]
    imports = list(OcrImport.objects.order_by("pk"))
    assert len(imports) == 2
    for ocr_import in imports:
        payments = Payment.objects.filter(ocr_import=ocr_import)
        assert payments.count() == 5 and payments.filter(invoice=invoice).count() == 1
        assert Payment.history.filter(ocr_import_id=ocr_import.pk).count() == 5
