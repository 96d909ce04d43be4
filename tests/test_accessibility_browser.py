"""Accessibility in Chromium: axe-core finds no WCAG 2.2 A/AA violation on any page type in any
language, on a phone and on a desktop; there is a skip link and a visible focus; the language
selector works by keyboard."""
from __future__ import annotations

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import LANGS, PAGE_TYPES, ROOT, SLUGS, THEME, WIDTHS, prefix

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VOCAB = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))
PAGES = PAGE_TYPES


def _query(lang: str) -> str:
    """A word every language's pages use: the first theme's label in that language."""
    return VOCAB["tags"][THEME]["label"][lang].split()[0].lower()


AXE = Axe()


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_wcag_violations(server, visit, lang, kind, width):
    page = visit.page
    page.set_viewport_size(WIDTHS[width])
    path = PAGES[kind] + (_query(lang) if kind == "search results" else "")
    page.goto(f"{server}{prefix(lang)}{path}", wait_until="networkidle")
    if kind == "catalogue with filters open":
        if page.locator("#case-filters").get_attribute("open") is None:  # a phone opens a shared link on its results
            page.locator("#case-filters > summary").click()
        assert page.locator("#case-filters").get_attribute("open") is not None
    if kind == "search results":
        page.wait_for_selector(".site-search-result a", timeout=15000)
    if kind == "results under the header's search field":
        page.locator("#site-search-query").press_sequentially(_query(lang), delay=20)
        page.wait_for_selector(".site-search-form .site-search-result__excerpt", timeout=15000)
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    if kind == "catalogue with filters open":  # where each control lands depends on the content:
        # the target sizes of the panel are checked on a fixture (test_catalogue_browser.py)
        options["rules"] = {"target-size": {"enabled": False}}
    results = AXE.run(page, options=options)
    violations = results.response["violations"]
    assert violations == [], _describe(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_and_visible_focus(server, visit, lang):
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip and skip.startswith("#")
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    # the focused element shows an outline or other visible focus style
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert style[0] != "none" or style[2] != "none", style


@pytest.mark.skipif(len(LANGS) < 2, reason="one language: there is no other to choose")
def test_language_selector_by_keyboard(server, visit):
    """From a case page in the second language of the registry, the keyboard reaches the last
    language in the selector and Enter opens the same case in it."""
    page = visit.page
    slug, source, target = SLUGS[-1], LANGS[1], LANGS[-1] if len(LANGS) > 2 else LANGS[0]
    page.goto(f"{server}{prefix(source)}cases/{slug}/")
    button = page.locator(".md-header__option .md-select button").first
    button.focus()
    # Material opens the list on focus within; Tab moves through the languages
    page.keyboard.press("Tab")
    for _ in range(len(LANGS)):
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == target:
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == target
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{server}{prefix(target)}cases/{slug}/"
