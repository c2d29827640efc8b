"""Scenario 5: the language switch, and the public pages meet WCAG 2.1 AA in both languages."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    assert_accessible,
    assert_no_horizontal_scroll,
    dump,
    focus_style,
    shows_focus,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def members(transactional_db):
    return [MembershipFactory(organisation__name=name) for name in ("Bærum", "Asker", "Trøndelag fylkeskommune")]


def switch_language(page: Page, to_label: str) -> None:
    page.get_by_role("button", name=to_label).click()
    page.wait_for_load_state()


def test_language_switch_to_english_and_back_changes_lang_and_texts(page: Page, members):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=2)).to_have_text("3 medlemmer")
    expect(page.get_by_role("link", name="Hopp til hovedinnhold")).to_be_attached()

    switch_language(page, "English")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/" in page.url, page.url  # /en/<network>/
    expect(page.get_by_role("heading", level=2)).to_have_text("3 members")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    switch_language(page, "Norsk (bokmål)")

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert "/en/" not in page.url, page.url
    expect(page.get_by_role("heading", level=2)).to_have_text("3 medlemmer")
    expect(page.get_by_role("link", name="Logg inn")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/en/", "/konto/login/", "/en/konto/login/"])
def test_public_pages_have_no_wcag_21_aa_violations(page: Page, members, path):
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "en" if path.startswith("/en/") else "nb")

    assert_accessible(page)


def test_keyboard_user_skips_to_main_content_and_always_sees_focus(page: Page, members):
    page.goto("/")

    page.keyboard.press("Tab")
    first = focus_style(page)
    assert first["text"] == "Hopp til hovedinnhold", dump(first)
    assert shows_focus(first), f"the skip link has no visible focus: {dump(first)}"
    skip_link = page.get_by_role("link", name="Hopp til hovedinnhold")
    box = skip_link.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10 and box["y"] >= 0, f"skip link not shown on focus: {box}"

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # From the top again: every stop of the tab order shows where focus is.
    page.goto("/")
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        style = focus_style(page)
        if style["tag"] == "body":
            break
        seen.append(style)
        assert shows_focus(style), f"no visible focus on {dump(style)}"
    names = [s["text"] for s in seen]
    assert "Logg inn" in names and "English" in names, names


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_front_page_fits_the_screen_without_sideways_scroll(page: Page, members, width, path, output_path):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path)

    assert_no_horizontal_scroll(page)
    assert_accessible(page)  # e.g. a table that scrolls in its own box must be reachable by keyboard
    page.screenshot(path=f"{output_path}/front-page-{width}.png", full_page=True)


def test_a_table_too_wide_for_the_screen_gets_a_keyboard_stop_only_while_it_scrolls(page: Page, members):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.evaluate(
        """() => { document.querySelector('main').insertAdjacentHTML('beforeend',
        '<h2>Brede tall</h2><div class="table-wrap" id="wide"><table class="ds-table"><tr>'
        + '<th scope="col" style="min-width: 60rem">Beløp</th>'
        + '<td><a href="#">Endre<span class="ds-sr-only"> Bærum</span></a></td></tr></table></div>'
        + '<dl><dt>Video</dt><dd><a href="#">https://video.example.no/et-veldig-langt-moterom-uten-bindestrek</a></dd></dl>');
        window.dispatchEvent(new Event('resize')); }"""
    )
    wide = page.locator("#wide")

    expect(wide).to_have_attribute("tabindex", "0")
    expect(wide).to_have_attribute("role", "region")
    expect(wide).to_have_attribute("aria-label", "Brede tall")
    assert_no_horizontal_scroll(page)  # neither the visually hidden text in the box nor the long link widen the page
    assert_accessible(page)

    page.evaluate("() => { document.querySelector('#wide th').style.minWidth = '1rem'; }")
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    expect(wide).not_to_have_attribute("tabindex", "0")
    expect(wide).not_to_have_attribute("role", "region")


def test_a_wide_table_a_template_forgot_to_wrap_scrolls_in_its_own_box(page: Page, members):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.evaluate(
        """() => { document.querySelector('main').insertAdjacentHTML('beforeend',
        '<h2>Innbetalinger</h2><table class="ds-table" id="bare"><tr>'
        + '<th scope="col" style="min-width: 60rem">Beløp</th></tr></table>');
        window.dispatchEvent(new Event('resize')); }"""
    )

    expect(page.locator(".table-wrap > #bare")).to_be_attached()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_the_reflow_check_names_what_is_too_wide(page: Page, members):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p id=\"too-wide\" style=\"width: 60rem\">x</p>')"
    )

    with pytest.raises(AssertionError, match=r"scrolls sideways at 375 px.*p#too-wide in main#main\.site-main"):
        assert_no_horizontal_scroll(page)
