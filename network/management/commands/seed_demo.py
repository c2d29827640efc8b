"""A believable demo network on top of the imported municipalities.

Each app seeds its own part (members first, then billing, governance and activities),
so a new capability adds its demo data in its own `demo.py`. The emails the seeding sends are
written to var/mail/ (one .eml file each), not to the console, and the demo logins, one per
role, are the last lines of the output.
"""

from __future__ import annotations

import contextlib
import logging
import pathlib
from collections.abc import Iterator

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from activities import demo as demo_activities
from billing import demo as billing_demo
from governance import demo as governance_demo
from governance import demo_meetings
from members import demo as members_demo
from members.models import Organisation, Person, User
from network import demo_networks
from network.celery import app as celery_app
from network.operations.demo_mail import DemoMailFolderBackend


class Command(BaseCommand):
    help = (
        "Seeds a demo network (members, contacts, invoices, governance and activities) and the seeds' other "
        "networks: a KSF region with two clusters, an ended national agreement and a partnership."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="Random seed, for a repeatable network.")
        parser.add_argument(
            "--mail-dir",
            default=str(settings.BASE_DIR / "var" / "mail"),
            help="Folder for the emails the seeding sends (one .eml file each). Default: var/mail/.",
        )

    def handle(self, *args, seed: int, mail_dir: str, **options):
        if not Organisation.objects.exists():
            raise CommandError("Run `python manage.py import_municipalities` first.")
        today = timezone.localdate()
        folder = pathlib.Path(mail_dir).resolve()
        DemoMailFolderBackend.reset(folder)
        with (
            override_settings(EMAIL_BACKEND="network.operations.demo_mail.DemoMailFolderBackend", EMAIL_FILE_PATH=str(folder)),
            _tasks_in_process(),
            _quiet_broker_log(),
        ):
            with transaction.atomic():
                context = members_demo.seed(today=today, seed=seed, out=self.stdout)
                billing_demo.seed(today=today, context=context, out=self.stdout)
                governance_demo.seed(today=today, context=context, out=self.stdout)
                demo_meetings.seed(today=today, context=context, out=self.stdout)
                demo_activities.seed(today=today, context=context, out=self.stdout)
                network_logins = demo_networks.seed(today=today, context=context, out=self.stdout)
                exclude = set(Person.objects.filter(user__in=context.contact_users).values_list("pk", flat=True))
                steering_member, leader = governance_demo.steering_logins(today=today, exclude_people=exclude)
        self.stdout.write(self.style.SUCCESS(f"Demo network ready ({today:%d.%m.%Y})."))
        self.stdout.write(f"{DemoMailFolderBackend.written} e-mails written to {_shown(folder)} (none sent).")
        logins = [
            ("Coordinator", context.coordinator),
            ("Finance (KS billing administrator)", context.billing_admin),
            *[(f"Contact person, {_organisation(user)}", user) for user in context.contact_users],
            ("Steering-group member", steering_member),
            ("Steering-group leader", leader),
            *network_logins,
        ]
        self._print_logins([(role, user) for role, user in logins if user is not None])

    def _print_logins(self, logins: list[tuple[str, User]]) -> None:
        width = max(len(role) for role, _user in logins)
        self.stdout.write(f"Demo logins (password for all: {members_demo.DEMO_PASSWORD}):")
        for role, user in logins:
            self.stdout.write(f"  {role.ljust(width)}  {user.email}")


def _organisation(user: User) -> str:
    person = Person.objects.filter(user=user).select_related("organisation").first()
    return person.organisation.name if person and person.organisation else ""


def _shown(folder: pathlib.Path) -> str:
    try:
        return f"{folder.relative_to(pathlib.Path.cwd())}/"
    except ValueError:
        return f"{folder}/"


@contextlib.contextmanager
def _tasks_in_process() -> Iterator[None]:
    """Tasks run in this process while seeding, so their emails go to the mail folder, not to workers."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


@contextlib.contextmanager
def _quiet_broker_log() -> Iterator[None]:
    """Kombu warns "No hostname was supplied" for the quick start's in-memory broker: not news."""
    logger = logging.getLogger("kombu.connection")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)
