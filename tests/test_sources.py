"""Every case names its sources so that a reader can weigh them: a title the source does not
show is marked as taken from the web address, and the publication date is given, or said to be
not stated. Checked on the real collection in every language, from each case's own facts."""
from __future__ import annotations

import json

import pytest
import yaml

from casekit import project, views
from conftest import LANGS, ROOT, SLUGS, prefix

STRINGS = project.strings_for(ROOT)


def _sources(slug: str) -> list:
    return yaml.safe_load((ROOT / "docs" / "cases" / slug / "case.yml").read_text(encoding="utf-8"))["sources"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_each_source_says_where_its_title_and_date_come_from(site, slug, lang):
    t = STRINGS(lang)
    items = site.soup(f"{prefix(lang)}cases/{slug}/").select(".case-sources li")
    sources = _sources(slug)
    assert len(items) == len(sources)
    for item, source in zip(items, sources, strict=True):
        note = item.select_one(".case-sources__note")
        if source.get("title_from") == "address":
            assert note is not None and note.get_text(strip=True) == f"({t('case.title_from_address')})"
        else:
            assert note is None
        date = item.select_one(".case-sources__date").get_text(strip=True)
        if source.get("published"):
            assert date == t("case.source_published", date=views.format_when(str(source["published"]), t("site.locale")))
        else:
            assert date == t("case.source_undated")


def test_open_data_keeps_the_source_marks(site):
    records = {record["slug"]: record for record in json.loads(site.file("cases.json").read_text(encoding="utf-8"))["cases"]}
    for slug in SLUGS:
        for kept, source in zip(records[slug]["sources"], _sources(slug), strict=True):
            assert kept.get("title_from") == source.get("title_from")
            assert kept.get("published") == source.get("published")


@pytest.mark.parametrize("lang", LANGS)
def test_a_dated_source_shows_its_date_in_the_page_s_language(fixture_site, lang):
    """The fixture case's source gives its publication date (tests/collection.py)."""
    from collection import SLUG
    t = STRINGS(lang)
    item = fixture_site.soup(f"{prefix(lang)}cases/{SLUG}/").select_one(".case-sources li")
    assert item.select_one(".case-sources__date").get_text(strip=True) == t("case.source_published", date=views.format_when("2019-05", t("site.locale")))
    assert item.select_one(".case-sources__note") is None


def test_a_bare_year_is_a_date(tmp_path):
    """start: 2013 and a source's published: 2019 (YYYY, as CONTRIBUTING allows) are dates, not
    numbers the schema refuses."""
    from collection import SLUG, make_project
    root = make_project(tmp_path / "p")
    facts = root / "docs" / "cases" / SLUG / "case.yml"
    text = facts.read_text(encoding="utf-8").replace("start: 2020-01", "start: 2013").replace("end: 2020-06", "end: 2014")
    facts.write_text(text.replace("published: 2019-05", "published: 2019"), encoding="utf-8")
    collection = project.load(root)
    assert collection.problems == []
    case = collection.cases[SLUG]
    assert (case.facts["start"], case.facts["end"], case.facts["sources"][0]["published"]) == ("2013", "2014", "2019")
