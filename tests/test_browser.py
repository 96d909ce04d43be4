"""In the system's Chromium: the language selector, console errors, requests off the site.
Titles, headings and the search word come from the cases' texts and the UI strings."""
from __future__ import annotations

import re

import pytest

from casekit import layout, project, yamlines
from conftest import DEFAULT, LANGS, ROOT, SLUGS, WIDTHS, Visit, new_context, overflow, prefix, press, unseen, wait_for

STRINGS = project.strings_for(ROOT)
# each language and the next one in the registry (the last and the first, round the end)
PAIRS = list(zip(LANGS, LANGS[1:] + LANGS[:1], strict=True)) if len(LANGS) > 1 else []


def _facts(slug) -> dict:
    return yamlines.load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")).data


def _title(slug, lang) -> str:
    """The title a case's page in ``lang`` shows: its text in ``lang``, else the original's."""
    facts = _facts(slug)
    for candidate in (lang, facts.get("original_language"), DEFAULT):
        if candidate != facts.get("original_language") and candidate in (facts.get("pending") or []):
            continue  # a draft: not published
        path = ROOT / "docs/cases" / slug / layout.text_filename(candidate, DEFAULT)
        if path.is_file():
            front, _body, _line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
            return yamlines.load(front).data["title"]
    raise AssertionError(f"{slug} has no text")


def _switch_language(page, lang: str, width: str | None = None):
    """Open the header's language selector and choose ``lang``, as a reader does: at ``width``
    (a key of WIDTHS) by a tap on a phone and a click on a desktop, once the button and the
    language's link are on the screen, under nothing."""
    button = page.locator(".md-header__option .md-select button").first
    if width:
        assert not unseen(page, button), f"the language button at a {width}'s width: {unseen(page, button)}"
    press(button, width)
    link = page.locator(f".md-select__list a[hreflang='{lang}']")
    link.wait_for(state="visible")
    if width:
        # the menu fades in: its link is on the screen once it is opaque
        wait_for(page, "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
        assert not unseen(page, link), f"{lang} in the menu at a {width}'s width: {unseen(page, link)}"
    with page.expect_navigation():
        press(link, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang,other", PAIRS)
def test_switch_language_keeps_the_case(server, browser, lang, other, width):
    slug = SLUGS[0]
    context = new_context(browser, width)
    visit = Visit(context.new_page())
    page = visit.page
    try:
        page.goto(f"{server}{prefix(lang)}cases/{slug}/")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article.case h1").inner_text() == _title(slug, lang)
        _switch_language(page, other, width)
        assert page.url == f"{server}{prefix(other)}cases/{slug}/"
        assert page.locator("html").get_attribute("lang") == other
        assert page.locator("article.case").get_attribute("data-case") == slug
        assert page.locator("article.case h1").inner_text() == _title(slug, other)
        assert page.locator("#case-facts").inner_text() == STRINGS(other)("facts.heading")
        assert overflow(page) == 0, f"the page is {overflow(page)} px wider than a {width}'s screen"
    finally:
        context.close()
    assert visit.failed == []
    assert visit.console_errors == []
    assert visit.off_site() == []


@pytest.mark.parametrize("lang", LANGS)
def test_pages_make_no_request_off_the_site_and_log_no_errors(server, visit, lang):
    page = visit.page
    for path in ("", "cases/", f"cases/{SLUGS[0]}/"):
        page.goto(f"{server}{prefix(lang)}{path}", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == lang
    # search loads its interface, index and worker from the site too: look for the longest word
    # of the first case's title
    word = max(re.findall(r"\w+", _title(SLUGS[0], lang)), key=len)
    page.fill("#site-search-query", word)
    with page.expect_navigation():
        page.press("#site-search-query", "Enter")
    page.wait_for_selector(".site-search-result a", timeout=15000)
    assert visit.failed == []
    assert visit.console_errors == []
    assert visit.off_site() == [], "requests left 127.0.0.1"
    # Material's request of <alternate>/sitemap.xml is cancelled before it is sent (main.html)
    assert [url for url in visit.requests if url.endswith("sitemap.xml")] == []
    assert any(f"{server}{prefix(lang)}pagefind/wasm.{lang}." in url for url in visit.requests)


def test_every_case_switches_between_all_languages(server, visit):
    if len(LANGS) < 2:
        pytest.skip("the site is built in one language: there is no language to switch to")
    page = visit.page
    for slug in SLUGS:
        page.goto(f"{server}cases/{slug}/")
        for lang in LANGS[1:] + LANGS[:1]:  # every other language, then back to the default
            _switch_language(page, lang)
            assert page.url == f"{server}{prefix(lang)}cases/{slug}/"
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("article.case h1").inner_text() == _title(slug, lang)
    assert visit.failed == []
    assert visit.console_errors == []
