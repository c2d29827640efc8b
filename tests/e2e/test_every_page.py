"""Every page reachable without arguments meets WCAG 2.1 AA and fits a phone, in both languages.

The pages are found in the URLconf when the test runs, so pages merged later are checked too:
every named URL that reverses without arguments (except the admin, set_language, healthz and
logout), visited as a visitor, the coordinator and a member contact, at 375 px, in nb and en.
Pages that need an object (an invoice, a meeting) are checked by their scenarios; pages that
refuse the person (403/404, R12) are left to the access tests; a 5xx is a failure.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import Page

from tests.e2e.helpers import assert_accessible, assert_no_horizontal_scroll, login, url_names
from tests.factories import MembershipFactory

pytestmark = pytest.mark.e2e

SKIPPED_NAMESPACES = {"admin"}  # Django's own admin is not ours to fix
SKIPPED_NAMES = {"set_language", "healthz", "account_logout"}  # a POST target, a probe, and logging out


def pages_without_arguments(language: str) -> list[tuple[str, str]]:
    found = {}
    with translation.override(language):
        for name in sorted(url_names()):
            if name in SKIPPED_NAMES or name.split(":")[0] in SKIPPED_NAMESPACES:
                continue
            try:
                found.setdefault(reverse(name), name)
            except NoReverseMatch:
                continue  # needs arguments
    return sorted((name, path) for path, name in found.items())


@pytest.fixture
def network(transactional_db):
    return [MembershipFactory(organisation__name=name) for name in ("Bærum", "Asker", "Vestland")]


def check_pages(page: Page, language: str) -> tuple[list[str], list[str]]:
    problems, visited = [], []
    seen = set()
    for name, path in pages_without_arguments(language):
        # Ask first (with the page's cookies): a refusal (403/404/405: not for this person, R12),
        # a file or an htmx fragment is not a page to check; a server error is a problem.
        answer = page.request.get(path)
        final = urlsplit(answer.url).path
        if answer.status >= 500:
            problems.append(f"{name} ({path}): answered {answer.status}")
            continue
        content_type = answer.headers.get("content-type") or ""
        if answer.status >= 400 or "text/html" not in content_type or "<html" not in answer.text()[:500]:
            continue
        if final in seen:
            continue  # e.g. several pages that send a visitor to the login page
        seen.add(final)
        page.goto(path)
        visited.append(final)
        for check in (assert_no_horizontal_scroll, assert_accessible):
            try:
                check(page)
            except AssertionError as failure:
                problems.append(f"{name} ({path} → {final}):\n{failure}")
    return problems, visited


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("who", ["visitor", "coordinator", "member_contact"])
def test_every_page_without_arguments_is_accessible_and_fits_a_phone(page: Page, request, network, who, language):
    if who != "visitor":
        user = request.getfixturevalue(who)
        if who == "coordinator":
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        login(page, user)
    page.set_viewport_size({"width": 375, "height": 800})

    problems, visited = check_pages(page, language)

    assert visited, "no page was checked"
    assert not problems, f"{len(problems)} problem(s) as {who} in {language} on {len(visited)} page(s):\n\n" + (
        "\n\n".join(problems)
    )
