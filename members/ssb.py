"""Reading SSB's CSV export of statistics table 07459 (population per 1 January, by region).

The statistics bank (ssb.no/statbank/table/07459) exports "CSV (semikolonseparert)" like this,
in UTF-8 with a byte-order mark or in ISO-8859-1, values in double quotes, sometimes with the
table's title and a blank line above the header:

    "region";"år";"Personer"
    "0301 Oslo";"2026";"724290"
    "46 Vestland";"2026";"651299"

The region may also come as two columns (code and name), the code with SSB's "K-"/"F-" prefix,
and a value column may be named after the table ("07459: Befolkning …"). When the export is broken
down by sex or age (columns "kjønn", "alder"), the rows of one region and year are added up. SSB
writes "..", ".", ":" or "-" for a figure that does not exist (a kommune before it was created):
such rows are skipped and reported, never stored as 0.

Parsing touches no database: a file that cannot be read raises `PopulationFileError` with the line
and what is wrong, before anything is stored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MISSING_VALUES = frozenset({"..", ".", ":", "-", "…"})
BREAKDOWN_COLUMNS = ("kjønn", "kjonn", "sex", "alder", "age")
_REGION = re.compile(r"^(?:[KF]-)?(?P<code>\d{1,4})(?:\s+(?P<name>.*))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100


class PopulationFileError(ValueError):
    """The file is not an SSB 07459 export this command can read; nothing is stored."""


@dataclass(frozen=True)
class RegionFigure:
    code: str  # "0301" (kommune) or "46" (fylke), as in the register
    name: str
    year: int
    population: int


@dataclass
class PopulationFile:
    figures: list[RegionFigure] = field(default_factory=list)
    missing: list[tuple[int, str]] = field(default_factory=list)  # (year, region) SSB has no figure for ("..")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-1, SSB's two encodings."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _normalise_header(value: str) -> str:
    return value.strip().strip('"').strip().lower()


def _find_header(rows: list[list[str]]) -> int:
    for index, row in enumerate(rows):
        headers = [_normalise_header(cell) for cell in row]
        if any(header.startswith("region") for header in headers) and len(headers) >= 3:
            return index
    raise PopulationFileError(
        _(
            "Fant ingen overskriftsrad med kolonnen «region». Last ned tabell 07459 fra SSBs statistikkbank "
            "som «CSV (semikolonseparert)» med region, år og personer."
        )
    )


def _columns(headers: list[str]) -> dict[str, int | list[int] | None]:
    region = [i for i, h in enumerate(headers) if h.startswith("region")]
    year = [i for i, h in enumerate(headers) if h in ("år", "ar", "tid", "year", "time")]
    if not year:
        raise PopulationFileError(_("Filen mangler kolonnen «år»."))
    breakdown = [i for i, h in enumerate(headers) if h in BREAKDOWN_COLUMNS]
    variable = [i for i, h in enumerate(headers) if h in ("statistikkvariabel", "contents")]
    value = [
        i
        for i, h in enumerate(headers)
        if i not in (*region, *year, *breakdown, *variable)
        and (h.startswith(("personer", "befolkning", "persons", "population", "verdi", "value")) or "07459" in h)
    ]
    if len(value) != 1:
        raise PopulationFileError(
            _("Filen må ha nøyaktig én kolonne med folketall («Personer»), fant %(count)s.") % {"count": len(value)}
        )
    code = next((i for i in region if "kode" in headers[i] or "code" in headers[i]), region[0])
    name = next((i for i in region if i != code), None)
    return {"code": code, "name": name, "year": year[0], "value": value[0], "breakdown": breakdown}


def _region(cell_code: str, cell_name: str | None, line: int) -> tuple[str, str]:
    text = cell_code.strip()
    match = _REGION.match(text)
    if not match:
        raise PopulationFileError(
            _("Linje %(line)s: «%(value)s» er ikke en region med nummer, for eksempel «0301 Oslo».")
            % {"line": line, "value": text[:60]}
        )
    name = (cell_name.strip() if cell_name is not None else match.group("name") or "").strip()
    return match.group("code"), name


def _year(text: str, line: int) -> int:
    text = text.strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
        raise PopulationFileError(
            _("Linje %(line)s: «%(value)s» er ikke et årstall.") % {"line": line, "value": text[:20]}
        )
    return int(text)


def _population(text: str, line: int) -> int | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text in MISSING_VALUES:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise PopulationFileError(
            _("Linje %(line)s: «%(value)s» er ikke et folketall (et helt tall).") % {"line": line, "value": text[:20]}
        )
    return int(text)


def parse(raw: bytes) -> PopulationFile:
    """Every region's population per year in the file; raises PopulationFileError on a malformed file."""
    if not raw.strip():
        raise PopulationFileError(_("Filen er tom."))
    text = decode(raw)
    if "\x00" in text:
        raise PopulationFileError(_("Filen er ikke en tekstfil (CSV)."))
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";", quotechar='"'))
    except csv.Error as error:
        raise PopulationFileError(_("Filen kan ikke leses som CSV: %(error)s") % {"error": error}) from None
    header_index = _find_header(rows)
    headers = [_normalise_header(cell) for cell in rows[header_index]]
    columns = _columns(headers)
    totals: dict[tuple[str, int], list] = {}
    missing: list[tuple[int, str]] = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(headers):
            # Notes under the table ("Kilde: …", "Forklaring: …") are one cell; anything else is broken.
            if len(row) == 1:
                continue
            raise PopulationFileError(
                _("Linje %(line)s har %(found)s kolonner, overskriften har %(expected)s.")
                % {"line": offset, "found": len(row), "expected": len(headers)}
            )
        code, name = _region(
            row[columns["code"]], row[columns["name"]] if columns["name"] is not None else None, offset
        )
        year = _year(row[columns["year"]], offset)
        population = _population(row[columns["value"]], offset)
        key = (code, year)
        if population is None:
            missing.append((year, f"{code} {name}".strip()))
            continue
        if key in totals and not columns["breakdown"]:
            raise PopulationFileError(
                _("Linje %(line)s: %(region)s har to folketall for %(year)s.")
                % {"line": offset, "region": f"{code} {name}".strip(), "year": year}
            )
        entry = totals.setdefault(key, [name, 0])
        entry[1] += population
    if not totals:
        raise PopulationFileError(_("Filen har ingen folketall."))
    figures = [
        RegionFigure(code=code, name=name, year=year, population=value)
        for (code, year), (name, value) in totals.items()
    ]
    return PopulationFile(figures=figures, missing=sorted(set(missing)))
