"""In a real browser, the Content-Security-Policy blocks nothing on our pages (no violations)."""

import os
import shutil

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True, scope="session")
def _django_db_under_playwright():
    """Playwright's sync API keeps an event loop running in the main thread for the rest of the
    session; Django's ORM is still only used synchronously, so its async guard must stand down."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use the system Chromium when Playwright's own browser is not downloaded."""
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    return {**browser_type_launch_args, "executable_path": system} if system else browser_type_launch_args


@pytest.fixture
def csp_violations(page):
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/",
        "/konto/login/",
        "/konto/password/reset/",
    ],
)
def test_page_loads_without_csp_violations(live_server, page, csp_violations, path):
    response = page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert "Content-Security-Policy" in {name.title() for name in response.headers}
    assert csp_violations == []
