from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump / SQLite copy) and the media files into one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive path (default var/backups/nettverksadmin-<time>.tar)")
        parser.add_argument("--no-media", action="store_true", help="Leave out MEDIA_ROOT.")

    def handle(self, *args, output=None, no_media=False, **options):
        try:
            path = backup(output=output, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
