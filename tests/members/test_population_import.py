"""Population from SSB (R3, issue 20 finding 7): `manage.py import_population FILE [--year]` stores
each region's figure per 1 January from SSB's CSV export of table 07459, so that the dues of the
next year use it."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from billing.services.dues import dues_basis
from members.models import Organisation, PopulationFigure
from members.services.population import PopulationFileError, import_population
from tests.factories import OrganisationFactory, PopulationFigureFactory, dues_member

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "ssb_07459_sample.csv"
JAN_2025, JAN_2026 = datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)


@pytest.fixture
def register():
    """The organisations of the sample file (Oslo, Bergen, Time, Unjárga and Vestland fylkeskommune)."""
    return {
        "0301": OrganisationFactory(number="0301", name="Oslo"),
        "4601": OrganisationFactory(number="4601", name="Bergen"),
        "1121": OrganisationFactory(number="1121", name="Time"),
        "5636": OrganisationFactory(number="5636", name="Unjárga"),
        "46": OrganisationFactory(kind=Organisation.Kind.FYLKESKOMMUNE, number="46", name="Vestland fylkeskommune"),
    }


def _run(*args) -> str:
    out = io.StringIO()
    call_command("import_population", *args, stdout=out)
    return out.getvalue()


def test_the_sample_file_stores_each_regions_figure_per_1_january_of_its_year(register):
    output = _run(str(SAMPLE))
    figures = {(f.organisation.number, f.reference_date): f for f in PopulationFigure.objects.select_related()}
    assert len(figures) == 10  # 5 organisations × 2 years
    assert figures[("0301", JAN_2026)].population == 730_100
    assert figures[("46", JAN_2025)].population == 651_299  # fylkeskommune too
    assert figures[("5636", JAN_2026)].population == 874  # Sámi name, UTF-8 with BOM
    assert figures[("1121", JAN_2026)].source == "SSB statistikkbanken, tabell 07459 (folketall 1. januar 2026)"
    assert "10 nye" in output


def test_unknown_regions_are_reported_and_the_rest_is_imported(register):
    report = import_population(raw=SAMPLE.read_bytes())
    assert report.unknown_regions == ["0 Hele landet", "2111 Spitsbergen"]
    assert report.missing == ["1507 Ålesund (-2019) (2025)", "1507 Ålesund (-2019) (2026)"]
    assert report.created == 10
    output = _run(str(SAMPLE))
    assert "Ikke i registeret (2)" in output and "2111 Spitsbergen" in output


def test_importing_the_same_file_again_changes_nothing(register):
    import_population(raw=SAMPLE.read_bytes())
    before = list(PopulationFigure.objects.order_by("pk").values())
    history_before = PopulationFigure.history.count()
    report = import_population(raw=SAMPLE.read_bytes())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 10)
    assert list(PopulationFigure.objects.order_by("pk").values()) == before
    assert PopulationFigure.history.count() == history_before


def test_a_corrected_figure_is_updated_and_the_old_one_kept_in_history(register):
    import_population(raw=SAMPLE.read_bytes())
    corrected = SAMPLE.read_bytes().replace(b'"0301 Oslo";"2026";"730100"', b'"0301 Oslo";"2026";"730155"')
    report = import_population(raw=corrected)
    assert (report.created, report.updated) == (0, 1)
    figure = PopulationFigure.objects.get(organisation=register["0301"], reference_date=JAN_2026)
    assert figure.population == 730_155
    assert [h.population for h in figure.history.order_by("history_date")] == [730_100, 730_155]


def test_year_option_imports_only_that_year(register):
    output = _run(str(SAMPLE), "--year", "2026")
    assert set(PopulationFigure.objects.values_list("reference_date", flat=True)) == {JAN_2026}
    assert "1.1.2026" in output


def test_a_latin1_file_with_code_and_name_in_separate_columns_is_read(register):
    raw = (
        '"regionkode";"region";"år";"Personer"\n"5636";"Unjárga - Nesseby";"2026";"874"\n"K-4601";"Bergen";"2026";"293500"\n'
    ).encode("latin-1")
    report = import_population(raw=raw)
    assert report.created == 2
    assert PopulationFigure.objects.get(organisation=register["4601"]).population == 293_500


def test_an_export_by_sex_adds_up_to_the_regions_population(register):
    raw = (
        '"region";"kjønn";"år";"07459: Befolkning, etter region, kjønn og år"\n'
        '"1121 Time";"Menn";"2026";"10100"\n"1121 Time";"Kvinner";"2026";"10040"\n'
    ).encode()
    import_population(raw=raw)
    assert PopulationFigure.objects.get(organisation=register["1121"]).population == 20_140


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "tom"),
        (b"kommune,aar,folketall\n0301,2026,730100\n", "region"),
        ('"region";"år";"Personer"\n"0301 Oslo";"2026";"7e5"\n'.encode(), "Linje 2"),
        ('"region";"år";"Personer"\n"0301 Oslo";"2026";"-5"\n'.encode(), "folketall"),
        ('"region";"år";"Personer"\n"0301 Oslo";"26";"730100"\n'.encode(), "årstall"),
        ('"region";"år";"Personer"\n"Oslo";"2026";"730100"\n'.encode(), "region med nummer"),
        ('"region";"år";"Personer"\n"0301 Oslo";"2026"\n'.encode(), "kolonner"),
        ('"region";"år";"Personer"\n"0301 Oslo";"2026";"1"\n"0301 Oslo";"2026";"2"\n'.encode(), "to folketall"),
        (b'"region";"Personer";"Andre"\n"0301 Oslo";"1";"2"\n', "år"),
        ('"region";"år";"Personer"\n"0 Hele landet";"2026";".."\n'.encode(), "ingen folketall"),
        (b"\x00\x01\x02;;;\n", "tekstfil"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message_and_stores_nothing(register, tmp_path, content, message):
    path = tmp_path / "07459.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        _run(str(path))
    assert "Ingenting er lagret" in str(error.value)
    assert not PopulationFigure.objects.exists()


def test_a_broken_line_after_good_ones_stores_nothing(register):
    raw = SAMPLE.read_bytes() + b'"4601 Bergen";"2027";"mange"\r\n'
    with pytest.raises(PopulationFileError, match="mange"):
        import_population(raw=raw)
    assert not PopulationFigure.objects.exists()


def test_a_year_the_file_does_not_have_is_refused(register):
    with pytest.raises(CommandError, match="2030"):
        _run(str(SAMPLE), "--year", "2030")
    assert not PopulationFigure.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Kan ikke lese"):
        _run(str(tmp_path / "finnes-ikke.csv"))


def test_once_the_figures_of_1_january_2026_are_loaded_the_dues_for_2027_use_them():
    """R3: the latest figure dated on or before 1 January of the dues year. Time had 19,910
    inhabitants on 1.1.2024 (the 25,000 kr tier) and 20,140 on 1.1.2026 (the 50,000 kr tier)."""
    membership = dues_member(population=19_910, population_date=datetime.date(2024, 1, 1), number="1121", name="Time")
    time = membership.organisation
    before = dues_basis(organisation=time, year=2027)
    assert (before.population, before.population_date, before.tier.amount_ore) == (
        19_910,
        datetime.date(2024, 1, 1),
        25_000_00,
    )

    _run(str(SAMPLE), "--year", "2026")

    basis = dues_basis(organisation=time, year=2027)
    assert (basis.population, basis.population_date) == (20_140, JAN_2026)
    assert basis.tier.amount_ore == 50_000_00
    # The dues of 2025 still use the figure of 1.1.2024: 1.1.2025 was not loaded.
    assert dues_basis(organisation=time, year=2025).population == 19_910


def test_a_figure_entered_by_hand_for_the_same_date_is_updated_not_duplicated(register):
    PopulationFigureFactory(organisation=register["0301"], reference_date=JAN_2026, population=1, source="for hånd")
    import_population(raw=SAMPLE.read_bytes(), year=2026)
    figure = PopulationFigure.objects.get(organisation=register["0301"], reference_date=JAN_2026)
    assert figure.population == 730_100
