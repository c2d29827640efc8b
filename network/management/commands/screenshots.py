"""Screenshots of the main pages for the README (docs/screenshots/), at desktop and phone width.

    python manage.py screenshots                       # serves the configured database itself
    python manage.py screenshots --base-url http://127.0.0.1:8000   # a running server (same database)
    python manage.py screenshots --page front-page --lang en

Uses Playwright with Debian's Chromium (/usr/bin/chromium, or $CHROMIUM). Pages that need a
login get a session of a demo user (coordinator / member contact) without a password. A page
that does not exist yet (its URL does not resolve, or there is no object to show) is skipped with
a message, so the command works on every branch; add a page with one `Shot` in SHOTS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from members.networks import network_by_slug, using_network
from members.roles import COORDINATOR_GROUP
from network import demo_networks

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (1280, 375)
MAX_HEIGHT = 1800  # a long list is cut here: the README shows the top of a page


class PageMissing(Exception):
    """The page or the object it shows is not there (yet): skip it."""


def _url(name: str, *args) -> Callable[[], str]:
    return lambda: reverse(name, args=args)


def _in_network(slug: str, name: str) -> Callable[[], str]:
    """The page `name` in the network `slug` (/<slug>/…)."""

    def url() -> str:
        network = network_by_slug(slug)
        if network is None:
            raise PageMissing(f"no network {slug} in the database (run seed_demo)")
        with using_network(network):
            return reverse(name)

    return url


def _latest(app_label: str, model_name: str, url_name: str | None = None, **preferred) -> Callable[[], str]:
    """The URL of the newest object of a model, preferring those matching `preferred` (its
    get_absolute_url, or `url_name` with its pk)."""

    def url() -> str:
        model = apps.get_model(app_label, model_name)
        objects = model._default_manager.order_by("-pk")
        obj = (objects.filter(**preferred).first() if preferred else None) or objects.first()
        if obj is None:
            raise PageMissing(f"no {model._meta.verbose_name} in the database (run seed_demo)")
        if url_name:
            return reverse(url_name, args=[obj.pk])
        return obj.get_absolute_url()

    return url


def _member_page() -> str:
    """The coordinator's page of a member in its notice period (the demo's Notodden), else of any member."""
    from members.models import Membership

    membership = (
        Membership.objects.filter(status=Membership.Status.NOTICE).order_by("pk").first()
        or Membership.objects.order_by("pk").first()
    )
    if membership is None:
        raise PageMissing("no membership in the database (run seed_demo)")
    return reverse("dashboard:member_detail", args=[membership.organisation_id])


@dataclass(frozen=True)
class Shot:
    name: str  # file name stem: docs/screenshots/<name>-<width>.png
    url: Callable[[], str]  # raises PageMissing / NoReverseMatch / LookupError when the page is not there
    who: str | None = None  # None (anonymous), "coordinator" or "contact"
    login: Callable[[], str] | None = None  # the email of the user to be, where not the first of `who`
    pdf: bool = False  # the URL answers a PDF: its first page is rendered with pdftoppm instead


SHOTS = [
    Shot("front-page", _url("home")),
    Shot("dashboard", _url("dashboard:home"), who="coordinator"),
    Shot("member", _member_page, who="coordinator"),
    Shot("portal-home", _url("members:portal_home"), who="contact"),
    Shot("invoice", _latest("billing", "Invoice", "billing:invoice_detail"), who="coordinator"),
    Shot("invoice-pdf", _latest("billing", "Invoice", "billing:invoice_pdf"), who="coordinator", pdf=True),
    Shot("agenda", _latest("governance", "Meeting", status="agenda_published"), who="contact"),
    Shot("events", _url("activities:public_events")),
    Shot("network-terms", _url("dashboard:network_terms"), who="coordinator"),
    Shot(
        "cluster-dashboard",
        _in_network(demo_networks.SCREENSHOT_CLUSTER, "dashboard:home"),
        who="coordinator",
        login=demo_networks.cluster_coordinator_email,
    ),
    Shot(
        "network-switch",
        _url("members:portal_home"),
        who="contact",
        login=demo_networks.shared_contact_email,
    ),
]


def find_user(who: str, *, coordinator_email: str | None = None):
    User = get_user_model()
    users = User.objects.filter(is_active=True).order_by("pk")
    if who == "coordinator":
        if coordinator_email:
            return users.filter(email__iexact=coordinator_email).first()
        return users.filter(groups__name=COORDINATOR_GROUP).order_by("-is_staff", "pk").first()
    if who == "contact":
        from members.models import ContactRole, Membership

        role = (
            ContactRole.objects.filter(
                person__user__is_active=True,
                organisation__memberships__status=Membership.Status.ACTIVE,
            )
            .select_related("person__user")
            .order_by("pk")
            .first()
        )
        return role.person.user if role else None
    raise ValueError(who)


def session_cookie(user) -> dict:
    """A logged-in session for `user` in the configured session store (as the test client's force_login)."""
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def take_screenshots(
    browser,
    *,
    base_url: str,
    output: Path,
    names: list[str] | None = None,
    lang: str = "nb",
    widths: tuple[int, ...] = WIDTHS,
    coordinator_email: str | None = None,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """Screenshot each page of SHOTS (or those in `names`) with `browser`; returns the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    suffix = "" if lang == settings.LANGUAGE_CODE else f"-{lang}"
    for shot in SHOTS:
        if names and shot.name not in names:
            continue
        try:
            with translation.override(lang):
                path = shot.url()
        except (NoReverseMatch, LookupError, PageMissing, ObjectDoesNotExist, AttributeError) as why:
            say(f"skipped {shot.name}: not there yet ({why})")
            continue
        cookies = []
        if shot.who:
            try:
                user = (
                    get_user_model().objects.filter(email__iexact=shot.login(), is_active=True).first()
                    if shot.login
                    else find_user(shot.who, coordinator_email=coordinator_email)
                )
            except (LookupError, ObjectDoesNotExist) as why:  # the demo's login is not in this database
                say(f"skipped {shot.name}: not there yet ({why})")
                continue
            if user is None:
                say(f"skipped {shot.name}: no active {shot.who} user (run seed_demo)")
                continue
            cookies.append({**session_cookie(user), "url": base_url})
        for width in widths:
            context = browser.new_context(
                base_url=base_url, viewport={"width": width, "height": 900}, locale="nb-NO", timezone_id="Europe/Oslo"
            )
            try:
                if cookies:
                    context.add_cookies(cookies)
                target = output / f"{shot.name}{suffix}-{width}.png"
                if shot.pdf:
                    _pdf_first_page(context, path, target, width=width)
                else:
                    page = context.new_page()
                    response = page.goto(path, wait_until="networkidle")
                    if response is None or response.status >= 400:
                        say(f"skipped {shot.name}: {path} answered {response.status if response else 'nothing'}")
                        break
                    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                    if overflow > 0:
                        say(f"warning: {shot.name} scrolls sideways by {overflow} px at {width} px")
                    height = page.evaluate("() => document.documentElement.scrollHeight")
                    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)}
                    page.screenshot(path=str(target), full_page=True, clip=clip)
                written.append(target)
                say(f"wrote {target}")
            finally:
                context.close()
    return written


def _pdf_first_page(context, path: str, target: Path, *, width: int) -> None:
    """Chromium headless shows no PDFs: fetch it with the session and render page 1 with poppler."""
    response = context.request.get(path)
    if not response.ok or not response.body().startswith(b"%PDF"):
        raise CommandError(f"{path} answered {response.status} {response.headers.get('content-type')}, not a PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise CommandError("pdftoppm (poppler-utils) is needed to picture a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        pdf.write_bytes(response.body())
        subprocess.run(  # noqa: S603 - fixed program, our own temporary file names
            [pdftoppm, "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to-x", str(width), "-scale-to-y", "-1"]
            + [str(pdf), str(target.with_suffix(""))],
            check=True,
            capture_output=True,
        )


class _Server:
    """This project served from a thread on 127.0.0.1 (static files from the finders), for live data."""

    def __enter__(self) -> str:
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
        from django.core.wsgi import get_wsgi_application

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        self.server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
        self.server.set_app(StaticFilesHandler(get_wsgi_application()))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        connections.close_all()


class Command(BaseCommand):
    help = "Screenshots of the main pages (desktop and phone width) into docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="A running server to use (same database); default: serve it here.")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))
        parser.add_argument(
            "--page", action="append", dest="pages", choices=[s.name for s in SHOTS], help="Only these."
        )
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument("--width", action="append", type=int, dest="widths", help=f"Default: {WIDTHS}.")
        parser.add_argument("--coordinator", help="Email of the coordinator to show pages as (default: the first).")

    def handle(self, *args, base_url, output, pages, lang, widths, coordinator, **options):
        if not Path(CHROMIUM).exists():
            raise CommandError(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)")
        from playwright.sync_api import sync_playwright

        # Playwright's sync API runs an event loop in this thread; the ORM calls here are still synchronous.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        plain_http = override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False)
        with plain_http, nullcontext(base_url) if base_url else _Server() as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                written = take_screenshots(
                    browser,
                    base_url=url.rstrip("/"),
                    output=Path(output),
                    names=pages,
                    lang=lang,
                    widths=tuple(widths or WIDTHS),
                    coordinator_email=coordinator,
                    say=self.stdout.write,
                )
            finally:
                browser.close()
        self.stdout.write(self.style.SUCCESS(f"{len(written)} screenshot(s) in {output}"))
