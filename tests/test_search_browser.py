"""Search in the reader's language: Pagefind, one index per language, with stemming; results as
the reader types, under the header's field on every page (a field on a phone too, not only an
icon) and on the search page, whose address keeps the query; tags suggested for a misspelt
query; snippets from a case's text, not its facts box; the engine requested only once a field
has focus, its files at once; once a search has shown its results, the rest of the index in
the background (not when the reader asked to save data, nor over the build's cap). Every test runs in every language of the registry, on a phone
(390 px wide) and on a desktop."""
from __future__ import annotations

import contextlib
import http.server
import json
import re
import shutil
from urllib.parse import parse_qs, quote, urlparse

import pytest
from collection import SLUG, make_project, text_name, write_case

from conftest import DEFAULT, LANGS, ROOT, SLUGS, Site, build, prefix, serve, wait_for

WIDTHS = (390, 1280)
FIELD = "#site-search-query"  # the header's field, on every page but the search page
PAGE_FIELD = "#site-search-page-query"  # the search page's field
RESULT = ".site-search-result a"
CASE_PARTS_NOT_PROSE = ".case-facts, .case-tags, .case-sources, .case-related, .case-cite, .case-toc, .case-terms, .headerlink, [data-pagefind-ignore]"


def _t(lang):
    from casekit import project
    return project.strings_for(ROOT)(lang)


def _words(text: str) -> list:
    return re.findall(r"[^\W_]+", text.lower())


def _word(site, lang) -> str:
    """A word that finds a case in ``lang``: the longest word of the first case's title there."""
    title = site.soup(f"{prefix(lang)}cases/{SLUGS[0]}/").select_one("article.case h1").get_text()
    return max(re.findall(r"[^\W\d_]{4,}", title), key=len)


def _misspelt_tag(site, lang) -> tuple:
    """(a tag with cases, its label, a misspelling of the label's longest word: two letters
    swapped), from the tag index page of ``lang``."""
    tags = []
    for item in site.soup(f"{prefix(lang)}tags/").select("li[data-tag]"):
        if int(item.select_one(".tag-facet__count").get_text()) > 0:
            tags.append((item["data-tag"], item.select_one("a.md-tag").get_text(strip=True)))
    tag, label = max(tags, key=lambda entry: max(len(word) for word in re.findall(r"[^\W\d_]+", entry[1])))
    word = max(re.findall(r"[^\W\d_]+", label), key=len).lower()
    at = 1 if word[1] != word[2] else 2
    return tag, label, word[:at] + word[at + 1] + word[at] + word[at + 2:]


def _open(visit, url: str, width: int):
    visit.page.set_viewport_size({"width": width, "height": 800})
    visit.page.goto(url)
    return visit.page


def _type(page, selector: str, text: str):
    """Type ``text`` into an empty field key by key, as a reader does (no Enter)."""
    page.fill(selector, "")
    page.locator(selector).press_sequentially(text, delay=20)


def _prose(site, path: str) -> list:
    """The words of a case page's own text: title, summary and sections (not its facts box,
    tags, sources, related cases, citation or contents)."""
    article = site.soup(path).select_one("article.case")
    for part in article.select(CASE_PARTS_NOT_PROSE):
        part.decompose()
    return _words(article.get_text(" "))


def _contains(words: list, part: list) -> bool:
    return any(words[at:at + len(part)] == part for at in range(len(words) - len(part) + 1))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_search_field_is_visible_on_a_phone_and_a_desktop(server, visit, lang, width):
    for path, selector in ((f"cases/{SLUGS[0]}/", FIELD), ("search/", PAGE_FIELD)):
        page = _open(visit, f"{server}{prefix(lang)}{path}", width)
        field = page.locator(selector)
        assert field.is_visible(), (path, width)
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] >= 120, (path, box)
        # nothing covers it: a tap on its middle reaches the field
        assert page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.id", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]) \
            == selector[1:], path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_results_show_as_the_reader_types(site, server, visit, lang, width):
    word = _word(site, lang)
    case_url = f"{server}{prefix(lang)}cases/{SLUGS[0]}/"
    page = _open(visit, case_url, width)
    _type(page, FIELD, word)
    dropdown = page.locator(f".site-search-form {RESULT}").first
    dropdown.wait_for(state="visible", timeout=15000)
    assert page.url == case_url  # under the field, on the same page
    assert dropdown.evaluate("link => { const box = link.getBoundingClientRect(); return box.right <= innerWidth && box.left >= 0; }")
    # the search page shows them too, as the reader types
    page = _open(visit, f"{server}{prefix(lang)}search/", width)
    _type(page, PAGE_FIELD, word)
    page.locator(f".site-search-page {RESULT}").first.wait_for(state="visible", timeout=15000)
    paths = {urlparse(link.get_attribute("href")).path for link in page.locator(f".site-search-page {RESULT}").all()}
    assert paths and all(path.startswith(f"/{prefix(lang)}cases/") for path in paths), paths
    assert visit.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_search_page_keeps_the_query_in_its_address(site, server, visit, lang, width):
    word = _word(site, lang)
    page = _open(visit, f"{server}{prefix(lang)}search/", width)
    _type(page, PAGE_FIELD, word[:3])
    wait_for(page, "q => new URLSearchParams(location.search).get('q') === q", arg=word[:3], timeout=5000)
    page.locator(PAGE_FIELD).press_sequentially(word[3:], delay=20)
    wait_for(page, "q => new URLSearchParams(location.search).get('q') === q", arg=word, timeout=5000)
    assert urlparse(page.url).path == f"/{prefix(lang)}search/"
    # the address opens the same search: the field holds the query, the results are shown
    page.reload()
    assert page.locator(PAGE_FIELD).input_value() == word
    page.locator(RESULT).first.wait_for(state="visible", timeout=15000)
    page.fill(PAGE_FIELD, "")
    wait_for(page, "() => !new URLSearchParams(location.search).has('q')", timeout=5000)


@pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_the_query(site, server, visit, lang, width):
    other = next(code for code in LANGS if code != lang)
    word = _word(site, lang)
    page = _open(visit, f"{server}{prefix(lang)}search/", width)
    _type(page, PAGE_FIELD, word)
    wait_for(page, "q => new URLSearchParams(location.search).get('q') === q", arg=word, timeout=5000)
    page.locator(".md-header__option .md-select button").first.click()
    link = page.locator(f".md-select__list a[hreflang='{other}']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    assert urlparse(page.url).path == f"/{prefix(other)}search/"
    assert parse_qs(urlparse(page.url).query)["q"] == [word]
    assert page.locator(PAGE_FIELD).input_value() == word
    assert page.locator("html").get_attribute("lang") == other
    # the query is searched in the other language's index: results, or what to do about none
    page.locator(f"{RESULT}, .site-search-results__none").first.wait_for(state="visible", timeout=15000)
    assert visit.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_misspelt_query_suggests_the_close_tag(site, server, visit, lang, width):
    """Beside the closest words of the index and their results (see
    test_a_misspelt_word_is_answered_with_the_closest_word_and_its_results), a misspelt tag
    label offers that tag."""
    tag, label, misspelt = _misspelt_tag(site, lang)
    t = _t(lang)
    for path, field, box in ((f"cases/{SLUGS[0]}/", FIELD, ".site-search-form"), ("search/", PAGE_FIELD, ".site-search-page")):
        page = _open(visit, f"{server}{prefix(lang)}{path}", width)
        _type(page, field, misspelt)
        suggestion = page.locator(f"{box} a.site-search-suggestion", has_text=label)
        suggestion.wait_for(state="visible", timeout=15000)
        assert urlparse(suggestion.get_attribute("href")).path == f"/{prefix(lang)}tags/{tag}/"
        none = page.locator(f"{box} .site-search-results__none").first
        assert t("search.no_results", query=misspelt) in none.inner_text()
    with page.expect_navigation():
        page.locator("a.site-search-suggestion", has_text=label).click()
    assert urlparse(page.url).path == f"/{prefix(lang)}tags/{tag}/"
    assert visit.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_snippets_come_from_the_text_not_the_facts_box(site, server, visit, lang, width):
    """A query for the facts box's own words shows no snippet of a facts box; a word of a case's
    text shows a snippet of that text."""
    t = _t(lang)
    for query in (t("facts.implementing"), _word(site, lang)):
        page = _open(visit, f"{server}{prefix(lang)}search/?q={query}", width)
        page.locator(f"{RESULT}, .site-search-results__none").first.wait_for(state="visible", timeout=15000)
        wait_for(page, "() => [...document.querySelectorAll('.site-search-result')].every(item => item.querySelector('.site-search-result__excerpt'))",
                               timeout=15000)
        snippets = page.locator(".site-search-result").evaluate_all(
            "items => items.map(item => [new URL(item.querySelector('a').href).pathname, item.querySelector('.site-search-result__excerpt').textContent])")
        if query != t("facts.implementing"):
            assert snippets, query
        for path, snippet in snippets:
            words = _words(snippet)
            assert words and _contains(_prose(site, path.lstrip("/")), words), (query, path, snippet)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_search_makes_no_request_off_the_site_and_logs_no_error(site, server, visit, lang, width):
    page = _open(visit, f"{server}{prefix(lang)}cases/{SLUGS[0]}/", width)
    _type(page, FIELD, _word(site, lang))
    page.locator(f".site-search-form {RESULT}").first.wait_for(state="visible", timeout=15000)
    _type(page, FIELD, _misspelt_tag(site, lang)[2])
    page.locator(".site-search-form .site-search-results__none").wait_for(state="visible", timeout=15000)
    page.keyboard.press("Escape")
    assert page.locator(".site-search-form .site-search-results").is_hidden()
    page = _open(visit, f"{server}{prefix(lang)}search/?q={_word(site, lang)}", width)
    page.locator(RESULT).first.wait_for(state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert visit.failed == []
    assert visit.console_errors == []
    assert visit.off_site() == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_engine_is_requested_on_focus_only_and_at_once(server, browser, lang, width):
    """Nothing of Pagefind's is requested when a page loads; when the field gets focus, its
    script, worker, WebAssembly and the list of the index's files are requested together, not
    one after the other (checked with 400 ms of latency on every request). Without the offline
    service worker: the requests it makes for the page are not slowed by the page's latency."""
    context = browser.new_context(service_workers="block", viewport={"width": width, "height": 800})
    page = context.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1})
    requests, finished = [], {}
    page.on("request", lambda request: "/pagefind/" in request.url and requests.append(request.url))
    page.on("requestfinished", lambda request: finished.setdefault(request.url, request))
    page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requests == []
    page.focus(FIELD)
    bundle = f"{server}{prefix(lang)}pagefind/"
    engine = [f"{bundle}pagefind.js", f"{bundle}pagefind-worker.js", f"{bundle}wasm.{lang}.pagefind", f"{bundle}site-search.json"]
    for _ in range(100):
        if all(url in finished for url in engine):
            break
        page.wait_for_timeout(100)
    assert all(url in finished for url in engine), requests
    timing = {url: finished[url].timing for url in engine}
    starts = [timing[url]["startTime"] for url in engine]
    ends = [timing[url]["startTime"] + timing[url]["responseEnd"] for url in engine]
    context.close()
    assert max(starts) < min(ends), timing


# --- the rest of the index, in the background ---------------------------------------------

CHUNKED_CASES = 60  # synthetic cases: enough for several index chunks in every language
INDEX_STATE = "() => document.documentElement.dataset.searchIndex"
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {configurable: true, get: () => ({saveData: true})});"


@pytest.fixture(scope="module")
def chunked_site(tmp_path_factory) -> Site:
    """scripts/bench.py's synthetic collection (made from the real cases) of CHUNKED_CASES
    cases, built: each language's index has several chunks (the real collection's may have one,
    which the first query fetches)."""
    import bench
    project = bench.make_collection(tmp_path_factory.mktemp("chunked") / "project", CHUNKED_CASES)
    out = tmp_path_factory.mktemp("chunked-site") / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(out)
    for lang in LANGS:
        assert len(_search_files(site, lang)["chunks"]) >= 2, f"one index chunk in {lang}: raise CHUNKED_CASES"
    return site


def _search_files(site, lang) -> dict:
    return json.loads((site.path / prefix(lang) / "pagefind" / "site-search.json").read_text(encoding="utf-8"))


def _chunk_paths(site, lang) -> list:
    """The address of each index chunk of ``lang``, from the site's root."""
    return [f"/{prefix(lang)}pagefind/{chunk[2]}" for chunk in _search_files(site, lang)["chunks"]]


def _first_case(site, lang) -> str:
    return sorted(path.parent.name for path in (site.path / prefix(lang) / "cases").glob("*/index.html"))[0]


def _words_in_two_chunks(site, lang) -> tuple:
    """Two words of the first case's text in ``lang`` that no index chunk holds both of: the
    chunks whose words may start as a word does (from its first three letters to the whole word)
    are not the same for the two. Returns (first, second, the second's chunk addresses)."""
    chunks = _search_files(site, lang)["chunks"]

    def holding(word):
        return {f"/{prefix(lang)}pagefind/{chunk[2]}" for chunk in chunks if chunk[0] <= word + "\uffff" and chunk[1] >= word[:3]}

    path = f"{prefix(lang)}cases/{_first_case(site, lang)}/"
    title = site.soup(path).select_one("article.case h1").get_text()
    first = max(re.findall(r"[^\W\d_]{4,}", title), key=len).lower()
    for word in _prose(site, path):
        if len(word) >= 6 and word.isalpha() and not holding(word) & holding(first):
            return first, word, holding(word)
    pytest.fail(f"every word of {path} shares an index chunk with {first!r}: raise CHUNKED_CASES")


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is for a browser's cache (every file cacheable for ten
    minutes) that notes the path of each request it answers: what reached the host, not what
    the browser's cache answered."""

    asked: list = []

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        self.asked.append(urlparse(self.path).path)
        super().do_GET()


@contextlib.contextmanager
def _search_once(browser, folder, lang, width, word, init_script=None):
    """Open the first case page of the site in ``folder`` (without the offline service worker:
    every request is the page's own), search ``word`` from the header's field and wait for its
    results and their snippets, then until the page says how the rest of the index went
    (data-search-index). Gives (page, the paths the host was asked, that state)."""
    host = type("Host", (_Host,), {"asked": []})
    with serve(folder, host) as address:
        context = browser.new_context(service_workers="block", viewport={"width": width, "height": 800})
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.goto(f"{address}{prefix(lang)}cases/{_first_case(Site(folder), lang)}/")
        page.fill(FIELD, word)
        _wait_for_results(page)
        wait_for(page, INDEX_STATE, timeout=30000)
        page.wait_for_load_state("networkidle")
        try:
            yield page, host.asked, page.evaluate(INDEX_STATE)
        finally:
            context.close()


def _wait_for_results(page):
    page.locator(f".site-search-form {RESULT}").first.wait_for(state="visible", timeout=15000)
    wait_for(page, "() => [...document.querySelectorAll('.site-search-form .site-search-result')].every(item => item.querySelector('.site-search-result__excerpt'))",
             timeout=15000)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_after_a_first_result_the_rest_of_the_index_comes_in_the_background(chunked_site, browser, lang, width):
    """Once a search has shown its results, every chunk of the language's index has been
    requested, each once; a word whose chunk the first search did not need then finds its
    results without the host being asked for anything of the index again (only the fragments
    of its results: their snippets)."""
    first, second, _its_chunks = _words_in_two_chunks(chunked_site, lang)
    with _search_once(browser, chunked_site.path, lang, width, first) as (page, asked, state):
        assert state == "complete"
        chunks = _chunk_paths(chunked_site, lang)
        assert sorted(path for path in asked if path in chunks) == sorted(chunks)
        before = len(asked)
        page.fill(FIELD, "")
        page.fill(FIELD, second)
        _wait_for_results(page)
        page.wait_for_load_state("networkidle")
        assert [path for path in asked[before:] if "/pagefind/" in path and "/pagefind/fragment/" not in path] == []


def _only_what_the_query_needs(site_folder, browser, lang, width, words, init_script=None):
    """The first search in ``site_folder`` fetches the chunks it needs and no other: the page
    says the rest of the index comes on demand, the second word's chunks were not fetched; the
    second word's search then fetches them (search still works)."""
    first, second, its_chunks = words
    with _search_once(browser, site_folder, lang, width, first, init_script) as (page, asked, state):
        assert state == "on-demand"
        fetched = {path for path in asked if "/pagefind/index/" in path}
        assert fetched and not fetched & its_chunks, (fetched, its_chunks)
        page.fill(FIELD, "")
        page.fill(FIELD, second)
        _wait_for_results(page)
        assert {path for path in asked if "/pagefind/index/" in path} & its_chunks


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_more_is_fetched_when_the_reader_asked_to_save_data(chunked_site, browser, lang, width):
    _only_what_the_query_needs(chunked_site.path, browser, lang, width, _words_in_two_chunks(chunked_site, lang), SAVE_DATA)


@pytest.fixture(scope="module")
def over_the_cap(chunked_site, tmp_path_factory):
    """A copy of the chunked site whose lists of search files (site-search.json) give a cap
    on the background download smaller than any chunk."""
    folder = tmp_path_factory.mktemp("over-the-cap") / "site"
    shutil.copytree(chunked_site.path, folder)
    for lang in LANGS:
        path = folder / prefix(lang) / "pagefind" / "site-search.json"
        files = json.loads(path.read_text(encoding="utf-8"))
        files["prefetch_cap"] = min((path.parent / chunk[2]).stat().st_size for chunk in files["chunks"]) - 1
        path.write_text(json.dumps(files, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_more_is_fetched_when_the_rest_of_the_index_weighs_more_than_the_cap(chunked_site, over_the_cap, browser, lang, width):
    _only_what_the_query_needs(over_the_cap, browser, lang, width, _words_in_two_chunks(chunked_site, lang))


# --- the index: one per language, stemmed, of each case's own text ------------------------

def _search(page, server, lang, query):
    """Search from the catalogue's header field with Enter: the search page with ?q= shows
    the results; their addresses."""
    page.goto(f"{server}{prefix(lang)}cases/")
    page.fill(FIELD, query)
    with page.expect_navigation():
        page.press(FIELD, "Enter")
    page.wait_for_selector(RESULT, timeout=15000)
    page.wait_for_timeout(300)
    return [urlparse(a.get_attribute("href")).path for a in page.locator(RESULT).all()]


@pytest.fixture(scope="module")
def stemming_site(tmp_path_factory):
    """The fixture collection, its case's text in each language holding one word in two forms
    (the singular and plural of that language's "{count} organisations", from its UI strings),
    built and served; yields (address, {lang: (plural, singular)})."""
    project = make_project(tmp_path_factory.mktemp("stemming") / "project")
    forms = {}
    for lang in LANGS:
        t = _t(lang)
        one, other = t("facts.organisations", count=1), t("facts.organisations", count=3)
        forms[lang] = tuple(text.replace("1", "").replace("3", "").strip().lower() for text in (other, one))
        path = project / "docs" / "cases" / SLUG / text_name(lang)
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{one}; {other}.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("stemming-site") / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as address:
        yield address, forms


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_pages_of_the_reader_language_only_with_stemming(stemming_site, visit, lang):
    address, forms = stemming_site
    query, other_form = forms[lang]
    results = _search(visit.page, address, lang, query)
    assert results
    # stemming: the query also matched the other form of the word, in the reader's language
    visit.page.wait_for_selector(".site-search-result__excerpt", timeout=15000)
    marked = {re.sub(r"\W+$", "", m.lower()) for m in visit.page.locator(".site-search-result mark").all_inner_texts()}
    assert other_form in marked, marked
    expected_prefix = f"/{prefix(lang)}"
    for path in results:
        assert path.startswith(expected_prefix + "cases/"), path
        if lang == DEFAULT:
            assert not path.startswith(tuple(f"/{prefix(other)}" for other in LANGS if other != DEFAULT)), path
    assert visit.page.url.startswith(f"{address}{prefix(lang)}search/?q=")
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
        t = _t(lang)
        soup = site.soup(f"{prefix(lang)}cases/")
        form = soup.select_one("form.site-search-form")
        assert form["role"] == "search"
        assert soup.select_one("label[for=site-search-query]").get_text(strip=True) == t("search.label")
        assert form.select_one("button")["aria-label"]
        search_page = site.soup(f"{prefix(lang)}search/")
        assert search_page.select_one("form.site-search-page")["role"] == "search"
        assert search_page.select_one("label[for=site-search-page-query]").get_text(strip=True) == t("search.label")


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


def test_the_list_of_search_files_names_the_index_files(site):
    """site-search.json, read when a field gets focus, names files that exist: the index's
    metadata, its engine, every chunk (with the words it holds, in order, and its size), every
    page; and the cap on what a page fetches of the index in the background."""
    import json
    for lang in LANGS:
        bundle = site.path / prefix(lang) / "pagefind"
        files = json.loads((bundle / "site-search.json").read_text(encoding="utf-8"))
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"][lang]["hash"] == files["version"]
        for name in (files["entry"], files["meta"], files["wasm"], *(chunk[2] for chunk in files["chunks"])):
            assert (bundle / name).is_file(), name
        assert files["chunks"] and all(first <= last for first, last, _name, _size in files["chunks"])
        assert all(size == (bundle / name).stat().st_size for _first, _last, name, size in files["chunks"])
        assert isinstance(files["prefetch_cap"], int) and files["prefetch_cap"] > 0
        assert [chunk[0] for chunk in files["chunks"]] == sorted(chunk[0] for chunk in files["chunks"])
        assert {path.stem for path in (bundle / "fragment").glob("*.pf_fragment")} == set(files["pages"])
        assert sorted(url for url, _title in files["pages"].values()) == sorted(f"{prefix(lang)}cases/{slug}/" for slug in SLUGS)
        assert files["tags"] and all((site.path / tag["url"] / "index.html").is_file() for tag in files["tags"])


def test_search_indexes_a_case_own_text_only(site):
    """A case is found by its title, summary and text: not by its facts box, tags or sources
    (its snippets come from its text), nor by the titles of related cases or its citation."""
    for slug in SLUGS:
        soup = site.soup(f"cases/{slug}/")
        body = soup.select_one("[data-pagefind-body]")
        assert body is not None and body.name == "article"
        for selector in (".case-facts", ".case-tags", ".case-sources", ".case-related", ".case-cite", ".case-toc"):
            part = body.select_one(selector)
            assert part is None or part.has_attr("data-pagefind-ignore"), (slug, selector)
        for selector in ("h1", ".case__summary", "h2#" + soup.select("article.case > h2[id]")[-1]["id"]):
            assert not any(parent.has_attr("data-pagefind-ignore") for parent in body.select_one(selector).parents), selector


# --- what the catalogue finds a case by; misspelt words ----------------------------------

ORGANISATION, PLACE = "Quorvane Trust", "Zellinby"  # made-up names, in the first case's facts only


@pytest.fixture(scope="module")
def catalogue_site(tmp_path_factory):
    """The fixture collection with three cases: the first with tags A and B in a country of one
    region, its organisation and place ORGANISATION and PLACE; the second with tags C and D in a
    country of another region; the third with tags A and C in both countries. Built and served;
    yields (address, Site)."""
    from casekit import vocab

    project = make_project(tmp_path_factory.mktemp("catalogue") / "project")
    docs = project / "docs"
    tags, _problems = vocab.load(docs / "tags.yml", LANGS)
    regions = tags.ids("region")
    a, b, c, d = [tag for tag in tags.ids() if tag not in regions][:4]
    near, far = (tags.tags[region].countries[0] for region in regions[:2])
    facts = docs / "cases" / SLUG / "case.yml"
    text = facts.read_text(encoding="utf-8").replace("Fixture Organisation", ORGANISATION).replace("Fixture Town", PLACE)
    facts.write_text(re.sub(r"(?m)^countries: .*$", f"countries: [{near}]", re.sub(r"(?m)^tags: .*$", f"tags: [{a}, {b}]", text)),
                     encoding="utf-8")
    write_case(docs, "fixture-second", title=lambda lang: f"Another made-up example ({lang})", tags=[c, d], countries=[far])
    write_case(docs, "fixture-third", title=lambda lang: f"A third made-up example ({lang})", tags=[a, c], countries=[near, far])
    out = tmp_path_factory.mktemp("catalogue-site") / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as address:
        yield address, Site(out)


def _found(page, address, lang, query) -> set:
    """The cases the search page of ``lang`` finds for ``query`` (their slugs), once their
    snippets are in."""
    page.goto(f"{address}{prefix(lang)}search/?q={quote(query)}")
    page.locator(f"{RESULT}, .site-search-results__none").first.wait_for(state="visible", timeout=15000)
    wait_for(page, "() => [...document.querySelectorAll('.site-search-result')].every(item => item.querySelector('.site-search-result__excerpt'))",
             timeout=15000)
    return {urlparse(link.get_attribute("href")).path.rstrip("/").rsplit("/", 1)[-1] for link in page.locator(RESULT).all()}


def _catalogue(site, lang) -> dict:
    """What the catalogue of ``lang`` finds each case by: {slug: (its tags and regions, its countries)}."""
    return {card["data-case"]: (set(card.get("data-tags", "").split()) | set(card.get("data-region", "").split()), set(card.get("data-country", "").split()))
            for card in site.soup(f"{prefix(lang)}cases/").select(".case-card[data-case]")}


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_what_the_catalogue_finds_in_every_language(catalogue_site, visit, lang):
    """The label of each tag and region of a case, and the name of each of its countries, in
    every language of the registry, searched in ``lang``, find every case the catalogue finds
    under it, and the same cases whatever the language of the search page; the case's
    organisation and place find it alone. Each result's snippet comes from its text."""
    from casekit import views
    address, site = catalogue_site
    cards = _catalogue(site, lang)
    tags, countries = cards[SLUG]
    labels = {}
    for other in LANGS:
        soup = site.soup(f"{prefix(other)}tags/")
        labels |= {(item["data-tag"], other): item.select_one("a.md-tag").get_text(strip=True) for item in soup.select("li[data-tag]")}
    queries = [(labels[tag, other], {slug for slug, (found_tags, _countries) in cards.items() if tag in found_tags})
               for tag in sorted(tags) for other in LANGS]
    queries += [(views.country_name(code, other), {slug for slug, (_tags, found) in cards.items() if code in found})
                for code in sorted(countries) for other in LANGS]
    for query, expected in queries:
        found = _found(visit.page, address, lang, query)
        assert found >= expected, (lang, query)
        # the same query finds the same cases in every language's search
        for other in LANGS:
            if other != lang:
                assert _found(visit.page, address, other, query) == found, (lang, other, query)
    for query in (ORGANISATION, PLACE):
        assert _found(visit.page, address, lang, query) == {SLUG}, query
        snippet = visit.page.locator(".site-search-result__excerpt").first.inner_text()
        assert _words(snippet) and _contains(_prose(site, f"{prefix(lang)}cases/{SLUG}/"), _words(snippet)), snippet
    assert visit.console_errors == []


def _swapped(word: str) -> str:
    at = next(at for at in range(1, len(word) - 1) if word[at] != word[at + 1])
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_misspelt_word_is_answered_with_the_closest_word_and_its_results(catalogue_site, visit, lang, width):
    """A word of a case's tag label, and a word of its title, each with two letters swapped:
    under the header's field and on the search page, the page says that nothing matches the
    word typed, asks "did you mean" the word, in the page's language, and shows the cases the
    word finds; the word offered searches it."""
    address, site = catalogue_site
    t = _t(lang)
    soup = site.soup(f"{prefix(lang)}cases/{SLUG}/")
    label_word = max((word for chip in soup.select(".case-tags .md-tag") for word in re.findall(r"[^\W\d_]{5,}", chip.get_text())), key=len)
    title_word = max(re.findall(r"[^\W\d_]{5,}", soup.select_one("article.case h1").get_text()), key=len)
    for word in (label_word.lower(), title_word.lower()):
        misspelt = _swapped(word)
        expected = _found(visit.page, address, lang, word)
        assert SLUG in expected
        for path, field, box in ((f"cases/{SLUG}/", FIELD, ".site-search-form"), ("search/", PAGE_FIELD, ".site-search-page")):
            page = _open(visit, f"{address}{prefix(lang)}{path}", width)
            _type(page, field, misspelt)
            correction = page.locator(f"{box} a.site-search-correction")
            correction.wait_for(state="visible", timeout=15000)
            assert correction.inner_text() == word
            line = page.locator(f"{box} .site-search-results__did-you-mean")
            assert line.inner_text() == t("search.did_you_mean", query=word)
            assert t("search.no_results", query=misspelt) in page.locator(f"{box} .site-search-results__corrected").inner_text()
            links = page.locator(f"{box} {RESULT}")
            links.first.wait_for(state="visible")
            paths = {urlparse(link.get_attribute("href")).path.rstrip("/").rsplit("/", 1)[-1] for link in links.all()}
            assert paths == expected or (box == ".site-search-form" and paths < expected), (word, paths)
            box_edge = correction.evaluate("link => { const box = link.getBoundingClientRect(); return [box.left, box.right]; }")
            assert box_edge[0] >= 0 and box_edge[1] <= width, box_edge
        # on the search page, the word offered searches it
        correction.click()
        wait_for(page, "q => new URLSearchParams(location.search).get('q') === q", arg=word, timeout=5000)
        assert page.locator(PAGE_FIELD).input_value() == word
        page.locator(RESULT).first.wait_for(state="visible", timeout=15000)
        assert page.locator(".site-search-correction").count() == 0
    assert visit.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_query_with_no_close_word_asks_to_check_the_spelling(catalogue_site, visit, lang, width):
    """What a misspelt query found before the index offered its closest words (moved here
    from the test above, unchanged): no result, a request to check the spelling."""
    address, _site = catalogue_site
    t = _t(lang)
    page = _open(visit, f"{address}{prefix(lang)}search/", width)
    _type(page, PAGE_FIELD, "qxzwvq")
    none = page.locator(".site-search-page .site-search-results__none")
    none.wait_for(state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert t("search.check_spelling") in none.inner_text()
    assert page.locator(".site-search-correction").count() == 0
    assert page.locator(RESULT).count() == 0


def test_the_words_of_each_index_are_listed_for_corrections(catalogue_site):
    """site-words.txt (named by site-search.json) lists the words of each language's index,
    lower-cased, each once: those of the cases' texts and of what the catalogue finds them by."""
    _address, site = catalogue_site
    for lang in LANGS:
        files = _search_files(site, lang)
        words = (site.path / prefix(lang) / "pagefind" / files["words"].split("?")[0]).read_text(encoding="utf-8").split(" ")
        assert len(words) == len(set(words)) and all(word == word.lower() for word in words)
        soup = site.soup(f"{prefix(lang)}cases/{SLUG}/")
        expected = set(_words(soup.select_one("article.case h1").get_text())) | set(_words(ORGANISATION)) | set(_words(PLACE))
        for other in LANGS:
            expected |= set(_words(" ".join(chip.get_text() for chip in site.soup(f"{prefix(other)}cases/{SLUG}/").select(".case-tags .md-tag"))))
        assert {word for word in expected if len(word) >= 3 and word.isalpha()} <= set(words)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_note_for_a_copy_opened_from_disk_is_hidden_on_the_site(catalogue_site, visit, lang, width):
    """The search page's note that search needs a web server shows only from disk
    (tests/test_preview_from_disk_browser.py), not on the site."""
    address, _site = catalogue_site
    page = _open(visit, f"{address}{prefix(lang)}search/", width)
    page.wait_for_load_state("load")
    assert page.locator(".site-search__needs-server").count() == 1
    assert page.locator(".site-search__needs-server").is_hidden()
