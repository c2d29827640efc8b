"""Measure the figures of issue 10 on a synthetic data set and print them as one table.

Runs against a database whose name contains "bench" (make bench creates it), never the real one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from network.bench import dataset, pages
from network.bench.results import Result, table, write_json

# Areas that add their own measurements: module path → function(context, options) -> list[Result].
AREAS = ["billing.bench"]


class Command(BaseCommand):
    help = "Benchmark: dues run, PDF/EHF, OCR import, page latency and queries per page."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1000, help="members for the page benchmark")
        parser.add_argument("--seconds", type=int, default=30, help="load duration per page")
        parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
        parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results" / "latest.json"))

    def handle(self, *args, members, seconds, clients, quick, output, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(f"Refusing to run on database {name!r}: use a database named *bench* (make bench).")
        if quick:
            members, seconds = min(members, 100), min(seconds, 3)
        today = timezone.localdate()
        call_command("migrate", verbosity=0)
        if not connection.vendor == "postgresql":
            self.stderr.write("Warning: not PostgreSQL; figures do not compare with production.")
        self.stdout.write(f"Building {members} synthetic members …")
        context = dataset.build_members(members, today=today)
        context.update(today=today, quick=quick)

        results: list[Result] = []
        for module_path in AREAS:
            try:
                module = importlib.import_module(module_path)
            except ModuleNotFoundError:
                self.stdout.write(f"({module_path} not present: skipped)")
                continue
            results += module.measure(context, stdout=self.stdout)

        page_set = {
            "front page": (reverse("home"), None),
            "coordinator dashboard": (reverse("dashboard:home"), context["coordinator"]),
            "member list": (reverse("dashboard:member_list"), context["coordinator"]),
        }
        page_set.update(self._optional_pages(context))
        self.stdout.write("Counting queries per page …")
        results += pages.queries_per_page(page_set)
        self.stdout.write(f"Load: {clients} clients × {seconds} s per page …")
        results += pages.latency(page_set, seconds=seconds, clients=clients)

        self.stdout.write("")
        self.stdout.write(table(results))
        write_json(results, Path(output), settings={"members": members, "seconds": seconds, "clients": clients,
                                                    "database": connection.vendor})
        self.stdout.write(f"\nWritten to {output}")

    def _optional_pages(self, context) -> dict:
        """Pages of capabilities that may not be installed in this checkout."""
        from django.urls import NoReverseMatch

        found = {}
        for label, name, user in (
            ("portal home", "members:portal_home", context["contact"]),
            ("invoice list", "billing:invoice_list", context["billing_admin"]),
        ):
            try:
                found[label] = (reverse(name), user)
            except NoReverseMatch:
                self.stdout.write(f"({label}: page not present, skipped)")
        return found
