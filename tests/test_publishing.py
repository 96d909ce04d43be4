"""What search engines, feed readers, sharing and researchers get: head metadata, JSON-LD,
sitemap, feeds, open data, citation, 404 pages. The tests of the real collection take every
expectation from the data (case.yml, the texts' front matter, docs/tags.yml, the UI strings);
the exact cells of a CSV row come from the fixture collection (tests/collection.py)."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import collection
import extruct
import feedparser
import pytest
import yaml
from babel import Locale

from casekit import layout, model, project, yamlines
from conftest import DEFAULT, LANGS, REGIONS_OF, ROOT, SLUGS, prefix

SITE = "http://127.0.0.1:8000/"  # site_url when SITE_URL is not set
STRINGS = project.strings_for(ROOT)


def _facts(root, slug) -> dict:
    """The facts as the validator reads them (a year alone is a date, as text)."""
    return model.read_facts(root / "docs" / "cases" / slug / "case.yml")


FACTS = {slug: _facts(ROOT, slug) for slug in SLUGS}
VOCABULARY = yaml.safe_load((ROOT / "docs/tags.yml").read_text(encoding="utf-8"))["tags"]
TAG = next(iter(VOCABULARY))  # a tag page: the vocabulary's first tag
PAGES = ["", "cases/", "tags/", f"tags/{TAG}/", "contribute/", "search/", "translations/", "data/",
         *(f"cases/{slug}/" for slug in SLUGS)]


def _text(root, slug, lang, facts) -> dict | None:
    """The front matter of the case's text published in ``lang``; None where it has none."""
    if lang != facts.get("original_language") and lang in (facts.get("pending") or []):
        return None  # a draft: not published
    path = root / "docs/cases" / slug / layout.text_filename(lang, DEFAULT)
    if not path.is_file():
        return None
    front, _body, _line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
    return yamlines.load(front).data


def _published(slug) -> list:
    """The languages a case has a published text in, in the registry's order."""
    return [lang for lang in LANGS if _text(ROOT, slug, lang, FACTS[slug])]


def _head(page, lang) -> dict:
    """What the head of ``page`` in ``lang`` should say. Every page exists in every language; a
    case shown untranslated points to its original and is neither indexed nor an alternate."""
    slug = page[len("cases/"):-1] if page.startswith("cases/") and page != "cases/" else None
    indexed = _published(slug) if slug else list(LANGS)
    own = lang in indexed
    return {"canonical": f"{SITE}{prefix(lang if own else FACTS[slug]['original_language'])}{page}",
            "noindex": not own, "alternates": {**{other: f"{SITE}{prefix(other)}{page}" for other in indexed},
                                               "x-default": f"{SITE}{prefix(indexed[0])}{page}"}}


def _shown(slug, lang) -> tuple:
    """The language and front matter of the text a page in ``lang`` shows: its own, else the original."""
    for candidate in (lang, FACTS[slug].get("original_language"), DEFAULT):
        text = _text(ROOT, slug, candidate, FACTS[slug])
        if text:
            return candidate, text
    raise AssertionError(f"{slug} has no text")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_canonical_and_hreflang_are_absolute(site, lang, page):
    soup = site.soup(f"{prefix(lang)}{page}")
    head = _head(page, lang)
    assert soup.select_one("link[rel=canonical]")["href"] == head["canonical"]
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == head["alternates"]
    assert soup.select_one('link[rel=alternate][type="application/atom+xml"]')["href"] == f"{SITE}{prefix(lang)}feed.xml"
    robots = soup.select_one('meta[name=robots]')
    assert (robots["content"] if robots else None) == ("noindex" if head["noindex"] else None)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_open_graph_and_twitter_cards_are_localized(site, lang, slug):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta[property], meta[name^=twitter]")}
    title = soup.select_one("article.case h1").get_text(strip=True)
    summary = soup.select_one(".case__summary").get_text(strip=True)
    _lang, text = _shown(slug, lang)
    assert title == text["title"]
    assert meta["og:title"] == meta["twitter:title"] == title
    assert meta["og:description"] == meta["twitter:description"] == summary
    assert meta["og:url"] == _head(f"cases/{slug}/", lang)["canonical"]
    assert meta["og:image"].startswith(SITE) and (site.path / meta["og:image"][len(SITE):]).is_file()
    assert meta["og:locale"].startswith(lang + "_")
    assert meta["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_case_json_ld(site, lang, slug):
    html = site.file(f"{prefix(lang)}cases/{slug}/").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=f"{SITE}{prefix(lang)}cases/{slug}/", syntaxes=["json-ld"])["json-ld"]
    article = next(item for item in data if item.get("@type") == "Article")
    facts = FACTS[slug]
    shown, text = _shown(slug, lang)
    assert article["inLanguage"] == shown
    assert article["name"] == text["title"] and article["description"] == text["summary"]
    assert [t["termCode"] for t in article["about"]] == facts["tags"]
    assert [t["name"] for t in article["about"]] == [VOCABULARY[t]["label"][lang] for t in facts["tags"]]
    # where it took place; a case whose sources do not say so only mentions its examples' countries
    if facts.get("venue") == "not-stated":
        assert "spatialCoverage" not in article
        assert [p["identifier"] for p in article["mentions"] if p["@type"] == "Country"] == facts["countries"]
    else:
        assert [p["identifier"] for p in article["spatialCoverage"] if p["@type"] == "Country"] == facts["countries"]
    # its organisations are mentioned by our article, not its contributors
    assert "contributor" not in article
    assert ([c["name"] for c in article["mentions"] if c["@type"] == "Organization"]
            == (facts.get("implementing") or []) + (facts.get("partners") or []))
    assert [c["name"] for c in article["citation"]] == [s["title"] for s in facts["sources"]]
    assert article["dateModified"] == facts["reviewed"]
    start, end = facts.get("start"), facts.get("end")
    if start or end:
        assert article["temporalCoverage"] == f"{start or '..'}/{end or '..'}"
    else:
        assert "temporalCoverage" not in article


def test_sitemap_lists_every_language_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.path / "sitemap.xml").getroot()
    urls = {u.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)} for u in root.findall("s:url", ns)}
    for lang in LANGS:
        for slug in SLUGS:
            loc = f"{SITE}{prefix(lang)}cases/{slug}/"
            if lang in _published(slug):
                assert urls[loc] == _head(f"cases/{slug}/", lang)["alternates"]
            else:  # shown untranslated: not for search engines
                assert loc not in urls
        assert urls[f"{SITE}{prefix(lang)}cases/"] == _head("cases/", lang)["alternates"]
        for tag in VOCABULARY:
            assert f"{SITE}{prefix(lang)}tags/{tag}/" in urls


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_per_language(site, lang):
    feed = feedparser.parse((site.path / prefix(lang) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    assert feed.feed.links[0]["href"].endswith(f"{prefix(lang)}feed.xml")
    links = [entry.link for entry in feed.entries]
    assert sorted(links) == sorted(f"{SITE}{prefix(lang)}cases/{slug}/" for slug in SLUGS)
    added = [entry.published for entry in feed.entries]
    assert added == sorted(added, reverse=True)
    titles = {entry.link: entry.title for entry in feed.entries}
    for slug in SLUGS:
        page = site.soup(f"{prefix(lang)}cases/{slug}/")
        assert titles[f"{SITE}{prefix(lang)}cases/{slug}/"] == page.select_one("article.case h1").get_text(strip=True)
    # linked from the catalogue
    assert site.soup(f"{prefix(lang)}cases/").select_one('.case-list__links a[href$="feed.xml"]')


def test_open_data_files(site):
    data = json.loads((site.path / "cases.json").read_text(encoding="utf-8"))["cases"]
    assert [c["slug"] for c in data] == sorted(SLUGS)
    for record in data:
        slug = record["slug"]
        facts = FACTS[slug]
        for key in ("implementing", "partners", "funders", "countries", "venue", "places", "start", "end", "tags", "added", "reviewed"):
            assert record[key] == facts.get(key), key
        assert record["regions"] == REGIONS_OF(facts.get("countries"))  # derived from the countries
        for lang in LANGS:
            text = _text(ROOT, slug, lang, facts) or {}
            assert record[f"title_{lang}"] == text.get("title") and record[f"summary_{lang}"] == text.get("summary")
            assert record[f"url_{lang}"] == f"{SITE}{prefix(lang)}cases/{slug}/"
        assert record[f"title_{facts['original_language']}"], "the original's title is always there"
    rows = list(csv.DictReader(io.StringIO((site.path / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert [r["slug"] for r in rows] == sorted(SLUGS)
    for row in rows:
        for lang in LANGS:
            assert row[f"title_{lang}"] == ((_text(ROOT, row["slug"], lang, FACTS[row["slug"]]) or {}).get("title") or "")


def test_open_data_cells_of_a_known_case(fixture_site):
    """The fixture case's facts, cell by cell: numbers, periods, codes, lists, sources, titles."""
    rows = list(csv.DictReader(io.StringIO((fixture_site.path / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert [r["slug"] for r in rows] == [collection.SLUG]
    row = rows[0]
    assert row["participants_people"] == "12" and row["participants_organisations"] == ""
    assert row["start"] == "2020-01" and row["end"] == "2020-06"
    assert row["countries"] == "CO" and row["places"] == "Fixture Town"
    assert row["implementing"] == "Fixture Organisation" and row["partners"] == ""
    assert row["sources"].startswith("A fixture report") and row["sources"].endswith("https://example.org/report")
    assert " — 2019-05 — " in row["sources"]  # the source's publication date
    facts = _facts(fixture_site.root, collection.SLUG)
    assert row["tags"] == "; ".join(facts["tags"]) and row["original_language"] == facts["original_language"]
    for lang in LANGS:
        text = _text(fixture_site.root, collection.SLUG, lang, facts)
        assert row[f"title_{lang}"] == text["title"] and row[f"summary_{lang}"] == text["summary"]
        assert row[f"url_{lang}"] == f"{SITE}{prefix(lang)}cases/{collection.SLUG}/"
    record = json.loads((fixture_site.path / "cases.json").read_text(encoding="utf-8"))["cases"][0]
    assert record["participants_people"] == 12 and record["places"] == ["Fixture Town"]
    assert [s.get("url") for s in record["sources"]] == ["https://example.org/report"]
    assert [s.get("published") for s in record["sources"]] == ["2019-05"]


@pytest.mark.parametrize("lang", LANGS)
def test_codebook_explains_every_column(site, lang):
    soup = site.soup(f"{prefix(lang)}data/")
    documented = {code.get_text() for code in soup.select("table.codebook th[scope=row] code")}
    header = next(csv.reader(io.StringIO((site.path / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert documented == set(header)
    assert soup.html["lang"] == lang
    # the languages and the CSV separators are named once, in code, and told in the page's language
    meanings = {row.select_one("code").get_text(): row.select("td")[1].get_text() for row in soup.select("table.codebook tbody tr")}
    title = meanings[f"title_{DEFAULT}"]
    for other in LANGS:
        assert Locale.parse(lang).languages[other] in title, other
    assert "{" not in title
    codes = meanings["original_language"]
    assert all(re.search(rf"\b{re.escape(code)}\b", codes) for code in LANGS) and f"{LANGS[-1]})" in codes
    separators = soup.select_one(".codebook__separators").get_text()
    assert "; " in separators and " | " in separators and "cases.csv" in separators
    assert site.soup(f"{prefix(lang)}cases/").select_one('.case-list__links a[href$="data/"]')


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_cite_this_case(site, lang, slug):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    assert soup.select_one("#case-cite").get_text(strip=True).rstrip("¶") == STRINGS(lang)("cite.heading")
    title = soup.select_one("article.case h1").get_text(strip=True)
    plain = soup.select_one(".case-cite__plain").get_text()
    assert title in plain and _head(f"cases/{slug}/", lang)["canonical"] in plain
    bibtex = soup.select_one(".case-cite__bibtex").get_text()
    year = str(FACTS[slug].get("reviewed") or FACTS[slug]["added"])[:4]
    assert bibtex.startswith(f"@misc{{{slug}-{lang},") and f"year    = {{{year}}}" in bibtex
    shown, _text_meta = _shown(slug, lang)
    assert f"langid  = {{{Locale.parse(shown).english_name.lower()}}}" in bibtex  # BibTeX names languages in English


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_per_language(site, lang):
    soup = site.soup(f"{prefix(lang)}404.html")
    assert soup.html["lang"] == lang
    assert soup.select_one("article h1, .md-content h1").get_text(strip=True) == STRINGS(lang)("not_found.title")
    assert soup.select_one('meta[name=robots]')["content"] == "noindex"


def test_csv_opens_as_utf8_in_spreadsheets_with_labels_in_every_language(site):
    """cases.csv starts with a byte-order mark (spreadsheets read it as UTF-8) and names each
    case's regions and tags in every language, beside their ids."""
    raw = (site.path / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    vocab = yamlines.load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8")).data["tags"]
    for row in rows:
        facts = FACTS[row["slug"]]
        for lang in LANGS:
            assert row[f"region_labels_{lang}"] == "; ".join(vocab[region]["label"][lang] for region in REGIONS_OF(facts.get("countries")))
            assert row[f"tag_labels_{lang}"] == "; ".join(vocab[tag]["label"][lang] for tag in facts["tags"])
