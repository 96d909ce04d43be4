"""Search in the reader's language: Pagefind, one index per language, with stemming."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import DEFAULT, LANGS, ROOT, SLUGS, prefix


def _t(lang):
    from casekit import project
    return project.strings_for(ROOT)(lang)


def _forms(lang) -> tuple:
    """(plural, singular) of one word in ``lang``, from its own UI strings (the facts box's
    "{count} organisations"), which every case page prints: a query and its stemmed form."""
    forms = _t(lang).get("facts.organisations")
    return tuple(forms[key].replace("{count}", "").strip() for key in ("other", "one"))


def _search(page, server, lang, query):
    page.goto(f"{server}{prefix(lang)}cases/")
    page.fill("#site-search-query", query)
    with page.expect_navigation():
        page.press("#site-search-query", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(300)
    return [urlparse(a.get_attribute("href")).path for a in page.locator(".pagefind-ui__result-link").all()]


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_pages_of_the_reader_language_only_with_stemming(site, server, visit, lang):
    query, other_form = _forms(lang)
    results = _search(visit.page, server, lang, query)
    assert results
    # stemming: the query also matched the other form of the word, in the reader's language
    marked = {m.lower() for m in visit.page.locator(".pagefind-ui__result mark").all_inner_texts()}
    assert other_form in marked, marked
    expected_prefix = f"/{prefix(lang)}"
    for path in results:
        assert path.startswith(expected_prefix + "cases/"), path
        if lang == DEFAULT:
            assert not path.startswith(tuple(f"/{prefix(other)}" for other in LANGS if other != DEFAULT)), path
    assert visit.page.url.startswith(f"{server}{prefix(lang)}search/?q=")
    assert visit.console_errors == []
    assert visit.off_site() == []


@pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")
def test_search_in_another_language_finds_its_case_and_no_default_page(server, visit):
    """A word of a case's title in the second language finds that case's page in that language."""
    from casekit import project
    lang = LANGS[1]
    collection = project.load(ROOT)
    written = [slug for slug in SLUGS if lang in collection.cases[slug].texts]
    if not written:
        pytest.skip(f"no case is written in {lang} yet")
    slug = written[0]
    query = max(collection.cases[slug].texts[lang].meta["title"].split(), key=len).strip(".,:;")
    results = _search(visit.page, server, lang, query)
    assert f"/{prefix(lang)}cases/{slug}/" in results
    assert all(path.startswith(f"/{prefix(lang)}") for path in results)


def test_search_box_is_labelled_in_the_page_language(site):
    for lang in LANGS:
        label = _t(lang)("search.label")
        soup = site.soup(f"{prefix(lang)}cases/")
        form = soup.select_one("form.site-search-form")
        assert form["role"] == "search"
        assert soup.select_one("label[for=site-search-query]").get_text(strip=True) == label
        assert form.select_one("button")["aria-label"]


def test_search_index_is_split_by_language(site):
    """One Pagefind bundle per language, next to its pages, holding that language only."""
    for lang in LANGS:
        bundle = site.path / prefix(lang) / "pagefind"
        names = {p.name for p in bundle.iterdir()}
        assert any(name.startswith(f"wasm.{lang}") for name in names), bundle
        assert any(name.startswith(f"pagefind.{lang}_") for name in names), bundle
        for other in LANGS:
            if other != lang:
                assert not any(name.startswith((f"wasm.{other}", f"pagefind.{other}_")) for name in names), (bundle, other)
        assert '"' + lang + '":{"hash"' in (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert not (site.path / "search" / "search_index.json").exists()


def test_search_indexes_a_case_but_not_its_links_to_other_cases_or_its_citation(site):
    """A query for one case's title finds that case, not every page that lists it as related."""
    slug = next((slug for slug in SLUGS if site.soup(f"cases/{slug}/").select_one(".case-related")), None)
    if slug is None:
        pytest.skip("no case has related cases (the collection is too small)")
    soup = site.soup(f"cases/{slug}/")
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None and body.name == "article"
    for selector in (".case-related", ".case-cite", ".case-toc"):
        assert body.select_one(selector).has_attr("data-pagefind-ignore"), selector
    ignored = body.select("[data-pagefind-ignore]")
    assert all(not section.select("h2#case-facts, h2#case-sources") for section in ignored)
    assert len(ignored) == 3
