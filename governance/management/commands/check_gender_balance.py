from django.core.management.base import BaseCommand

from governance.services.gender_balance import check_and_notify, gender_balance_report
from members.models import Network


class Command(BaseCommand):
    help = "Stores today's gender balance per body of each network (R10) and emails its coordinators about gaps."

    def handle(self, *args, **options):
        reported = check_and_notify()
        for network in Network.objects.order_by("pk"):
            self.stdout.write(f"{network.name}:")
            for result in gender_balance_report(network=network):
                self.stdout.write(
                    f"  {result.scope}: {result.verdict_label} ({result.women} k / {result.men} m / "
                    f"{result.unknown} ukjent, krav {result.required_each}) {result.advice}"
                )
        self.stdout.write(f"{reported} varslet.")
