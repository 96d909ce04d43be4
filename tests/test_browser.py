"""In the system's Chromium: the language selector, console errors, requests off the site."""
from __future__ import annotations

import pytest

from conftest import LANGS, SLUGS, prefix


def _switch_language(page, lang: str):
    """Open the header's language selector and choose ``lang``, as a reader does."""
    page.locator(".md-header__option .md-select button").first.click()
    link = page.locator(f".md-select__list a[hreflang='{lang}']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def test_switch_from_spanish_to_dutch_keeps_the_case(server, visit):
    page = visit.page
    page.goto(f"{server}es/cases/acogida-colombia/")
    assert page.locator("html").get_attribute("lang") == "es"
    spanish_title = page.locator("article.case h1").inner_text()
    _switch_language(page, "nl")
    assert page.url == f"{server}nl/cases/acogida-colombia/"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("article.case").get_attribute("data-case") == "acogida-colombia"
    assert page.locator("article.case h1").inner_text() != spanish_title
    assert page.locator("#case-facts").inner_text() == "Feiten in een oogopslag"
    assert visit.failed == []
    assert visit.console_errors == []
    assert visit.off_site() == []


@pytest.mark.parametrize("lang", LANGS)
def test_pages_make_no_request_off_the_site_and_log_no_errors(server, visit, lang):
    page = visit.page
    for path in ("", "cases/", f"cases/{SLUGS[0]}/"):
        page.goto(f"{server}{prefix(lang)}{path}", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == lang
    # search loads its interface, index and worker from the site too
    page.fill("#site-search-query", "partner")
    with page.expect_navigation():
        page.press("#site-search-query", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert visit.failed == []
    assert visit.console_errors == []
    assert visit.off_site() == [], "requests left 127.0.0.1"
    assert any(f"{server}{prefix(lang)}pagefind/wasm.{lang}." in url for url in visit.requests)


def test_every_case_switches_between_all_languages(server, visit):
    page = visit.page
    for slug in SLUGS:
        page.goto(f"{server}cases/{slug}/")
        for lang in ("es", "nl", "en"):
            _switch_language(page, lang)
            assert page.url == f"{server}{prefix(lang)}cases/{slug}/"
            assert page.locator("html").get_attribute("lang") == lang
    assert visit.failed == []
    assert visit.console_errors == []
