"""The built site, read as HTML: every case in every language, in that language.

The tests of the real collection iterate over the language registry and whatever cases
docs/cases/ holds, and take every expectation from the data (case.yml, the texts' front matter,
docs/tags.yml, the UI strings, mkdocs.yml) or from Babel. The facts box's formatting of known
values (a period, a count of participants, a country) is checked on the fixture collection
(tests/collection.py), whose one case has all of them in every language."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import collection
import markdown
import pytest
import yaml
from babel import Locale
from babel.dates import get_month_names
from bs4 import BeautifulSoup

from casekit import layout, model, project, yamlines
from conftest import DEFAULT, LANGS, REGIONS_OF, ROOT, SLUGS, prefix

STRINGS = project.strings_for(ROOT)
VOCABULARY = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))["tags"]
# The rows of the facts box and the four sections of a case: the site's machinery, not content.
FACT_KEYS = ("implementing", "partners", "funders", "countries", "places", "region", "period", "participants",
             "original_language", "reviewed")
SECTION_KEYS = ("context", "what_was_done", "results", "lessons")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags (!ENV, …)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
NAV = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["nav"]


# --- what the data says --------------------------------------------------------------------

def _case_facts(root: Path, slug: str) -> dict:
    """The facts as the validator reads them (a year alone is a date, as text)."""
    return model.read_facts(root / "docs" / "cases" / slug / "case.yml")


def _front(path: Path) -> dict:
    front, _body, _line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
    return yamlines.load(front).data if front else {}


def _published(root: Path, slug: str, lang: str) -> dict | None:
    """The front matter of the case's text in ``lang``, or None where it has no published one."""
    facts = _case_facts(root, slug)
    if lang != facts.get("original_language") and lang in (facts.get("pending") or []):
        return None  # a draft: not published
    path = root / "docs" / "cases" / slug / layout.text_filename(lang, DEFAULT)
    return _front(path) if path.is_file() else None


def _shown(root: Path, slug: str, lang: str) -> tuple:
    """The language and front matter of the text a page in ``lang`` shows: its own, else the original."""
    for candidate in (lang, _case_facts(root, slug).get("original_language"), DEFAULT):
        front = _published(root, slug, candidate)
        if front is not None:
            return candidate, front
    raise AssertionError(f"{slug} has no text")


def _language_name(code: str, lang: str) -> str:
    return Locale.parse(lang).languages.get(code, code)


def _month_names(month: int, lang: str) -> set:
    return {get_month_names("wide", context, locale=lang)[month].casefold() for context in ("format", "stand-alone")}


def _shows_date(text: str, value, lang: str) -> bool:
    """Whether ``text`` writes the ISO date ``value`` (year, year-month or full date) with its year,
    the month's name in ``lang`` (Babel) and its day."""
    parts = [int(part) for part in str(value).split("-")]
    checks = [re.search(rf"(?<!\d){parts[0]}(?!\d)", text) is not None]
    if len(parts) > 1:
        checks.append(any(name in text.casefold() for name in _month_names(parts[1], lang)))
    if len(parts) > 2:
        checks.append(re.search(rf"(?<!\d)0?{parts[2]}(?!\d)", text.replace(str(parts[0]), "")) is not None)
    return all(checks)


def _around(template: str) -> tuple:
    """The text a UI string with one {placeholder} puts before and after it."""
    before, _field, after = re.split(r"\{(\w+)\}", template, maxsplit=1)
    return before, after


def _assert_period(text: str, start, end, lang: str, where: str):
    t = STRINGS(lang)
    if start and end and start != end:
        first, _dash, last = text.partition(" – ")
        assert _shows_date(first, start, lang) and _shows_date(last, end, lang), f"{where}: period {text!r}"
    elif start and end:
        assert _shows_date(text, start, lang), f"{where}: period {text!r}"
    elif start or end:
        before, after = _around(t.get("facts.since" if start else "facts.until"))
        assert text.startswith(before) and text.endswith(after), f"{where}: period {text!r}"
        assert _shows_date(text[len(before): len(text) - len(after)], start or end, lang), f"{where}: period {text!r}"
    else:
        assert text == t("facts.not_stated"), f"{where}: period"


def _participants(participants: dict, lang: str) -> list:
    """Each count as the UI strings write it, in the plural form Babel's CLDR rule picks."""
    t = STRINGS(lang)
    out = []
    for kind, value in (participants or {}).items():
        if isinstance(value, dict):  # {more_than: N} or {about: N}
            bound = next(iter(value))
            out.append(t.get(f"facts.{bound}_{kind}").format(count=t.number(value[bound])))
        else:
            forms = t.get(f"facts.{kind}")
            out.append(forms.get(Locale.parse(lang).plural_form(value), forms["other"]).format(count=value))
    return out


def _facts_box(soup, lang: str, where: str) -> dict:
    """Each fact of the box: its text, or "not stated" for the facts named on the box's last
    line (the facts the sources do not state), which follows every stated fact's row."""
    t = STRINGS(lang)
    box = {row["data-fact"]: row.find("dd").get_text(" ", strip=True) for row in soup.select(".case-facts__row[data-fact]")}
    assert t("facts.not_stated") not in box.values(), f"{where}: an unstated fact has a row of its own"
    line = soup.select(".case-facts__unstated")
    assert len(line) <= 1, where
    if line:
        assert line[0].find_next_sibling() is None, f"{where}: the stated facts come first"
        assert line[0].find("dt").get_text(strip=True) == t("facts.not_stated"), where
        for name in line[0].select("dd [data-fact]"):
            assert name.get_text(strip=True) == t(f"facts.{name['data-fact']}"), f"{where}: {name['data-fact']}"
            assert name["data-fact"] not in box, f"{where}: {name['data-fact']} is stated and not stated"
            box[name["data-fact"]] = t("facts.not_stated")
    return box


def _assert_facts_box(soup, facts: dict, shown_front: dict, lang: str, where: str):
    """The facts box of a page in ``lang`` shows ``facts`` (case.yml) in that language."""
    t = STRINGS(lang)
    box = _facts_box(soup, lang, where)
    assert set(box) == set(FACT_KEYS), where

    def listed(values):
        return ", ".join(values) if values else t("facts.not_stated")

    for key in ("implementing", "partners", "funders"):
        assert box[key] == listed(facts.get(key) or []), f"{where}: {key}"
    assert box["countries"] == listed([Locale.parse(lang).territories[code] for code in facts.get("countries") or []]), f"{where}: countries"
    places = list(facts.get("places") or [])
    own = shown_front.get("places")
    if isinstance(own, list) and len(own) == len(places):
        places = own  # the text gives the names in its language
    assert box["places"] == listed(places), f"{where}: places"
    regions = REGIONS_OF(facts.get("countries"))  # from the countries
    assert box["region"] == listed([VOCABULARY[region]["label"][lang] for region in regions]), f"{where}: region"
    _assert_period(box["period"], facts.get("start"), facts.get("end"), lang, where)
    assert box["participants"] == listed(_participants(facts.get("participants"), lang)), f"{where}: participants"
    name = _language_name(facts["original_language"], lang)
    assert box["original_language"] == name[:1].upper() + name[1:], f"{where}: original language"
    if facts.get("reviewed"):
        assert _shows_date(box["reviewed"], facts["reviewed"], lang), f"{where}: reviewed {box['reviewed']!r}"
    else:
        assert box["reviewed"] == t("facts.not_stated"), f"{where}: reviewed"


def _assert_facts_labels(soup, lang: str):
    t = STRINGS(lang)
    labels = {row["data-fact"]: row.select_one("dt").get_text(strip=True) for row in soup.select(".case-facts__row[data-fact]")}
    unstated = {name["data-fact"]: name.get_text(strip=True) for name in soup.select(".case-facts__unstated dd [data-fact]")}
    assert sorted([*labels, *unstated]) == sorted(FACT_KEYS)
    for key, label in labels.items():
        entries = soup.select_one(f'.case-facts__row[data-fact="{key}"] dd').get_text(strip=True).split(", ")
        # countries and regions: the plural label when there are several ("Countries: Kenya, Serbia")
        many = key in ("countries", "region") and len(entries) > 1
        assert label == t(f"facts.{key}_many" if many else f"facts.{key}"), key
    for key, label in unstated.items():
        assert label == t(f"facts.{key}"), key
    assert soup.select_one("#case-facts").get_text(strip=True) == t("facts.heading")
    assert soup.select_one("#case-sources").get_text(strip=True) == t("case.sources")


def _assert_source_notes(soup, facts: dict, lang: str, where: str):
    """Each source says the language it is written in, unless it is the page's language."""
    t = STRINGS(lang)
    items = soup.select(".case-sources li")
    sources = facts.get("sources") or []
    assert len(items) == len(sources), where
    for item, source in zip(items, sources, strict=True):
        note = item.select_one(".case-sources__language")
        if source.get("language") == lang:
            assert note is None, where
        else:
            expected = t("case.source_language", language=_language_name(source.get("language"), lang))
            assert note is not None and note.get_text(strip=True) == f"({expected})", where
        assert item.select_one("cite")["lang"] == source.get("language"), where


def _headings(article) -> list:
    return [h.get_text(strip=True).rstrip("¶") for h in article.select("article.case > h2")]


def _sections(lang: str) -> list:
    return [STRINGS(lang)(f"sections.{key}") for key in SECTION_KEYS]


def _text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).replace(" ,", ",")


def _assert_not_a_copy(page, other):
    """``page`` shows its own words, not those of ``other``."""
    assert _text(page.select_one("article.case h1")) != _text(other.select_one("article.case h1"))
    assert _text(page.select_one(".case__summary")) != _text(other.select_one(".case__summary"))
    theirs = {_text(p) for p in other.select("article.case > p") if "case__summary" not in p.get("class", [])}
    mine = {_text(p) for p in page.select("article.case > p") if "case__summary" not in p.get("class", [])}
    assert mine, "the page has no paragraphs"
    assert not mine & theirs


# --- the fixture collection: one made-up case with known facts, in every language --------------

@pytest.mark.parametrize("lang", LANGS)
def test_fixture_case_is_shown_in_its_own_language(fixture_site, lang):
    assert collection.languages() == LANGS
    soup = fixture_site.soup(f"{prefix(lang)}cases/{collection.SLUG}/")
    assert soup.html["lang"] == lang
    article = soup.select_one("article.case")
    assert article is not None, "the case page has no case article"
    # the text shown is this language's own, current text: no fallback, no notice
    assert article["lang"] == lang
    assert soup.select_one(".case-notice") is None
    front = _front(fixture_site.root / "docs" / "cases" / collection.SLUG / collection.text_name(lang))
    assert _text(article.select_one("h1")) == front["title"]
    assert [h for h in _headings(article) if h in _sections(lang)] == _sections(lang)


@pytest.mark.parametrize("lang", LANGS[1:])
def test_fixture_translation_is_not_the_default_page(fixture_site, lang):
    default = fixture_site.soup(f"cases/{collection.SLUG}/")
    other = fixture_site.soup(f"{prefix(lang)}cases/{collection.SLUG}/")
    _assert_not_a_copy(other, default)


@pytest.mark.parametrize("lang", LANGS)
def test_fixture_facts_box_in_every_language(fixture_site, lang):
    """Period, participants, country, place, region, organisations, original language and review
    date of the fixture case, as Babel and the UI strings of ``lang`` write them."""
    facts = _case_facts(fixture_site.root, collection.SLUG)
    # the fixture has every fact the box formats, so that none is only ever "not stated" here
    assert facts["start"] and facts["end"] and facts["start"] != facts["end"] and facts["participants"] and facts["countries"]
    soup = fixture_site.soup(f"{prefix(lang)}cases/{collection.SLUG}/")
    box = _facts_box(soup, lang, f"{collection.SLUG} ({lang})")
    start_year, start_month = (int(part) for part in facts["start"].split("-"))
    end_year, end_month = (int(part) for part in facts["end"].split("-"))
    first, _dash, last = box["period"].partition(" – ")
    assert any(name in first.casefold() for name in _month_names(start_month, lang)) and str(start_year) in first, box["period"]
    assert any(name in last.casefold() for name in _month_names(end_month, lang)) and str(end_year) in last, box["period"]
    for count in facts["participants"].values():
        assert str(count) in box["participants"]
    assert box["countries"] == ", ".join(Locale.parse(lang).territories[code] for code in facts["countries"])
    _assert_facts_box(soup, facts, _front(fixture_site.root / "docs" / "cases" / collection.SLUG / collection.text_name(lang)),
                      lang, f"{collection.SLUG} ({lang})")
    _assert_facts_labels(soup, lang)
    _assert_source_notes(soup, facts, lang, f"{collection.SLUG} ({lang})")


# --- the real collection -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_case_exists_in_its_language(site, slug, lang):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    assert soup.html["lang"] == lang
    article = soup.select_one("article.case")
    assert article is not None, "the case page has no case article"
    shown, front = _shown(ROOT, slug, lang)
    # the text shown is this language's own text where it has one, else the original with a notice
    assert article["lang"] == shown
    notice = soup.select_one(".case-notice")
    if shown == lang:
        if notice is not None:  # a translation older than its original says so
            assert notice["data-state"] == "outdated"
            original = _case_facts(ROOT, slug)["original_language"]
            assert STRINGS(lang)("case.outdated", language=_language_name(original, lang)) in _text(notice)
    else:
        assert notice is not None and notice["data-state"] == "missing"
    assert _text(article.select_one("h1")) == front["title"]
    assert [h for h in _headings(article) if h in _sections(shown)] == _sections(shown)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", LANGS[1:])
def test_translation_shows_its_own_text(site, slug, lang):
    """A translation's page shows the words of its own file. (Not "differs from the default
    language's page": a title may be the same in two languages, a proper name.)"""
    shown, front = _shown(ROOT, slug, lang)
    if shown != lang:
        pytest.skip(f"{slug} has no published text in {lang}")
    article = site.soup(f"{prefix(lang)}cases/{slug}/").select_one("article.case")
    assert article["lang"] == lang
    assert _text(article.select_one(".case__summary")) == " ".join(str(front["summary"]).split())
    _front_matter, body, _line = yamlines.split_front_matter(
        (ROOT / "docs" / "cases" / slug / layout.text_filename(lang, DEFAULT)).read_text(encoding="utf-8"))
    first = BeautifulSoup(markdown.markdown(body), "lxml").select_one("body > p")
    assert first is not None and _text(first) in {_text(p) for p in article.select("article.case > p")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_facts_box_values(site, slug, lang):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    _assert_facts_box(soup, _case_facts(ROOT, slug), _shown(ROOT, slug, lang)[1], lang, f"{slug} ({lang})")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_facts_box_labels_are_in_the_page_language(site, slug, lang):
    _assert_facts_labels(site.soup(f"{prefix(lang)}cases/{slug}/"), lang)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", LANGS)
def test_language_selector_links_to_the_same_case(site, slug, lang):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert set(links) == set(LANGS)
    depth = 2 + (lang != DEFAULT)
    for other in LANGS:
        expected = "./" if other == lang else "../" * depth + f"{prefix(other)}cases/{slug}/"
        assert links[other] == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_tags_are_in_the_page_language(site, slug, lang):
    facts = _case_facts(ROOT, slug)
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    chips = {chip["data-tag"]: chip.get_text(strip=True) for chip in soup.select("article.case .case-tags [data-tag]")}
    assert list(chips) == facts["tags"]
    for tag_id, label in chips.items():
        assert label == VOCABULARY[tag_id]["label"][lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_source_language_note(site, slug, lang):
    _assert_source_notes(site.soup(f"{prefix(lang)}cases/{slug}/"), _case_facts(ROOT, slug), lang, f"{slug} ({lang})")


def _nav_titles(lang: str) -> list:
    """The titles of mkdocs.yml's nav pages in ``lang``: each page's front matter title."""
    titles = []
    for entry in NAV:
        if isinstance(entry, dict):
            titles.extend(entry)
            continue
        path = ROOT / "docs" / (entry if lang == DEFAULT else re.sub(r"\.md$", f".{lang}.md", entry))
        if not path.is_file():
            path = ROOT / "docs" / entry
        title = _front(path).get("title")
        if title:
            titles.append(title)
    return titles


@pytest.mark.parametrize("lang", LANGS)
def test_site_name_and_navigation_in_the_page_language(site, lang):
    t = STRINGS(lang)
    site_name = t("site.name")
    for page in ("", "cases/", *(f"cases/{slug}/" for slug in SLUGS)):
        soup = site.soup(f"{prefix(lang)}{page}")
        assert soup.html["lang"] == lang
        assert soup.title.get_text().endswith(site_name) or soup.title.get_text() == site_name
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == site_name
    nav = [a.get_text(" ", strip=True) for a in site.soup(f"{prefix(lang)}cases/").select(".md-nav--primary .md-nav__link")]
    expected = _nav_titles(lang)
    assert len(expected) >= 2
    assert [n for n in nav if n in expected] == expected
    search_placeholder = site.soup(prefix(lang)).select_one("#site-search-query")["placeholder"]
    assert search_placeholder == t("search.placeholder")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "cases/"])
def test_home_and_catalogue_list_every_case(site, lang, page):
    soup = site.soup(f"{prefix(lang)}{page}")
    cards = soup.select(".case-card")
    assert sorted(card["data-case"] for card in cards) == sorted(SLUGS)
    for card in cards:
        link = card.select_one(".case-card__title a")
        assert urljoin(f"/{prefix(lang)}{page}", link["href"]) == f"/{prefix(lang)}cases/{card['data-case']}/"
        shown, front = _shown(ROOT, card["data-case"], lang)
        assert card["lang"] == shown
        assert link.get_text(strip=True) == front["title"]
        assert card.select_one(".case-card__summary").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGS)
def test_cases_are_not_in_the_sidebar(site, lang):
    for slug in SLUGS:
        soup = site.soup(f"{prefix(lang)}cases/{slug}/")
        nav_links = [a.get("href", "") for a in soup.select(".md-nav--primary a")]
        assert nav_links, "the page has no primary navigation"
        assert not any("cases/" in href and href.rstrip("/").split("/")[-1] in SLUGS for href in nav_links)


def test_no_page_loads_anything_from_another_host(site):
    """Nothing a page loads (scripts, styles, images, fonts, icons) comes from another host."""
    from bs4 import BeautifulSoup
    loads = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect", "dns-prefetch"}
    for html in site.path.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html
        soup = BeautifulSoup(text, "lxml")
        for tag in soup.find_all(src=True):
            assert not re.match(r"^(https?:)?//", tag["src"]), f"{html}: {tag}"
        for tag in soup.find_all("link", href=True):
            if loads & set(tag.get("rel", [])):
                assert not re.match(r"^(https?:)?//", tag["href"]), f"{html}: {tag}"
    for css in site.path.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_data_files_are_not_published(site):
    assert not list(site.path.rglob("*.yml"))
