import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from members.models import Organisation, PopulationFigure
from members.municipalities import import_municipalities

pytestmark = pytest.mark.django_db


def test_every_kommune_and_fylkeskommune_is_imported_with_population():
    report = import_municipalities()

    assert report.created == 357 + 14
    assert Organisation.objects.filter(kind="kommune").count() == 357
    # 15 fylker, but Oslo's county tasks belong to Oslo kommune: no separate fylkeskommune.
    assert Organisation.objects.filter(kind="fylkeskommune").count() == 14
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
    assert set(Organisation.objects.filter(kind="fylkeskommune").values_list("org_number", flat=True)) == {""}
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
