from django.core.management.base import BaseCommand

from members.municipalities import import_municipalities


class Command(BaseCommand):
    help = "Loads or updates all kommuner and fylkeskommuner with population (idempotent)."

    def handle(self, *args, **options):
        report = import_municipalities()
        self.stdout.write(
            f"Kommuner og fylkeskommuner: {report.created} nye, {report.updated} oppdatert, "
            f"{report.unchanged} uendret; {report.population_figures_created} nye folketall; "
            f"{report.county_org_numbers_set} fylkeskommuner fikk organisasjonsnummer."
        )
        if report.without_org_number:
            self.stdout.write(f"Uten organisasjonsnummer ({len(report.without_org_number)}): legg inn i admin.")
        if report.to_confirm:
            self.stdout.write(f"Organisasjonsnummer som må bekreftes ({len(report.to_confirm)}): nummer endret i 2024.")
