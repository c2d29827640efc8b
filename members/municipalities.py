"""Loading Norway's kommuner and fylkeskommuner, with population, from the data in members/data/,
and the organisations that ended (Viken, 2023) with their successors.

Idempotent: running it again changes nothing unless the data changed. Values the coordinator
has set by hand (an organisation number, addresses, invoice details) are never overwritten.
"""

from __future__ import annotations

import csv
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Organisation, PopulationFigure
from .validators import validate_org_number

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "kommuner_2024_derived.csv"
COUNTIES_JSON = DATA_DIR / "norway-geodata_counties-2025.json"
# The county authorities' organisation numbers (Enhetsregisteret), see data/PROVENANCE.md.
COUNTY_ORG_NUMBERS_CSV = DATA_DIR / "fylkeskommuner_2024_orgnr.csv"

POPULATION_DATE = datetime.date(2024, 1, 1)
POPULATION_SOURCE = "SSB folketall 1.1.2024 (norway-geodata)"
# Organisations that ended, and who took over: `kind,number,name,ended_on,successor_numbers`.
ORGANISATION_CHANGES_CSV = DATA_DIR / "organisasjonsendringer_2024.csv"
CHANGES_SOURCE = "import_municipalities: organisasjonsendringer_2024.csv"
# Oslo kommune has the county's tasks; there is no separate Oslo fylkeskommune.
COUNTIES_WITHOUT_FYLKESKOMMUNE = frozenset({"03"})


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    population_figures_created: int = 0
    county_org_numbers_set: int = 0
    without_org_number: list[str] = field(default_factory=list)
    to_confirm: list[str] = field(default_factory=list)
    ended_created: int = 0
    ended_marked: int = 0
    successors_linked: int = 0


def _read_municipalities(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_counties(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _read_county_org_numbers(path: Path) -> dict[str, str]:
    """fylkesnummer → organisation number; every number MOD11-checked, else the import stops."""
    numbers = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            org_number = row["orgnr"].strip()
            validate_org_number(org_number)
            numbers[row["fylkesnummer"].strip()] = org_number
    return numbers


def _upsert(
    report: ImportReport, *, kind: str, number: str, name: str, org_number: str, to_confirm: bool
) -> Organisation:
    organisation = Organisation.objects.filter(kind=kind, number=number).first()
    if organisation is None:
        organisation = Organisation(kind=kind, number=number, name=name)
        organisation.org_number = org_number
        organisation.org_number_to_confirm = to_confirm and bool(org_number)
        organisation.full_clean()
        organisation._change_reason = "import_municipalities"
        organisation.save()
        report.created += 1
        return organisation
    changed = []
    if organisation.name != name:
        organisation.name = name
        changed.append("name")
    if not organisation.org_number and org_number:
        organisation.org_number = org_number
        organisation.org_number_to_confirm = to_confirm
        changed += ["org_number", "org_number_to_confirm"]
    if changed:
        organisation.full_clean()
        organisation._change_reason = "import_municipalities"
        organisation.save(update_fields=changed)
        report.updated += 1
    else:
        report.unchanged += 1
    return organisation


@transaction.atomic
def import_municipalities(
    *,
    municipalities_csv: Path = MUNICIPALITIES_CSV,
    counties_json: Path = COUNTIES_JSON,
    county_org_numbers_csv: Path = COUNTY_ORG_NUMBERS_CSV,
    changes_csv: Path = ORGANISATION_CHANGES_CSV,
) -> ImportReport:
    """Create or update every kommune and fylkeskommune, and their population figures."""
    report = ImportReport()
    for row in _read_municipalities(municipalities_csv):
        org_number = row["orgnr_inferred"].strip()
        if org_number:
            validate_org_number(org_number)
        organisation = _upsert(
            report,
            kind=Organisation.Kind.KOMMUNE,
            number=row["kommunenummer"],
            name=row["navn_no"].strip() or row["navn"].strip(),
            org_number=org_number,
            to_confirm="(CHECK)" in row["orgnr_join_note"],
        )
        if not organisation.org_number:
            report.without_org_number.append(f"{organisation.number} {organisation.name}")
        if organisation.org_number_to_confirm:
            report.to_confirm.append(f"{organisation.number} {organisation.name}")
        _figure, created = PopulationFigure.objects.update_or_create(
            organisation=organisation,
            reference_date=POPULATION_DATE,
            defaults={"population": int(row["folketall"]), "source": POPULATION_SOURCE},
        )
        report.population_figures_created += created
    county_org_numbers = _read_county_org_numbers(county_org_numbers_csv)
    for county in _read_counties(counties_json):
        if county["id"] in COUNTIES_WITHOUT_FYLKESKOMMUNE:
            continue
        had_org_number = (
            Organisation.objects.filter(kind=Organisation.Kind.FYLKESKOMMUNE, number=county["id"])
            .exclude(org_number="")
            .exists()
        )
        organisation = _upsert(
            report,
            kind=Organisation.Kind.FYLKESKOMMUNE,
            number=county["id"],
            name=county["name"],
            org_number=county_org_numbers.get(county["id"], ""),
            to_confirm=False,
        )
        report.county_org_numbers_set += bool(organisation.org_number) and not had_org_number
        if not organisation.org_number:
            report.without_org_number.append(f"{organisation.number} {organisation.name} fylkeskommune")
    _import_changes(report, changes_csv)
    return report


def _import_changes(report: ImportReport, path: Path) -> None:
    """Mark the organisations that ended and link their successors (which must be imported already).

    An ended organisation missing from the register (Viken) is created with its number and name;
    an end date the coordinator has set is kept. Links are added once, with their source.
    """
    from .services.succession import link_successor

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        kind, ended_on = row["kind"].strip(), datetime.date.fromisoformat(row["ended_on"].strip())
        organisation = Organisation.objects.filter(kind=kind, number=row["number"].strip()).first()
        if organisation is None:
            organisation = Organisation(kind=kind, number=row["number"].strip(), name=row["name"].strip())
            organisation.ended_on = ended_on
            organisation.full_clean()
            organisation._change_reason = CHANGES_SOURCE
            organisation.save()
            report.ended_created += 1
        elif organisation.ended_on is None:
            organisation.ended_on = ended_on
            organisation._change_reason = CHANGES_SOURCE
            organisation.save(update_fields=["ended_on"])
            report.ended_marked += 1
        for number in row["successor_numbers"].split():
            successor = Organisation.objects.get(kind=kind, number=number)
            report.successors_linked += link_successor(
                predecessor=organisation, successor=successor, source=CHANGES_SOURCE
            )
