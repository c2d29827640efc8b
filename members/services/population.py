"""Population figures from SSB (R3): the basis of each kommune's dues tier.

`import_population` stores the figures of an SSB 07459 export as population figures dated 1 January
of their year, with history. Running it again with the same file changes nothing; a figure SSB has
corrected is updated (the old one stays in the history). Regions the register does not have are
reported, not stored; a malformed file stores nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Organisation, PopulationFigure, User
from ..ssb import PopulationFileError, parse

SOURCE = "SSB statistikkbanken, tabell 07459 (folketall 1. januar {year})"

__all__ = ["PopulationFileError", "PopulationImportReport", "import_population"]


@dataclass
class PopulationImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: list[int] = field(default_factory=list)
    unknown_regions: list[str] = field(default_factory=list)  # in the file, not in the register
    missing: list[str] = field(default_factory=list)  # in the file without a figure ("..")


def _kind(code: str) -> str | None:
    if len(code) == 4:
        return Organisation.Kind.KOMMUNE
    if len(code) == 2:
        return Organisation.Kind.FYLKESKOMMUNE
    return None


@transaction.atomic
def import_population(*, raw: bytes, year: int | None = None, by: User | None = None) -> PopulationImportReport:
    """Store the population per 1 January of every kommune and fylkeskommune in an SSB 07459 export.

    `year` keeps only that year's figures (the file may hold several). Raises PopulationFileError,
    storing nothing, when the file cannot be read or has no figure for `year`.
    """
    parsed = parse(raw)
    figures = [figure for figure in parsed.figures if year is None or figure.year == year]
    if not figures:
        raise PopulationFileError(_("Filen har ingen folketall for %(year)s.") % {"year": year})
    report = PopulationImportReport(
        years=sorted({figure.year for figure in figures}),
        missing=[f"{region} ({y})" for y, region in parsed.missing if year is None or y == year],
    )
    register = {(o.kind, o.number): o for o in Organisation.objects.all()}
    existing = {
        (f.organisation_id, f.reference_date): f
        for f in PopulationFigure.objects.filter(
            reference_date__in=[datetime.date(y, 1, 1) for y in report.years]
        ).select_for_update()
    }
    for figure in sorted(figures, key=lambda f: (f.year, f.code)):
        organisation = register.get((_kind(figure.code), figure.code))
        if organisation is None:
            report.unknown_regions.append(f"{figure.code} {figure.name}".strip())
            continue
        reference_date = datetime.date(figure.year, 1, 1)
        source = SOURCE.format(year=figure.year)
        current = existing.get((organisation.pk, reference_date))
        if current is None:
            current = PopulationFigure(
                organisation=organisation, reference_date=reference_date, population=figure.population, source=source
            )
            report.created += 1
        elif (current.population, current.source) == (figure.population, source):
            report.unchanged += 1
            continue
        else:
            current.population, current.source = figure.population, source
            report.updated += 1
        current.full_clean(validate_unique=False)
        current._history_user = by
        current._change_reason = "import_population"
        current.save()
        existing[(organisation.pk, reference_date)] = current
    report.unknown_regions = sorted(set(report.unknown_regions))
    return report
