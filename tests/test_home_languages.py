"""The home page of each language offers the other languages in words ("Also in: …"), each
language's name in that language, marked with its lang, dir and hreflang, leading to that
language's home page: the languages of the registry, in its order."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from casekit import project, views
from conftest import LANGS, ROOT, prefix

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
