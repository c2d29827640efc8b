"""Case attachments are downloaded, never rendered: safe headers whatever the uploaded name (R12)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import CaseAttachment

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "name",
    [
        "Årsplan 2024.pdf",
        "<script>alert(1)</script>.pdf",
        'a"; filename="evil.html.pdf',
        "rapport\r\nSet-Cookie: x=1.pdf",
        "../../../../etc/passwd.pdf",
        "😀 ÆØÅ.pdf",
    ],
)
def test_an_attachment_is_served_as_a_download_with_nosniff_csp_and_no_caching(
    client, coordinator, plan, add_case, name
):
    case = add_case(plan(datetime.date(2024, 3, 14)), "Sak")
    client.force_login(coordinator)
    upload = client.post(
        reverse("meetings:case_attachment_add", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile(name, PDF_BYTES, content_type="text/html")},
    )
    assert upload.status_code in (302, 400)
    if upload.status_code == 400:
        assert not CaseAttachment.objects.exists()
        return
    attachment = CaseAttachment.objects.get()
    assert "/" not in attachment.original_name and "\n" not in attachment.original_name

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"  # from the checked extension, never the browser's claim
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("side.html", b"<html><script>alert(1)</script>"),
        ("bilde.svg", b"<svg onload=alert(1)>"),
        ("x.pdf.html", PDF_BYTES),
    ],
)
def test_markup_files_are_refused_even_when_they_claim_to_be_something_else(
    client, coordinator, plan, add_case, name, content
):
    case = add_case(plan(datetime.date(2024, 3, 14)), "Sak")
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:case_attachment_add", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )
    assert response.status_code == 400
    assert "ikke tillatt" in response.content.decode()
    assert not CaseAttachment.objects.exists()
