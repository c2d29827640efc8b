from django.core.management.base import BaseCommand
from django.utils import timezone

from members.services import end_due_memberships


class Command(BaseCommand):
    help = "Avslutter medlemskap der oppsigelsen har trådt i kraft (R5). Kan kjøres flere ganger."

    def handle(self, *args, **options):
        ended = end_due_memberships(today=timezone.localdate())
        for membership in ended:
            self.stdout.write(f"{membership.organisation}: avsluttet {membership.ended_on:%d.%m.%Y}")
        self.stdout.write(self.style.SUCCESS(f"{len(ended)} medlemskap avsluttet."))
