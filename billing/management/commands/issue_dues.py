from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from billing.services.dues import held_members, run_dues


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
            self.style.SUCCESS(
                f"Kontingent {year}: {run.issued} utstedt, {run.held} holdt igjen, "
                f"{run.skipped} hoppet over av {run.total}."
            )
        )
        # The same defaults as the page: members whose agreement period has ended, or for whom no valid
        # EHF can be made, are held unless a choice on the run (the run's page) says otherwise.
        for item in held_members(run):
            detail = f": {item.detail}" if item.detail else ""
            self.stdout.write(
                self.style.WARNING(
                    f"Holdt igjen – {item.membership.organisation.name} ({', '.join(item.reason_labels)}{detail})"
                )
            )
        for problem in run.problems:
            self.stdout.write(self.style.WARNING(f"{problem['organisation']}: {problem['error']}"))
