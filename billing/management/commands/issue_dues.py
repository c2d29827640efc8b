from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from billing.services.dues import run_dues


class Command(BaseCommand):
    help = "Utsteder årets kontingentfakturaer (R3). Trygt å kjøre flere ganger: allerede utstedte hoppes over."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="Kontingentåret (standard: i år).")

    def handle(self, *args, year: int | None, **options):
        year = year or timezone.localdate().year
        try:
            run = run_dues(year=year)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Kontingent {year}: {run.issued} utstedt, {run.skipped} hoppet over av {run.total}.")
        )
        for problem in run.problems:
            self.stdout.write(self.style.WARNING(f"{problem['organisation']}: {problem['error']}"))
