from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.operations.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Replace the database and the media files with those of a backup archive (from `backup`)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-media", action="store_true", help="Leave MEDIA_ROOT as it is.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive: Path, no_media=False, interactive=True, **options):
        if not archive.exists():
            raise CommandError(f"{archive} does not exist.")
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if interactive:
            try:
                answer = input(
                    f"This replaces ALL data with the backup of {manifest['created_at']} "
                    f"({sum(manifest['row_counts'].values())} rows). Type 'yes' to continue: "
                )
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(archive=archive, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} (made {manifest['created_at']})."))
