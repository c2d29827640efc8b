from django.core.management.base import BaseCommand

from members.municipalities import import_municipalities


class Command(BaseCommand):
    help = (
        "Loads or updates all kommuner and fylkeskommuner with population, and marks those that ended "
        "with their successors (idempotent)."
    )

    def handle(self, *args, **options):
        report = import_municipalities()
        self.stdout.write(
            f"Kommuner and fylkeskommuner: {report.created} new, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.population_figures_created} new population figures; "
            f"{report.county_org_numbers_set} fylkeskommuner given their organisation number."
        )
        self.stdout.write(
            f"Ended organisations: {report.ended_created} new, {report.ended_marked} marked ended; "
            f"{report.successors_linked} successors linked."
        )
        if report.without_org_number:
            self.stdout.write(f"Without an organisation number ({len(report.without_org_number)}): add it in the admin.")
        if report.to_confirm:
            self.stdout.write(f"Organisation numbers to confirm ({len(report.to_confirm)}): changed in 2024.")
