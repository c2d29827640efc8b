from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.queries import networks_of_same_issuer
from billing.services.payments import OcrFileInvalid, import_ocr
from members.networks import first_network, network_by_slug


class Command(BaseCommand):
    help = "Importerer en OCR-fil fra Nets (OCR giro) og knytter innbetalingene til fakturaer via KID."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--nettverk",
            dest="network",
            help="Nettverkets adressenavn (slug): importen hører til det, og innbetalingene knyttes til "
            "fakturaer fra nettverkene med samme utsteder. Standard: det første nettverket.",
        )

    def handle(self, *args, file: Path, network: str | None = None, **options):
        chosen = network_by_slug(network) if network else first_network()
        if chosen is None:
            raise CommandError(f"Fant ikke nettverket «{network}».")
        try:
            result = import_ocr(
                data=file.read_bytes(),
                filename=file.name,
                network=chosen,
                match_network_ids=networks_of_same_issuer(chosen),
            )
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
