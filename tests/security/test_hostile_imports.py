"""Hostile files: the Nets OCR payment import (R4) and the CSV participant list (R11).

A file is refused whole with a field error (400) or imported whole: never a 500, never half
stored. Values that are imported are stored as they were and shown escaped.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Attendance, ParticipantImport, ParticipantRow
from billing.documents.ocr import ocr_giro_file
from billing.models import OcrImport, Payment
from billing.services.dues import issue_dues_invoice
from tests.factories import EventFactory, dues_member

from .hostile import KNOWN_BAD, assert_shown_escaped, hostile_text, rolled_back

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _counts(*models):
    return [model.objects.count() for model in models]


# --- Nets OCR giro files ------------------------------------------------------------------------


@pytest.fixture
def billing_client(client, billing_admin):
    client.force_login(billing_admin)
    return client


@pytest.fixture
def invoice(db):
    return issue_dues_invoice(membership=dues_member(population=50_000), year=2025)


def _upload_ocr(client, data: bytes, name: str = "ocr.txt"):
    before = _counts(OcrImport, Payment)
    response = client.post(reverse("billing:payments_review"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code < 500, f"{data[:120]!r} gave {response.status_code}"
    after = _counts(OcrImport, Payment)
    if response.status_code == 302:  # imported whole
        assert after[0] == before[0] + 1
        ocr_import = OcrImport.objects.latest("pk")
        assert after[1] - before[1] == ocr_import.payments.count()
    else:  # refused whole, with the reason on the field
        assert response.status_code == 400
        assert response.context["form"].errors["file"]
        assert after == before, "a refused OCR file stored something"
    return response


def _mutate(data: bytes, position: int, replacement: bytes) -> bytes:
    position %= max(len(data), 1)
    return data[:position] + replacement + data[position + len(replacement) :]


@HYPOTHESIS
@given(data=st.binary(max_size=2_000))
def test_random_bytes_as_an_ocr_file_are_refused_whole(billing_client, data):
    with rolled_back():
        response = _upload_ocr(billing_client, data)
        assert response.status_code == 400


@HYPOTHESIS
@given(
    cut=st.integers(min_value=0, max_value=2_000),
    position=st.integers(min_value=0, max_value=2_000),
    replacement=st.one_of(
        st.binary(min_size=1, max_size=12),
        st.sampled_from(
            [b"NY09", b"NY99", b"NY0930", b"NY0988", b"\x00", b"\xff\xfe", b"-", b"\xc3\xa6", b"\r\n", b""]
        ),
    ),
)
def test_a_truncated_or_corrupted_ocr_file_is_refused_or_imported_whole(
    billing_client, invoice, cut, position, replacement
):
    good = ocr_giro_file([(invoice.kid, 50_000_00), ("000099996", 123_00)])
    data = _mutate(good[: len(good) - cut % len(good)], position, replacement)
    with rolled_back():
        _upload_ocr(billing_client, data)


@HYPOTHESIS
@given(amounts=st.lists(st.integers(min_value=0, max_value=10**17 - 1), min_size=1, max_size=120))
def test_huge_and_zero_amounts_are_imported_whole_or_refused_never_overflow(billing_client, invoice, amounts):
    data = ocr_giro_file([(invoice.kid, amount) for amount in amounts])
    with rolled_back():
        response = _upload_ocr(billing_client, data)
        if response.status_code == 302:
            stored = sorted(Payment.objects.values_list("amount_ore", flat=True))
            assert stored == sorted(a for a in amounts if a > 0)  # zero is no payment


@pytest.mark.parametrize(
    "kid", ["", "0", "1234567890123456789012345", "ABCDEFGHIJ", "12345 6789", "000000000", "-12345", "ÆØÅ123"]
)
def test_odd_kids_are_kept_as_unmatched_or_the_file_is_refused(billing_client, invoice, kid):
    try:
        data = ocr_giro_file([(kid, 100_00)])
    except (ValueError, TypeError):
        pytest.skip(f"the OCR file builder itself refuses KID {kid!r}: no bank can send it")
    response = _upload_ocr(billing_client, data)
    if response.status_code == 302:
        payment = Payment.objects.get()
        assert payment.invoice is None and payment.kid == kid.strip()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n\n",
        "\ufeff".encode(),
        "NY000010".encode("utf-16"),
        "ÆØÅ".encode("latin-1") * 100,
        b"\x00" * 80,
        b"NY" + b"9" * 78,
        b"A" * 80 * 1000,
    ],
    ids=["empty", "newlines", "bom", "utf16", "latin1", "nul", "wrong-record-type", "80k-junk"],
)
def test_empty_and_wrongly_encoded_ocr_files_are_refused_whole(billing_client, data):
    assert _upload_ocr(billing_client, data).status_code == 400


def test_an_ocr_file_over_the_size_limit_is_refused_before_it_is_read(billing_client, invoice):
    good = ocr_giro_file([(invoice.kid, 50_000_00)])
    big = good + b"\n" * (10 * 1024 * 1024)
    response = _upload_ocr(billing_client, big)
    assert response.status_code == 400
    assert "for stor" in str(response.context["form"].errors["file"])


def test_an_ocr_file_in_utf16_of_a_good_file_is_refused_not_half_read(billing_client, invoice):
    good = ocr_giro_file([(invoice.kid, 50_000_00)]).decode("iso-8859-1")
    assert _upload_ocr(billing_client, good.encode("utf-16")).status_code == 400


# --- CSV participant lists ------------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def event():
    return EventFactory(starts_at=datetime.datetime(2024, 5, 6, 10, tzinfo=datetime.UTC))


IMPORT_MODELS = (ParticipantImport, ParticipantRow, Attendance)


def _upload_csv(client, event, data: bytes, name: str = "deltakere.csv"):
    before = _counts(*IMPORT_MODELS)
    response = client.post(
        reverse("activities:attendance_import", args=[event.pk]), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code < 500, f"{data[:120]!r} gave {response.status_code}"
    after = _counts(*IMPORT_MODELS)
    if response.status_code == 302:
        assert after[0] == before[0] + 1
        batch = ParticipantImport.objects.latest("pk")
        # every row is attendance or waits for review: nothing silently dropped
        assert batch.row_count >= batch.matched_count
    else:
        assert response.status_code in (200, 400)
        assert response.context["form"].errors["file"]
        assert after == before, "a refused participant list stored something"
    return response


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "utf-32"]


@HYPOTHESIS
@given(data=st.binary(max_size=3_000))
def test_random_bytes_as_a_participant_list_are_refused_or_imported_whole(coordinator_client, event, data):
    with rolled_back():
        _upload_csv(coordinator_client, event, data)


@HYPOTHESIS
@given(
    rows=st.lists(st.lists(hostile_text(), min_size=0, max_size=5), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|", " ", ":"]),
    header=st.sampled_from(
        ["navn;e-post;organisasjon", "name,email,organisation", "", "Fornavn\tEtternavn\tE-post", "x"]
    ),
    encoding=st.sampled_from(ENCODINGS),
)
def test_hostile_cells_delimiters_and_encodings_are_refused_or_imported_whole(
    coordinator_client, event, rows, delimiter, header, encoding
):
    text = "\n".join([header, *(delimiter.join(cells) for cells in rows)])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", errors="surrogatepass")
    with rolled_back():
        response = _upload_csv(coordinator_client, event, data)
        if response.status_code == 302:
            page = coordinator_client.get(reverse("activities:attendance_import", args=[event.pk]))
            assert_shown_escaped(page, [cell for cells in rows for cell in cells])


FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example.com")']


def test_formula_cells_are_stored_as_text_and_shown_escaped(coordinator_client, event):
    lines = ["navn;e-post;organisasjon"] + [f"{f};{f};{f}" for f in FORMULAS]
    _upload_csv(coordinator_client, event, "\n".join(lines).encode())
    assert sorted(ParticipantRow.objects.values_list("name", flat=True)) == sorted(FORMULAS)
    page = coordinator_client.get(reverse("activities:attendance_import", args=[event.pk]))
    assert_shown_escaped(page, FORMULAS)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_participant_list_in_any_common_encoding_is_read_or_refused_cleanly(coordinator_client, event, encoding):
    text = "navn;e-post;organisasjon\nÅse Ødegård;ase@example.no;Bærum kommune\n"
    response = _upload_csv(coordinator_client, event, text.encode(encoding))
    if response.status_code == 302:
        assert ParticipantRow.objects.get().name == "Åse Ødegård"


@pytest.mark.parametrize(
    "data",
    [
        b"navn;e-post\n" + b"a" * 200_000 + b";x@example.no\n",  # one cell over the csv module's field limit
        b"navn;e-post\nKari\x00;kari@example.no\n",  # NUL byte: PostgreSQL refuses it in text
        b'navn;e-post\n"Kari;kari@example.no\n',  # unterminated quote
        b"\xff\xfe\x00\x00",
        b"navn;e-post\n" + b"x;y\n" * 150_000,  # many rows, under the size limit
        b"\x81\x8d\x8f\x90\x9d",  # bytes Windows-1252 does not define
    ],
    ids=["huge-cell", "nul", "open-quote", "bom-only", "many-rows", "undefined-cp1252"],
)
def test_broken_participant_lists_are_refused_or_imported_whole(coordinator_client, event, data):
    _upload_csv(coordinator_client, event, data)


@pytest.mark.parametrize("value", KNOWN_BAD[:14])
def test_a_hostile_file_name_is_harmless(coordinator_client, event, value):
    name = (value.replace("/", "_").replace("\x00", "") or "x")[:200] + ".csv"
    _upload_csv(coordinator_client, event, b"navn;e-post\nKari;kari@example.no\n", name=name)


def test_an_ocr_file_whose_total_overflows_a_64_bit_sum_is_refused_whole_not_a_500(billing_client, invoice):
    """Each amount fits the 17-digit OCR field, but 100 of them pass PostgreSQL's bigint (9.2 × 10^18)."""
    data = ocr_giro_file([(invoice.kid, 10**17 - 1)] * 100)
    assert _upload_ocr(billing_client, data).status_code == 400


def test_a_participant_list_with_too_many_rows_is_refused_with_the_limit(coordinator_client, event):
    response = _upload_csv(coordinator_client, event, b"navn;e-post\n" + b"Kari;kari@example.no\n" * 6_000)
    assert "5000" in str(response.context["form"].errors["file"]).replace("\xa0", "").replace(" ", "")
