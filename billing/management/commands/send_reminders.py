from django.core.management.base import BaseCommand
from django.utils import timezone

from billing.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Sender purringer 14 og 28 dager etter forfall for ubetalte fakturaer, hver bare én gang."

    def handle(self, *args, **options):
        sent = send_due_reminders(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} purringer sendt."))
