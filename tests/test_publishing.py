"""What search engines, feed readers, sharing and researchers get: head metadata, JSON-LD,
sitemap, feeds, open data, citation, 404 pages."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import extruct
import feedparser
import pytest
import yaml

from casekit import yamlines
from conftest import LANGS, ROOT, SLUGS, prefix

SITE = "http://127.0.0.1:8000/"  # site_url when SITE_URL is not set
FACTS = {slug: yamlines.load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")).data for slug in SLUGS}  # dates as text
PAGES = ["", "cases/", "tags/", "tags/partnership/", "contribute/", "search/", "translations/", "data/", "cases/care-burundi/"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_canonical_and_hreflang_are_absolute(site, lang, page):
    soup = site.soup(f"{prefix(lang)}{page}")
    assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE}{prefix(lang)}{page}"
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {**{other: f"{SITE}{prefix(other)}{page}" for other in LANGS}, "x-default": f"{SITE}{page}"}
    assert soup.select_one('link[rel=alternate][type="application/atom+xml"]')["href"] == f"{SITE}{prefix(lang)}feed.xml"
    assert soup.select_one('meta[name=robots]') is None


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph_and_twitter_cards_are_localized(site, lang):
    soup = site.soup(f"{prefix(lang)}cases/mesa-migratoria/")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta[property], meta[name^=twitter]")}
    title = soup.select_one("article.case h1").get_text(strip=True)
    summary = soup.select_one(".case__summary").get_text(strip=True)
    assert meta["og:title"] == meta["twitter:title"] == title
    assert meta["og:description"] == meta["twitter:description"] == summary
    assert meta["og:url"] == f"{SITE}{prefix(lang)}cases/mesa-migratoria/"
    assert meta["og:image"].startswith(SITE) and (site.path / meta["og:image"][len(SITE):]).is_file()
    assert meta["og:locale"].startswith(lang + "_")
    assert meta["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["care-burundi", "erbil-iraq"])
def test_case_json_ld(site, lang, slug):
    html = site.file(f"{prefix(lang)}cases/{slug}/").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=f"{SITE}{prefix(lang)}cases/{slug}/", syntaxes=["json-ld"])["json-ld"]
    article = next(item for item in data if item.get("@type") == "Article")
    facts = FACTS[slug]
    vocabulary = yaml.safe_load((ROOT / "docs/tags.yml").read_text(encoding="utf-8"))["tags"]
    assert article["inLanguage"] == lang
    assert article["name"] and article["description"]
    assert [t["termCode"] for t in article["about"]] == facts["tags"]
    assert [t["name"] for t in article["about"]] == [vocabulary[t]["label"][lang] for t in facts["tags"]]
    assert [p["identifier"] for p in article["spatialCoverage"] if p["@type"] == "Country"] == facts["countries"]
    assert [c["name"] for c in article["contributor"]] == facts["implementing"] + facts["partners"]
    assert [c["name"] for c in article["citation"]] == [s["title"] for s in facts["sources"]]
    assert article["dateModified"] == facts["reviewed"]
    if facts["start"]:
        assert article["temporalCoverage"] == f"{facts['start']}/{facts['end']}"
    else:
        assert "temporalCoverage" not in article


def test_sitemap_lists_every_language_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.path / "sitemap.xml").getroot()
    urls = {u.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)} for u in root.findall("s:url", ns)}
    for lang in LANGS:
        for slug in SLUGS:
            loc = f"{SITE}{prefix(lang)}cases/{slug}/"
            assert urls[loc] == {**{o: f"{SITE}{prefix(o)}cases/{slug}/" for o in LANGS}, "x-default": f"{SITE}cases/{slug}/"}
        assert f"{SITE}{prefix(lang)}tags/partnership/" in urls


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
    page = site.soup(f"{prefix(lang)}cases/erbil-iraq/")
    assert titles[f"{SITE}{prefix(lang)}cases/erbil-iraq/"] == page.select_one("article.case h1").get_text(strip=True)
    # linked from the catalogue
    assert site.soup(f"{prefix(lang)}cases/").select_one('.case-list__links a[href$="feed.xml"]')


def test_open_data_files(site):
    data = json.loads((site.path / "cases.json").read_text(encoding="utf-8"))["cases"]
    assert [c["slug"] for c in data] == sorted(SLUGS)
    for record in data:
        facts = FACTS[record["slug"]]
        for key in ("implementing", "partners", "funders", "countries", "region", "places", "start", "end", "tags", "added", "reviewed"):
            assert record[key] == facts[key], key
        for lang in LANGS:
            assert record[f"title_{lang}"] and record[f"summary_{lang}"]
            assert record[f"url_{lang}"] == f"{SITE}{prefix(lang)}cases/{record['slug']}/"
    rows = list(csv.DictReader(io.StringIO((site.path / "cases.csv").read_text(encoding="utf-8"))))
    assert [r["slug"] for r in rows] == sorted(SLUGS)
    burundi = next(r for r in rows if r["slug"] == "care-burundi")
    assert burundi["participants_people"] == "50" and burundi["start"] == "2013-10" and burundi["countries"] == "BI"
    assert burundi["title_nl"].startswith("CARE Burundi")


@pytest.mark.parametrize("lang", LANGS)
def test_codebook_explains_every_column(site, lang):
    soup = site.soup(f"{prefix(lang)}data/")
    documented = {code.get_text() for code in soup.select("table.codebook th[scope=row] code")}
    header = next(csv.reader(io.StringIO((site.path / "cases.csv").read_text(encoding="utf-8"))))
    assert documented == set(header)
    assert soup.html["lang"] == lang
    # the languages and the CSV separators are named once, in code, and told in the page's language
    meanings = {row.select_one("code").get_text(): row.select("td")[1].get_text() for row in soup.select("table.codebook tbody tr")}
    dutch = {"en": "Dutch", "es": "neerlandés", "nl": "Nederlands"}[lang]
    assert dutch in meanings["title_en"] and "{" not in meanings["title_en"]
    assert "en" in meanings["original_language"] and "nl)" in meanings["original_language"]
    separators = soup.select_one(".codebook__separators").get_text()
    assert "; " in separators and " | " in separators and "cases.csv" in separators
    assert site.soup(f"{prefix(lang)}cases/").select_one('.case-list__links a[href$="data/"]')


@pytest.mark.parametrize("lang,label", [("en", "Cite this case"), ("es", "Citar este caso"), ("nl", "Deze case citeren")])
def test_cite_this_case(site, lang, label):
    soup = site.soup(f"{prefix(lang)}cases/care-burundi/")
    assert soup.select_one("#case-cite").get_text(strip=True).rstrip("¶") == label
    title = soup.select_one("article.case h1").get_text(strip=True)
    plain = soup.select_one(".case-cite__plain").get_text()
    assert title in plain and f"{SITE}{prefix(lang)}cases/care-burundi/" in plain
    bibtex = soup.select_one(".case-cite__bibtex").get_text()
    assert bibtex.startswith(f"@misc{{care-burundi-{lang},") and "year    = {2026}" in bibtex
    assert {"en": "english", "es": "spanish", "nl": "dutch"}[lang] in bibtex


@pytest.mark.parametrize("lang,title", [("en", "Page not found"), ("es", "Página no encontrada"), ("nl", "Pagina niet gevonden")])
def test_404_page_per_language(site, lang, title):
    soup = site.soup(f"{prefix(lang)}404.html")
    assert soup.html["lang"] == lang
    assert soup.select_one("article h1, .md-content h1").get_text(strip=True) == title
    assert soup.select_one('meta[name=robots]')["content"] == "noindex"
