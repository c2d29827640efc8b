from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.services.population import PopulationFileError, import_population


class Command(BaseCommand):
    help = (
        "Imports the population per 1 January of every kommune and fylkeskommune from SSB's CSV export of "
        "statistics table 07459 (semicolon-separated; region, year, persons). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file downloaded from ssb.no/statbank/table/07459")
        parser.add_argument("--year", type=int, help="import only this year's figures (reference date 1 January)")

    def handle(self, *args, file: Path, year: int | None = None, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan ikke lese {file}: {error.strerror}") from None
        try:
            report = import_population(raw=raw, year=year)
        except PopulationFileError as error:
            raise CommandError(f"{file}: {error} Ingenting er lagret.") from None
        years = ", ".join(f"1.1.{y}" for y in report.years)
        self.stdout.write(
            f"Folketall per {years}: {report.created} nye, {report.updated} oppdatert, {report.unchanged} uendret."
        )
        if report.unknown_regions:
            self.stdout.write(
                f"Ikke i registeret ({len(report.unknown_regions)}), ikke lagret: {', '.join(report.unknown_regions)}"
            )
        if report.missing:
            self.stdout.write(f"Uten tall i filen ({len(report.missing)}): {', '.join(report.missing)}")
