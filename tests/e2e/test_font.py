"""The app ships Inter, the font Designsystemet's theme names: no page falls back to a serif."""

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e


def test_pages_are_set_in_the_shipped_inter_under_the_real_csp(browser: Browser, live_server, db):
    # A context of its own, without the suite's bypass_csp: the font must pass font-src 'self'.
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r) if "/static/vendor/inter/" in r.url else None)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/")
    page.evaluate("document.fonts.ready.then(() => true)")

    assert page.evaluate("""() => document.fonts.check('16px "Inter Variable"')""")
    family = page.evaluate("getComputedStyle(document.querySelector('h1') || document.body).fontFamily")
    assert family.startswith('"Inter Variable"'), family
    assert "serif" not in family.replace("sans-serif", ""), family
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Inter') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    statuses = {r.url.rsplit("/", 1)[-1]: r.status for r in responses}
    assert statuses.get("index.css") == 200, statuses
    assert any(name.endswith(".woff2") and status == 200 for name, status in statuses.items()), statuses
    assert violations == []
    context.close()
