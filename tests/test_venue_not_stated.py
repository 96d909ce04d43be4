"""A case whose sources do not say where it took place (venue: not-stated; its countries and
places are those its examples come from): every summary of it says so, as its page does, and
none puts it in those countries. Cards (home, catalogue, tag pages), the related cases, the
Atom feeds, the open data, the structured data and the places page's list, in every language,
on a fixture collection of its own (tests/collection.py)."""
from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
import yaml

from casekit import project, views
from conftest import LANGS, ROOT, Site, built_fixture, prefix

STRINGS = project.strings_for(ROOT)
COUNTRIES = ["CO", "PE"]  # two countries of one region, whose names have no brackets


@pytest.fixture(scope="module")
def venue_site(tmp_path_factory) -> Site:
    return built_fixture(tmp_path_factory, "venue", countries=COUNTRIES, venue="not-stated")


def _facts(site) -> dict:
    from collection import SLUG
    return yaml.safe_load((site.root / "docs" / "cases" / SLUG / "case.yml").read_text(encoding="utf-8"))


def _where(site, lang) -> str:
    """What the case's page says of where it took place, in ``lang``'s words."""
    t, facts = STRINGS(lang), _facts(site)
    named = [views.country_name(code, lang) for code in facts["countries"]] + facts["places"]
    return t("where.venue_not_stated", places=", ".join(named))


@pytest.mark.parametrize("lang", LANGS)
def test_the_case_page_says_the_venue_is_not_stated(venue_site, lang):
    from collection import SLUG
    page = venue_site.soup(f"{prefix(lang)}cases/{SLUG}/")
    assert page.select_one(".case-facts__note").get_text(strip=True) == STRINGS(lang)("facts.venue_not_stated")


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_says_the_venue_is_not_stated(venue_site, lang):
    from collection import SLUG
    facts = _facts(venue_site)
    pages = ["", "cases/"] + [f"tags/{tag}/" for tag in facts["tags"]]
    for page in pages:
        card = venue_site.soup(prefix(lang) + page).select_one(f'.case-card[data-case="{SLUG}"]')
        assert card is not None, page
        meta = card.select_one(".case-card__meta").get_text(" ", strip=True)
        assert meta.startswith(_where(venue_site, lang)), (page, meta)
        # no "Colombia, Peru (Fixture Town)": brackets would put the place in the countries
        assert "(" not in meta, (page, meta)


@pytest.mark.parametrize("lang", LANGS)
def test_the_feed_says_the_venue_is_not_stated(venue_site, lang):
    feed = feedparser.parse((venue_site.path / prefix(lang) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert _where(venue_site, lang) in entry.summary


def test_the_open_data_says_the_venue_is_not_stated(venue_site):
    (record,) = json.loads((venue_site.path / "cases.json").read_text(encoding="utf-8"))["cases"]
    assert record["venue"] == "not-stated" and record["countries"] == COUNTRIES
    (row,) = csv.DictReader(io.StringIO((venue_site.path / "cases.csv").read_text(encoding="utf-8-sig")))
    assert row["venue"] == "not-stated"
    # the codebook explains the value, in every language
    for lang in LANGS:
        codebook = venue_site.soup(f"{prefix(lang)}data/").get_text(" ", strip=True)
        assert STRINGS(lang)("data.fields.venue") in codebook


@pytest.mark.parametrize("lang", LANGS)
def test_the_structured_data_does_not_place_the_case_in_its_examples_countries(venue_site, lang):
    from collection import SLUG
    page = venue_site.soup(f"{prefix(lang)}cases/{SLUG}/")
    (data,) = [json.loads(tag.string) for tag in page.select('script[type="application/ld+json"]')
               if json.loads(tag.string).get("@type") == "Article"]
    assert "spatialCoverage" not in data, data.get("spatialCoverage")
    mentioned = {(item["@type"], item.get("identifier", item["name"])) for item in data["mentions"]}
    assert {("Country", code) for code in COUNTRIES} <= mentioned
    # the case's organisations are what the article mentions, not its contributors
    assert "contributor" not in data
    assert ("Organization", _facts(venue_site)["implementing"][0]) in mentioned


@pytest.mark.parametrize("lang", LANGS)
def test_the_places_list_says_the_venue_is_not_stated(venue_site, lang):
    t = STRINGS(lang)
    page = venue_site.soup(f"{prefix(lang)}places/")
    for item in page.select(".places-list li"):
        assert t("places.venue_not_stated", count=1) in item.get_text(" ", strip=True)
    for link in page.select("figure.places-map svg a[aria-label]"):  # (a marker repeats its country's link, hidden)
        assert t("places.venue_not_stated", count=1) in link["aria-label"]


def test_a_case_with_a_venue_has_its_countries_as_coverage(fixture_site):
    """The fixture of every other test states where it took place: its country is its coverage,
    its organisation mentioned, and its card says neither "not stated" nor a bracket."""
    from collection import SLUG
    lang = LANGS[0]
    page = fixture_site.soup(f"cases/{SLUG}/")
    (data,) = [json.loads(tag.string) for tag in page.select('script[type="application/ld+json"]')
               if json.loads(tag.string).get("@type") == "Article"]
    assert [item.get("identifier") for item in data["spatialCoverage"] if item["@type"] == "Country"] == ["CO"]
    assert "contributor" not in data and {item["@type"] for item in data["mentions"]} == {"Organization"}
    meta = fixture_site.soup("cases/").select_one(f'.case-card[data-case="{SLUG}"] .case-card__meta').get_text(" ", strip=True)
    t = STRINGS(lang)
    assert meta.startswith(t("where.with_places", countries=views.country_name("CO", lang), places="Fixture Town")), meta
