"""The home page of each language offers the other languages in words ("Also in: …"), each
language's name in that language, marked with its lang, dir and hreflang, leading to that
language's home page: the languages of the registry, in its order. In a browser, on a phone
(by touch) and on a desktop, each of those links is on the screen once scrolled to and not
under another element, and following it opens that language's home page."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from casekit import project, views
from conftest import LANGS, ROOT, WIDTHS, new_context, overflow, prefix, press, unseen

STRINGS = project.strings_for(ROOT)
PAGE_ROOT = "http://site.test/"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_names_the_other_languages(site, lang):
    names = project.language_names(ROOT)
    soup = site.soup(prefix(lang))
    line = soup.select(".home-languages")
    assert len(line) == 1, "one line offers the other languages"
    line = line[0]
    assert line.get_text(" ", strip=True).startswith(STRINGS(lang)("home.also_in"))
    links = line.select("a")
    others = [other for other in LANGS if other != lang]
    assert [link["hreflang"] for link in links] == others
    for link, other in zip(links, others, strict=True):
        assert link.get_text(strip=True) == names[other]
        assert link["lang"] == other and link["dir"] == views.text_direction(other)
        assert urljoin(PAGE_ROOT + prefix(lang), link["href"]) == PAGE_ROOT + prefix(other)


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_home_page_has_the_line(site, lang):
    for page in ("cases/", "tags/", "404.html"):
        assert not site.soup(prefix(lang) + page).select(".home-languages"), page


@pytest.mark.skipif(len(LANGS) < 2, reason="one language: there is no other to offer")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_follows_the_line_to_another_language(server, browser, lang, width):
    names = project.language_names(ROOT)
    others = [other for other in LANGS if other != lang]
    context = new_context(browser, width)
    page = context.new_page()
    try:
        for other in others:
            page.goto(server + prefix(lang))
            line = page.locator(".home-languages")
            assert line.is_visible() and line.inner_text().strip().startswith(STRINGS(lang)("home.also_in"))
            assert [link.get_attribute("hreflang") for link in line.locator("a").all()] == others
            link = line.locator(f'a[hreflang="{other}"]')
            assert link.get_attribute("lang") == other and link.get_attribute("dir") == views.text_direction(other)
            assert link.inner_text().strip() == names[other]
            problems = unseen(page, link)
            assert not problems, f"{names[other]} on {lang}'s home page at a {width}'s width: {problems}"
            assert overflow(page) == 0, f"the page is {overflow(page)} px wider than a {width}'s screen"
            with page.expect_navigation():
                press(link, width)
            assert page.url == server + prefix(other)
            assert page.locator("html").get_attribute("lang") == other
            assert page.locator(f'.home-languages a[hreflang="{lang}"]').inner_text().strip() == names[lang]
    finally:
        context.close()
