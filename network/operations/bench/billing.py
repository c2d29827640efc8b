"""Billing figures: the dues run on real Celery workers, PDF and EHF per invoice, OCR import.

The dues run is measured end to end: from starting the run until every invoice is issued
(number, KID), rendered as PDF and emailed to a local SMTP sink by the workers.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection, transaction

from billing.documents import pdf
from billing.documents.ehf import render_ehf
from billing.documents.ocr import ocr_giro_file
from billing.models import DuesRun, Invoice
from billing.services.payments import import_ocr, ocr_payments, record_ocr_file
from network.celery import app as celery_app

from . import dataset
from .results import Result, median, percentile

SMTP_PORT = 2525

# A mail server that accepts and discards every message, as a mail catcher would: asyncio reads each
# message whole, so the sink costs little CPU beside the workers it is measuring (Python's smtpd,
# used before, handled every line in Python, and is gone from Python 3.12).
SMTP_SINK = """
import asyncio

async def session(reader, writer):
    writer.write(b"220 bench sink\\r\\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb == b"DATA":
            writer.write(b"354 go ahead\\r\\n")
            await writer.drain()
            await reader.readuntil(b"\\r\\n.\\r\\n")
            writer.write(b"250 accepted\\r\\n")
        elif verb == b"EHLO":
            writer.write(b"250-bench sink\\r\\n250 8BITMIME\\r\\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\\r\\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 ok\\r\\n")
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", PORT, limit=64 * 1024 * 1024)
    await server.serve_forever()

asyncio.run(main())
""".replace("PORT", str(SMTP_PORT))


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Workers:
    """`count` Celery worker processes (pool solo) on Redis, sending mail to the local sink."""

    def __init__(self, count: int):
        self.count, self.processes = count, []

    def __enter__(self) -> Workers:
        celery = shutil.which("celery", path=os.path.dirname(sys.executable))
        # DEBUG off: a debug worker keeps every query in memory, which would inflate its peak.
        env = {**os.environ, "DATABASE_URL": _database_url(), "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
               "DEBUG": "false", "SECRET_KEY": settings.SECRET_KEY, "SECURE_SSL_REDIRECT": "false"}
        celery_app.control.purge()  # nothing left over from an earlier run
        for index in range(self.count):
            self.processes.append(subprocess.Popen(  # noqa: S603 — our own worker
                [celery, "-A", "network", "worker", "--pool=solo", "-l", "warning", "-n", f"bench{index}@%h",
                 "--without-heartbeat", "--without-gossip", "--without-mingle"],
                cwd=settings.BASE_DIR, env=env,
            ))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(celery_app.control.ping(timeout=0.5) or []) >= self.count:
                return self
        raise RuntimeError("Celery workers did not start")

    def peak_memory_mb(self) -> float:
        peak = 0
        for process in self.processes:
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        return peak / 1024

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _run_dues(year: int, workers: int, *, timeout: float) -> tuple[float, int, float]:
    from billing.tasks import run_dues

    with Workers(workers) as pool:
        started = time.perf_counter()
        run_dues.delay(year)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = DuesRun.objects.filter(year=year).first()
            if run and run.status == DuesRun.Status.DONE:
                pending = Invoice.objects.filter(dues_year=year, sent_at__isnull=True).count()
                if pending == 0:
                    break
            time.sleep(0.25)
        else:
            raise RuntimeError(f"dues run {year} did not finish within {timeout} s")
        elapsed = time.perf_counter() - started
        issued = Invoice.objects.filter(dues_year=year).count()
        if not issued:
            raise RuntimeError(f"the dues run {year} issued nothing: {DuesRun.objects.get(year=year).problems[:3]}")
        return elapsed, issued, pool.peak_memory_mb()


def measure_dues_run(context: dict, *, stdout, large: int) -> list[Result]:
    """372 members with 1 and 2 workers (dues years 2023 and 2024), then `large` members with 2 (2025)."""
    results = []
    celery_app.conf.task_always_eager = False
    sink = subprocess.Popen([sys.executable, "-c", SMTP_SINK])  # noqa: S603
    time.sleep(0.5)
    try:
        per_invoice = {}
        for year, workers in ((2023, 1), (2024, 2)):
            stdout.write(f"Dues run {year}: {len(context['organisations'])} members, {workers} worker(s) …")
            elapsed, issued, memory = _run_dues(year, workers, timeout=900)
            per_invoice[workers] = elapsed / issued
            target = "≤ 30 s" if workers == 2 else ""
            results += [
                Result("dues run", f"{issued} members, {workers} worker(s): total", elapsed, "s", target,
                       elapsed <= 30 if workers == 2 else None),
                Result("dues run", f"{issued} members, {workers} worker(s): rate", issued / elapsed, "invoices/s"),
                Result("dues run", f"{issued} members, {workers} worker(s): worker peak RSS", memory, "MB"),
            ]
        results.append(Result("dues run", "speed-up of 2 workers over 1", per_invoice[1] / per_invoice[2], "×"))
        if large:
            stdout.write(f"Adding members up to {large} …")
            dataset.build_members(large - len(context["organisations"]), today=context["today"], offset=100_000,
                                  allow_duplicate_numbers=True)
            stdout.write(f"Dues run 2025: {large} members, 2 workers …")
            elapsed, issued, memory = _run_dues(2025, 2, timeout=3 * 3600)
            ratio = (elapsed / issued) / per_invoice[2]
            results += [
                Result("dues run", f"{issued} members, 2 workers: total", elapsed, "s"),
                Result("dues run", f"{issued} members, 2 workers: rate", issued / elapsed, "invoices/s"),
                Result("dues run", f"{issued} members, 2 workers: worker peak RSS", memory, "MB"),
                Result("dues run", f"per-invoice cost {issued} vs 372", ratio, "×", "≤ 1.2", ratio <= 1.2),
            ]
    finally:
        sink.terminate()
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    return results


def measure_documents(*, stdout, samples: int = 50) -> list[Result]:
    invoices = list(Invoice.objects.filter(type=Invoice.Type.INVOICE).order_by("pk")[:samples])
    if not invoices:
        return []
    stdout.write(f"PDF and EHF for {len(invoices)} invoices …")
    pdf._weasy.cache_clear()
    started = time.perf_counter()
    pdf.render_pdf(invoices[0])
    first = (time.perf_counter() - started) * 1000
    warm = []
    for invoice in invoices:
        started = time.perf_counter()
        pdf.render_pdf(invoice)
        warm.append((time.perf_counter() - started) * 1000)
    naive = []
    for invoice in invoices[:10]:
        pdf._weasy.cache_clear()  # the baseline: fonts and stylesheet set up again for every invoice
        started = time.perf_counter()
        pdf.render_pdf(invoice)
        naive.append((time.perf_counter() - started) * 1000)
    ehf = []
    for invoice in invoices:
        started = time.perf_counter()
        render_ehf(invoice)
        ehf.append((time.perf_counter() - started) * 1000)
    return [
        Result("pdf", "first invoice (cold)", first, "ms"),
        Result("pdf", "median, warm", median(warm), "ms", "≤ 80", median(warm) <= 80),
        Result("pdf", "p95, warm", percentile(warm, 95), "ms"),
        Result("pdf", "baseline: fresh setup per invoice, median", median(naive), "ms"),
        Result("pdf", "warm vs baseline", median(naive) / median(warm), "×"),
        Result("ehf", "median per invoice", median(ehf), "ms"),
    ]


def _import_one_by_one(data: bytes) -> None:
    """The baseline: the OCR import as it was before batching, each payment saved on its own."""
    with transaction.atomic():
        ocr_import, transactions = record_ocr_file(data=data, filename="bench-one-by-one.ocr", by=None)
        for payment in ocr_payments(transactions, ocr_import=ocr_import, by=None):
            payment.save()


def measure_ocr_import(*, stdout, records: int = 20_000) -> list[Result]:
    invoices = list(Invoice.objects.filter(type=Invoice.Type.INVOICE).values_list("kid", "amount_ore")[:records])
    if not invoices:
        return []
    # As many records as asked: real KIDs first, then unknown ones (shown for review, never guessed).
    payments = [invoices[i % len(invoices)] if i < len(invoices) else (f"{90000000 + i}", 100) for i in range(records)]
    stdout.write(f"OCR import of {records} records, batched and one by one …")
    started = time.perf_counter()
    import_ocr(data=ocr_giro_file(payments, on=datetime.date(2025, 3, 1)), filename="bench.ocr")
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    _import_one_by_one(ocr_giro_file(payments, on=datetime.date(2025, 3, 2)))  # another day: another file
    baseline = time.perf_counter() - started
    return [Result("ocr import", f"{records} records", elapsed, "s"),
            Result("ocr import", "rate", records / elapsed, "records/s"),
            Result("ocr import", "baseline: one save per payment", baseline, "s"),
            Result("ocr import", "batched vs baseline", baseline / elapsed, "×")]
