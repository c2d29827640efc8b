"""What e2e scenarios share: logging in, checking accessibility and layout, reading sent email.

Import them in a scenario: `from tests.e2e.helpers import assert_accessible, login, last_email`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import URLResolver, get_resolver
from playwright.sync_api import Page, expect

# The password tests.factories.UserFactory gives every user.
PASSWORD = "correct horse battery staple"  # noqa: S105 - test users only

AXE_SOURCE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA: the level Norwegian public-sector web must meet (likestillings- og diskrimineringsloven).
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

_RUN_AXE = """async ({tags, exclude}) => {
  const context = exclude.length ? {include: [document], exclude: exclude.map((s) => [s])} : document;
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
  }));
}"""


def assert_accessible(page: Page, *, exclude: tuple[str, ...] = ()) -> None:
    """Run axe-core on the page as it is now; fail on any WCAG 2.1 A/AA violation, listing each.

    `exclude` takes CSS selectors of parts that are not ours to fix (none so far). Call it again
    after anything changes the page (an htmx swap, an error summary, a dialog).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SOURCE))
    violations = page.evaluate(_RUN_AXE, {"tags": list(WCAG_21_AA), "exclude": list(exclude)})
    if violations:
        lang = page.evaluate("() => document.documentElement.lang")
        raise AssertionError(format_violations(violations, url=page.url, lang=lang))


def format_violations(violations: list[dict], *, url: str, lang: str) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {url} (lang={lang!r}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


_OVERFLOW = """() => {
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const culprits = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (e.getBoundingClientRect().right <= window.innerWidth + 1) continue;
    const position = getComputedStyle(e).position;
    let clipped = false;  // inside a box that scrolls or clips (a .table-wrap): not the page's problem
    if (position !== 'absolute' && position !== 'fixed') {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
      }
    }
    if (!clipped) culprits.push(name(e) + (position === 'absolute' ? ' (position: absolute)' : '') + ' in ' + name(e.parentElement));
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, culprits: culprits.slice(0, 5)};
}"""


def assert_no_horizontal_scroll(page: Page) -> None:
    """The page fits its viewport's width (WCAG 1.4.10 Reflow at 320 CSS px; we test 375 and 1280)."""
    widths = page.evaluate(_OVERFLOW)
    assert widths["scroll"] <= widths["inner"], (
        f"{page.url} scrolls sideways at {widths['inner']} px: content is {widths['scroll']} px wide; "
        f"too wide: {', '.join(widths['culprits']) or '?'}"
    )


def ensure_verified_email(user) -> None:
    """allauth (ACCOUNT_EMAIL_VERIFICATION = mandatory) refuses a login until the address is verified."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def submit_login_form(page: Page, *, email: str, password: str, next_path: str | None = None) -> None:
    """Open allauth's login page and submit it (whatever the outcome)."""
    page.goto("/konto/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action$='/konto/login/'] [type=submit]").click()
    page.wait_for_load_state()


def login(page: Page, user, *, password: str = PASSWORD, next_path: str | None = None) -> None:
    """Log in through the real allauth form, as a person would; ends on the page after login."""
    ensure_verified_email(user)
    submit_login_form(page, email=user.email, password=password, next_path=next_path)
    expect(page.locator("form[action$='/konto/logout/']")).to_be_attached()


def last_email(*, to: str | None = None) -> mail.EmailMessage:
    """The last email sent (the live server runs in this process, so the locmem outbox sees it)."""
    messages = [m for m in mail.outbox if to is None or to in m.to]
    assert messages, f"no email sent{f' to {to}' if to else ''}; outbox: {[(m.to, m.subject) for m in mail.outbox]}"
    return messages[-1]


def links_in(message: mail.EmailMessage) -> list[str]:
    """The http(s) links in an email's text body (to follow an invitation or cancellation link)."""
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def focus_style(page: Page) -> dict:
    """How the focused element shows focus: its outline and box-shadow as computed."""
    return page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.getAttribute('aria-label') || '').trim(),"
        " outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow,"
        " focusVisible: e.matches(':focus-visible')}; }"
    )


def shows_focus(style: dict) -> bool:
    return (style["outlineStyle"] != "none" and style["outlineWidth"] >= 2) or style["boxShadow"] not in ("none", "")


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _names(patterns, namespace=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns, namespace + ((pattern.namespace,) if pattern.namespace else ()))
        elif pattern.name:
            yield ":".join((*namespace, pattern.name))


@cache
def url_names() -> frozenset[str]:
    """Every named URL of the project ("namespace:name")."""
    return frozenset(_names(get_resolver().url_patterns))


def requires_pages(*names: str):
    """Skip a scenario, with the reason printed, on a branch where its pages are not built yet."""
    missing = [name for name in names if name not in url_names()]
    return pytest.mark.skipif(bool(missing), reason=f"pages not on this branch yet: {', '.join(missing)}")


def path_of(link: str) -> str:
    """The path (and query) of an absolute link from an email, to open it on the live server."""
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")
