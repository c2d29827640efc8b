import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from members.models import Organisation, PopulationFigure
from members.municipalities import import_municipalities
from members.validators import validate_org_number
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_every_kommune_and_fylkeskommune_is_imported_with_population():
    report = import_municipalities()

    assert report.created == 357 + 14
    assert Organisation.objects.filter(kind="kommune").count() == 357
    # 15 fylker, but Oslo's county tasks belong to Oslo kommune: no separate fylkeskommune.
    assert Organisation.objects.filter(kind="fylkeskommune", ended_on__isnull=True).count() == 14
    # Beside them, the three that ended with 2023 (Viken, Vestfold og Telemark, Troms og Finnmark).
    assert Organisation.objects.filter(kind="fylkeskommune", ended_on__isnull=False).count() == 3
    assert not Organisation.objects.filter(kind="fylkeskommune", number="03").exists()
    assert PopulationFigure.objects.count() == 357
    assert (
        Organisation.objects.filter(kind="kommune").annotate(n=Count("population_figures")).filter(n=1).count() == 357
    )


def test_population_figures_are_those_of_1_january_2024():
    import_municipalities()
    oslo = Organisation.objects.get(kind="kommune", number="0301")
    figure = oslo.population_figures.get()
    assert (figure.population, figure.reference_date) == (717_710, datetime.date(2024, 1, 1))
    assert sum(PopulationFigure.objects.values_list("population", flat=True)) == 5_550_203


def test_population_puts_kommuner_in_the_three_dues_bands():
    import_municipalities()
    populations = list(PopulationFigure.objects.values_list("population", flat=True))
    assert sum(p < 20_000 for p in populations) == 291
    assert sum(20_000 <= p <= 80_000 for p in populations) == 55
    assert sum(p > 80_000 for p in populations) == 11


def test_running_the_import_twice_changes_nothing():
    import_municipalities()
    before = list(Organisation.objects.order_by("pk").values())
    figures_before = list(PopulationFigure.objects.order_by("pk").values())

    report = import_municipalities()

    assert (report.created, report.updated, report.unchanged, report.population_figures_created) == (0, 0, 371, 0)
    assert list(Organisation.objects.order_by("pk").values()) == before
    assert list(PopulationFigure.objects.order_by("pk").values()) == figures_before


def test_import_never_invents_or_overwrites_organisation_numbers():
    import_municipalities()
    haram = Organisation.objects.get(number="1580")
    assert haram.org_number == ""  # re-established 2024, not in the 2023 register
    moss = Organisation.objects.get(number="3103")
    assert moss.org_number_to_confirm  # number changed in 2024: the 2023 entity's org number

    moss.org_number = "974760673"  # the coordinator's correction
    moss.save()
    import_municipalities()
    moss.refresh_from_db()
    assert moss.org_number == "974760673"


def test_the_import_updates_a_changed_population():
    import_municipalities()
    PopulationFigure.objects.filter(organisation__number="0301").update(population=1)
    call_command("import_municipalities", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PopulationFigure.objects.get(organisation__number="0301").population == 717_710


def test_after_import_every_fylkeskommune_has_a_valid_organisation_number():
    """Issue 20 finding 5: the dues run warned that fylkeskommuner lacked one, and their EHF failed."""
    report = import_municipalities()
    # Those that exist: the three that ended with 2023 are never invoiced and have no number in the data.
    counties = Organisation.objects.filter(kind="fylkeskommune", ended_on__isnull=True)
    assert counties.count() == 14
    for county in counties:
        validate_org_number(county.org_number)  # nine digits, MOD11
        assert not county.org_number_to_confirm
    assert counties.get(number="46").org_number == "821311632"  # Vestland fylkeskommune
    assert report.county_org_numbers_set == 14
    # Row 03 is Oslo kommune's own number, the same as in the kommune file.
    assert Organisation.objects.get(kind="kommune", number="0301").org_number == "958935420"


def test_the_import_gives_an_existing_fylkeskommune_its_number_but_keeps_a_corrected_one():
    OrganisationFactory(kind="fylkeskommune", number="46", name="Vestland fylkeskommune", org_number="")
    OrganisationFactory(kind="fylkeskommune", number="50", name="Trøndelag fylkeskommune", org_number="974760673")
    report = import_municipalities()
    assert Organisation.objects.get(kind="fylkeskommune", number="46").org_number == "821311632"
    assert Organisation.objects.get(kind="fylkeskommune", number="50").org_number == "974760673"
    assert report.county_org_numbers_set == 13
    assert import_municipalities().county_org_numbers_set == 0  # idempotent


def test_a_county_file_with_a_wrong_organisation_number_stops_the_import_and_stores_nothing(tmp_path):
    bad = tmp_path / "fylkeskommuner.csv"
    bad.write_text("fylkesnummer,navn,orgnr\n46,Vestland fylkeskommune,821311633\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="kontrollsiffer"):
        import_municipalities(county_org_numbers_csv=bad)
    assert not Organisation.objects.exists()


@pytest.fixture
def admin_client(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def _admin_form(admin_client, organisation, **changes):
    from django.contrib import admin

    model_admin = admin.site._registry[Organisation]
    request = admin_client.get(reverse("admin:members_organisation_change", args=[organisation.pk])).wsgi_request
    form_class = model_admin.get_form(request, organisation, change=True)
    data = {name: getattr(organisation, name) for name in form_class.base_fields}
    data.update(changes)
    return model_admin, request, form_class(data=data, instance=organisation)


def test_the_coordinator_corrects_a_fylkeskommunes_number_in_admin_with_history(admin_client, coordinator):
    import_municipalities()
    county = Organisation.objects.get(kind="fylkeskommune", number="46")
    model_admin, request, form = _admin_form(admin_client, county, org_number="974760673")
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)

    county.refresh_from_db()
    assert county.org_number == "974760673"
    latest = county.history.first()
    assert (latest.history_user, latest.history_change_reason) == (coordinator, "Organisasjonsnummer rettet")
    assert county.history.all()[1].org_number == "821311632"  # the old number is kept


@pytest.mark.parametrize("wrong", ["821311633", "82131163", "8213116321", "abcdefghi", "-5"])
def test_a_wrong_organisation_number_is_refused_in_admin(admin_client, wrong):
    import_municipalities()
    county = Organisation.objects.get(kind="fylkeskommune", number="46")
    _model_admin, _request, form = _admin_form(admin_client, county, org_number=wrong)
    assert not form.is_valid()
    assert "org_number" in form.errors
    county.refresh_from_db()
    assert county.org_number == "821311632"
