"""Measure the figures of issue 10 on synthetic data and print them as one table.

Two parts, each on a fresh database whose name contains "bench" (make bench runs both):
  --part dues   the dues run on real Celery workers (372 members with 1 and 2 workers, then
                --large members), PDF/EHF per invoice, OCR import of 20,000 records;
  --part pages  page latency under load and queries per page with a five-year history
                (--members members, their dues invoices and payments, 200 meetings).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from network.operations.bench import billing as billing_bench
from network.operations.bench import dataset, history, pages
from network.operations.bench.results import Result, table, write_json


class Command(BaseCommand):
    help = "Benchmark: dues run, PDF/EHF, OCR import, page latency and queries per page."

    def add_arguments(self, parser):
        parser.add_argument("--part", choices=["dues", "pages", "report"], required=True)
        parser.add_argument("--members", type=int, default=1000, help="members for the page benchmark")
        parser.add_argument("--dues-members", type=int, default=372, help="members of the small dues run")
        parser.add_argument("--large", type=int, default=20_000, help="members of the large dues run (0: skip)")
        parser.add_argument("--ocr-records", type=int, default=20_000)
        parser.add_argument("--seconds", type=int, default=30, help="load duration per page")
        parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results" / "latest.json"))

    def handle(self, *args, part, output, **options):
        output = Path(output)
        if part == "report":
            payload = json.loads(output.read_text())
            self.stdout.write(table([Result(**r) for r in payload["results"]]))
            return
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(f"Refusing to run on database {name!r}: use a database named *bench* (make bench).")
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL (make bench sets it up).")
        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        results = self._dues(today, **options) if part == "dues" else self._pages(today, **options)
        # The other part's figures stay in the file, so either part can be run again alone.
        previous = json.loads(output.read_text())["results"] if output.exists() else []
        areas = {r.area for r in results}
        merged = [Result(**r) for r in previous if r["area"] not in areas] + results
        write_json(merged, output, settings={k: options[k] for k in ("members", "dues_members", "large",
                                                                     "ocr_records", "seconds", "clients")})
        self.stdout.write("")
        self.stdout.write(table(merged))
        self.stdout.write(f"\nWritten to {output}")

    def _dues(self, today, *, dues_members, large, ocr_records, **options) -> list[Result]:
        self.stdout.write(f"Building {dues_members} synthetic members …")
        context = dataset.build_members(dues_members, today=today)
        context["today"] = today
        results = billing_bench.measure_dues_run(context, stdout=self.stdout, large=large)
        results += billing_bench.measure_documents(stdout=self.stdout)
        results += billing_bench.measure_ocr_import(stdout=self.stdout, records=ocr_records)
        return results

    def _pages(self, today, *, members, seconds, clients, **options) -> list[Result]:
        self.stdout.write(f"Building {members} synthetic members and their history …")
        context = dataset.build_members(members, today=today)
        built = history.build_history(today=today, stdout=self.stdout)
        self.stdout.write(f"  {built['invoices']} invoices and credit notes, {built['meetings']} meetings")
        # A running database has planner statistics (autovacuum gathers them); a fresh bulk load has none
        # yet, and without them PostgreSQL picks nested loops over 1,000-row tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # A fresh database starts its history ids afresh: pages cached by an earlier run must not match.
        cache.clear()
        page_set = {
            "front page": (reverse("home"), None),
            "portal home": (reverse("members:portal_home"), context["contact"]),
            "invoice list": (reverse("billing:invoice_list"), context["billing_admin"]),
            "coordinator dashboard": (reverse("dashboard:home"), context["coordinator"]),
        }
        self.stdout.write("Counting queries per page …")
        results = pages.queries_per_page(page_set)
        self.stdout.write("Milliseconds per request in this process …")
        results += pages.in_process(page_set)
        self.stdout.write(f"Load: {clients} clients × {seconds} s per page …")
        return results + pages.latency(page_set, seconds=seconds, clients=clients)
