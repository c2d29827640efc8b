from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.services.payments import OcrFileInvalid, import_ocr


class Command(BaseCommand):
    help = "Importerer en OCR-fil fra Nets (OCR giro) og knytter innbetalingene til fakturaer via KID."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            result = import_ocr(data=file.read_bytes(), filename=file.name)
        except OcrFileInvalid as error:
            raise CommandError(" ".join(error.messages)) from error
        except OSError as error:
            raise CommandError(str(error)) from error
        matched = result.payments.filter(invoice__isnull=False).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Importert {result.transaction_count} transaksjoner ({result.total_ore / 100:.2f} kr), "
                f"{matched} knyttet til faktura, {result.transaction_count - matched} til gjennomgang."
            )
        )
