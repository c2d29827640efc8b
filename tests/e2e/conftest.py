"""End-to-end tests: Playwright drives Debian's Chromium against the app on a live server (PostgreSQL).

Every test here is marked `e2e` and skipped, with the reason printed, when Chromium is missing.
The live server runs in this process (a thread), so the test's database, settings and the locmem
mail outbox are the server's too. Helpers for scenarios are in tests/e2e/helpers.py.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.helpers import AXE_SOURCE
from tests.i18n.catalogues import compile_catalogues

# Playwright's sync API runs an event loop in the main thread; Django then refuses ORM calls from
# the test body unless told that this is safe (it is: tests only, one thread per connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

E2E_DIR = Path(__file__).parent


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install -y chromium; .ci/run does)"
    if not AXE_SOURCE.exists():
        return f"needs the front-end packages ({AXE_SOURCE} is missing): npm ci (make install does)"
    return None


def pytest_collection_modifyitems(config, items):
    missing = _missing()
    for item in items:
        if E2E_DIR not in Path(str(item.fspath)).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if missing:
            item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    """Every page starts on the live server, in Norwegian, at desktop width; `page.goto('/')` works."""
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "nb-NO",
        "timezone_id": "Europe/Oslo",
        "viewport": {"width": 1280, "height": 800},
        # axe-core is injected as a script; a Content-Security-Policy must not block the test tool.
        "bypass_csp": True,
    }


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    reason = compile_catalogues()
    if reason:
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    """Tests run with DEBUG off (secure cookies); the live server speaks plain http on 127.0.0.1."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _empty_outbox(mailoutbox):
    """Each scenario starts with no email sent (pytest-django's locmem outbox)."""
    return mailoutbox


@pytest.fixture
def page(page):
    """Fail fast: a page that does not answer in 10 s is broken, not slow."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    return page


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(settings, live_server):
    """Links in emails (invitations, cancellations) are built from SITE_URL: point it at the live server."""
    settings.SITE_URL = live_server.url
