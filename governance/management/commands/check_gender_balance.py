from django.core.management.base import BaseCommand

from governance.services.gender_balance import check_and_notify, gender_balance_report


class Command(BaseCommand):
    help = "Stores today's gender balance per body (R10) and emails the coordinator about gaps."

    def handle(self, *args, **options):
        reported = check_and_notify()
        for result in gender_balance_report():
            self.stdout.write(
                f"{result.scope}: {result.verdict_label} ({result.women} k / {result.men} m / "
                f"{result.unknown} ukjent, krav {result.required_each}) {result.advice}"
            )
        self.stdout.write(f"{reported} varslet.")
