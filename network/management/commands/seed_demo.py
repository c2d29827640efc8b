"""A believable demo network on top of the imported municipalities.

Each app seeds its own part (members first, then billing, governance and activities),
so a new capability adds its demo data in its own `demo.py`.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from billing import demo as billing_demo
from governance import demo as governance_demo
from governance import demo_meetings
from members import demo as members_demo
from members.models import Organisation
from network import demo_activities


class Command(BaseCommand):
    help = "Seeds a demo network: members, contacts, invoices, governance and activities."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="Random seed, for a repeatable network.")

    def handle(self, *args, seed: int, **options):
        if not Organisation.objects.exists():
            raise CommandError("Run `python manage.py import_municipalities` first.")
        today = timezone.localdate()
        with transaction.atomic():
            context = members_demo.seed(today=today, seed=seed, out=self.stdout)
            billing_demo.seed(today=today, context=context, out=self.stdout)
            governance_demo.seed(today=today, context=context, out=self.stdout)
            demo_meetings.seed(today=today, context=context, out=self.stdout)
            demo_activities.seed(today=today, context=context, out=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo network ready ({today:%d.%m.%Y})."))
