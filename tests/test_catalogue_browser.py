"""The catalogue's filters, sorting, tag chips and the language selector, in Chromium, in every
language, on a phone (390 px) and on a desktop. The filter values come from the cases' facts and
every expected set or order of cards is computed from them, so that the tests hold whatever cases
the collection holds; where the real collection has too few cases to show a behaviour, a fixture
collection of the tests' own (tests/collection.py) is built with more."""
from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from casekit import project, yamlines
from casekit.facets import FACETS
from conftest import LANGS, REGIONS_OF, ROOT, SLUGS, WIDTHS, Visit, build, new_context, prefix, press, serve, wait_for
from conftest import box as box_of

FACTS = {slug: yamlines.load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")).data for slug in SLUGS}
VOCABULARY = yaml.safe_load((ROOT / "docs/tags.yml").read_text(encoding="utf-8"))["tags"]
STRINGS = project.strings_for(ROOT)
THEMES = sorted({tag for facts in FACTS.values() for tag in facts.get("tags") or [] if VOCABULARY[tag]["facet"] == "theme"})


def _visible_cards(page) -> list:
    return sorted(page.locator(".case-card:visible").evaluate_all("cards => cards.map(c => c.dataset.case)"))


def _years(facts) -> tuple:
    """The first and last year of a case's period, (None, None) when the sources give no date."""
    start, end = (int(str(facts[key])[:4]) if facts.get(key) else None for key in ("start", "end"))
    return start or end, end or start


def _expected(themes=(), countries=(), years=None) -> list:
    """The cases the catalogue keeps: every theme, any of the countries, a period overlapping the years."""
    out = []
    for slug, facts in FACTS.items():
        if not all(t in (facts.get("tags") or []) for t in themes):
            continue
        if countries and not set(countries) & set(facts.get("countries") or []):
            continue
        if years:
            start, end = _years(facts)
            if start is None or end < years[0] or start > years[1]:
                continue
        out.append(slug)
    return sorted(out)


def _values(facts, group) -> list:
    """What a case offers to a filter group (the card's data attributes)."""
    if group == "country":
        return facts.get("countries") or []
    if group == "region":  # from the countries
        return REGIONS_OF(facts.get("countries"))
    return facts.get("tags") or []


def _narrowing(expected) -> bool:
    return 0 < len(expected) < len(SLUGS)


def _combination():
    """Two themes that some but not all cases share, and a country of those cases: preferably one
    that narrows them further, and themes whose combination is narrower than either alone."""
    found = []
    for a, b in itertools.combinations(THEMES, 2):
        both = _expected(themes=(a, b))
        if not _narrowing(both):
            continue
        for country in sorted({c for slug in both for c in FACTS[slug].get("countries") or []}):
            narrower = len(_expected(themes=(a, b), countries=(country,))) < len(both)
            combined = both != _expected(themes=(a,)) and both != _expected(themes=(b,))
            found.append((not narrower, not combined, a, b, country))
    if not found:
        pytest.skip("the collection has no two themes that some but not all cases share")
    return min(found)[2:]


def _year_range():
    """A year range that keeps some but not all cases; preferably one that leaves out a dated case
    too (not only the undated ones) and cuts a kept case's period (the period overlaps the range)."""
    dated = [slug for slug in SLUGS if _years(FACTS[slug])[0]]
    years = sorted({year for slug in dated for year in _years(FACTS[slug])})
    found = []
    for low, high in itertools.combinations_with_replacement(years, 2):
        kept = _expected(years=(low, high))
        if _narrowing(kept):
            leaves_dated = set(dated) - set(kept)
            cuts = any(_years(FACTS[slug])[0] < low or _years(FACTS[slug])[1] > high for slug in kept)
            found.append((not leaves_dated, not cuts, low, high))
    if not found:
        pytest.skip("no year range keeps some but not all cases (no dated case, or every case in every range)")
    return min(found)[2:]


def _count_text(lang, n):
    return STRINGS(lang)("catalogue.count", count=n)


def _switch_language(page, lang):
    page.locator(".md-header__option .md-select button").first.click()
    with page.expect_navigation():
        page.locator(f".md-select__list a[hreflang='{lang}']").click()


@pytest.mark.parametrize("lang", LANGS)
def test_filter_combination_survives_reload_and_language_switch(server, visit, lang):
    first, second, country = _combination()
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/")
    page.locator("#case-filters > summary").click()
    page.locator(f"input[name=theme][value={first}]").check()
    page.locator(f"input[name=theme][value={second}]").check()
    expected = _expected(themes=(first, second))
    assert _narrowing(expected)
    assert _visible_cards(page) == expected
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(expected))
    page.locator(f"input[name=country][value={country}]").check()
    expected_country = _expected(themes=(first, second), countries=(country,))
    assert _visible_cards(page) == expected_country
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(expected_country))
    assert f"theme={first}" in page.url and f"country={country}" in page.url
    # the URL is the state: a reload gives the same cards
    page.reload()
    assert _visible_cards(page) == expected_country
    assert page.locator(f"input[name=theme][value={first}]").is_checked()
    # back removes the last filter
    page.go_back()
    assert _visible_cards(page) == expected
    assert not page.locator(f"input[name=country][value={country}]").is_checked()
    # the language selector keeps the filters
    if len(LANGS) > 1:
        other = LANGS[(LANGS.index(lang) + 1) % len(LANGS)]
        _switch_language(page, other)
        assert page.url.startswith(f"{server}{prefix(other)}cases/?")
        assert page.locator("html").get_attribute("lang") == other
        assert _visible_cards(page) == expected
    assert visit.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_year_range_and_option_counts(server, visit, lang):
    low, high = _year_range()
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/?from={low}&to={high}")
    kept = _expected(years=(low, high))
    assert _visible_cards(page) == kept
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(kept))
    # each option says how many of the cases shown it would give
    options = page.locator("#case-filters input[type=checkbox]").evaluate_all(
        "inputs => inputs.map(i => [i.name, i.value, i.parentNode.querySelector('.case-filters__count').textContent])")
    assert options
    for group, value, count in options:
        assert count == f"({sum(value in _values(FACTS[slug], group) for slug in kept)})", (group, value)
    page.locator("#case-filters button[type=reset]").click()
    wait_for(page, f"document.querySelectorAll('.case-card:not([hidden])').length === {len(SLUGS)}")
    assert "?" not in page.url
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(SLUGS))


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_without_javascript_is_the_full_list(browser, server, lang):
    theme = next((t for t in THEMES if _narrowing(_expected(themes=(t,)))), THEMES[0] if THEMES else "none")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}{prefix(lang)}cases/?theme={theme}")
    assert len(page.locator(".case-card:visible").all()) == len(SLUGS)
    assert not page.locator("#case-filters").is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_filters_work_from_the_keyboard(server, visit, lang):
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/")
    page.locator("#case-filters > summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.tagName") == "SUMMARY":  # the first group's own toggle
        assert page.evaluate("document.activeElement.parentNode.open")
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name + ':' + document.activeElement.value")
    assert focused.startswith("theme:")
    page.keyboard.press("Space")
    value = focused.split(":", 1)[1]
    expected = _expected(themes=(value,))
    assert _visible_cards(page) == expected
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(expected))
    assert page.locator("#case-list-count").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("lang", LANGS)
def test_tag_chip_leads_to_its_tag_page_in_the_same_language(server, visit, lang):
    slug = SLUGS[0]
    tag = FACTS[slug]["tags"][0]
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/{slug}/")
    chip = page.locator(f"article.case .case-tags a[data-tag={tag}]")
    label = chip.inner_text()
    assert label == VOCABULARY[tag]["label"][lang]
    with page.expect_navigation():
        chip.click()
    assert page.url == f"{server}{prefix(lang)}tags/{tag}/"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == label
    assert page.locator(f".case-card[data-case={slug}]").count() == 1
    cards = sorted(page.locator(".case-card").evaluate_all("cards => cards.map(c => c.dataset.case)"))
    assert cards == [s for s in SLUGS if tag in (FACTS[s].get("tags") or [])]
    # and the selector on the tag page keeps the tag
    if len(LANGS) > 1:
        other = LANGS[LANGS.index(lang) - 1]
        _switch_language(page, other)
        assert page.url == f"{server}{prefix(other)}tags/{tag}/"
    assert visit.console_errors == []


# --- Filters on a phone and on a desktop, sorting (#13) ---------------------------------------

VIEWPORTS = MappingProxyType({"phone": (390, 844), "desktop": (1280, 800)})  # width, height in CSS pixels
MODES = MappingProxyType({facet.id: facet.match for facet in FACETS})
SORTS = ("title", "added", "period")  # the catalogue's orders; the first is the order of the built page
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()

# The fixture catalogue: cases with known facts, some undated, several added the same day, and
# titles with accents, capitals and another script, assigned to other cases in each language (so
# that each language has its own order by title).
CATALOGUE_TITLES = ("Δέλτα του ποταμού", "Árboles y agua", "abejas del valle", "Zapatos de barro", "Éxito local",
                    "Ñandúes del sur", "oasis urbano", "École rurale", "Ubuntu en red")  # the first is in every language
CATALOGUE_CASES = (  # added, start, end, indexes of themes, countries
    ("2025-03-01", "2019-04", "2020-02", (0, 1), ["CO"]),
    ("2025-03-01", None, None, (0,), ["PE"]),
    ("2025-01-15", "2021", "2022", (0, 1), ["CO"]),
    ("2024-12-01", "2015-06", "2016-01", (1,), ["KE"]),
    ("2025-06-30", None, None, (1, 2), ["KE"]),
    ("2024-12-01", "2021-03", "2021-09", (0,), ["PE"]),
    ("2025-02-01", None, None, (2,), ["CO"]),
    ("2023-05-05", "2018", None, (0, 1), ["KE"]),
)


class Catalogue:
    """A built collection, served: its address, its cases' facts and each language's card titles."""

    def __init__(self, address: str, root: Path, site_dir: Path):
        self.address = address
        folders = sorted(path.parent for path in (root / "docs" / "cases").glob("*/case.yml"))
        self.facts = {folder.name: yamlines.load((folder / "case.yml").read_text(encoding="utf-8")).data for folder in folders}
        self.slugs = tuple(self.facts)
        self.titles = {}
        for lang in LANGS:
            soup = BeautifulSoup((site_dir / prefix(lang) / "cases" / "index.html").read_text(encoding="utf-8"), "lxml")
            self.titles[lang] = {card["data-case"]: card.select_one(".case-card__title").get_text(strip=True)
                                 for card in soup.select("article.case-card")}

    def url(self, lang: str, query: str = "") -> str:
        return f"{self.address}{prefix(lang)}cases/{query}"


@pytest.fixture(scope="module")
def real(server, site) -> Catalogue:
    return Catalogue(server, ROOT, site.path)


@pytest.fixture(scope="module")
def fixture_catalogue(tmp_path_factory) -> Catalogue:
    """The fixture collection of CATALOGUE_CASES (and tests/collection.py's own case), built and served."""
    import collection
    root = collection.make_project(tmp_path_factory.mktemp("catalogue") / "p")
    themes = [tag for tag, entry in VOCABULARY.items() if entry["facet"] == "theme"]
    for number, (added, start, end, theme_indexes, countries) in enumerate(CATALOGUE_CASES):
        def title(lang, number=number):
            return CATALOGUE_TITLES[(number + 3 * LANGS.index(lang)) % len(CATALOGUE_TITLES)]
        collection.write_case(root / "docs", f"catalogue-case-{number}", title=title, added=added, start=start, end=end,
                              tags=[themes[i] for i in theme_indexes], countries=countries)
    out = tmp_path_factory.mktemp("catalogue-site") / "site"
    result = build(root, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    with serve(out) as address:
        yield Catalogue(address, root, out)


def _size(viewport: str) -> dict:
    width, height = VIEWPORTS[viewport]
    return {"width": width, "height": height}


def _open(visit, catalogue: Catalogue, lang: str, viewport: str, query: str = ""):
    page = visit.page
    page.set_default_timeout(5000)
    page.set_viewport_size(_size(viewport))
    page.goto(catalogue.url(lang, query))
    return page


def _open_panel(page):
    if page.locator("#case-filters").get_attribute("open") is None:
        page.locator("#case-filters > summary").click()


def _tick(page, group: str, value: str, check: bool = True):
    """Tick (or untick) an option, opening its group first where it is collapsed (on a phone)."""
    _open_panel(page)
    folded = page.locator(f"#case-filters details:has(> fieldset[data-group='{group}'])")
    if folded.count() and folded.get_attribute("open") is None:
        folded.locator("> summary").click()
    box = page.locator(f"#case-filters input[name='{group}'][value='{value}']")
    box.set_checked(check)
    return box


def _unfold(page) -> None:
    """Open every folded group of the panel."""
    folded = page.locator("#case-filters details:not([open]) > summary")
    while folded.count():
        folded.first.click()


def _matching(catalogue: Catalogue, state: dict, years=None, except_group=None) -> list:
    """The cases that ``state`` ({group: [values]}) and the year range keep, in slug order."""
    out = []
    for slug, facts in catalogue.facts.items():
        ok = True
        for group, chosen in state.items():
            if group == except_group or not chosen:
                continue
            have = _values(facts, group)
            ok = ok and (all if MODES[group] == "all" else any)(value in have for value in chosen)
        if ok and years:
            start, end = _years(facts)
            low, high = years
            ok = start is not None and (low is None or end >= low) and (high is None or start <= high)
        if ok:
            out.append(slug)
    return out


def _option_count(catalogue, state, years, group, value) -> int:
    """How many cases ticking ``value`` would give ("any": added to the group's others)."""
    pool = _matching(catalogue, state, years, except_group=group if MODES[group] == "any" else None)
    return sum(value in _values(catalogue.facts[slug], group) for slug in pool)


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["height"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]


def _shown_in_order(page) -> list:
    return page.locator(".case-card:visible").evaluate_all("cards => cards.map(c => c.dataset.case)")


def _fold(text: str) -> str:
    """A title as the catalogue compares it: without accents, case folded."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _sorted(catalogue: Catalogue, lang: str, key: str, slugs) -> list:
    """``slugs`` in the catalogue's order ``key``: by title (accents and capitals ignored), newest
    added first, or latest period first (by its start; undated cases last); ties by title."""
    titles = catalogue.titles[lang]
    by_title = sorted(slugs, key=lambda slug: (_fold(titles[slug]), slug))
    if key == "title":
        return by_title
    if key == "added":
        return sorted(by_title, key=lambda slug: str(catalogue.facts[slug].get("added") or ""), reverse=True)
    facts = catalogue.facts

    def began(slug):
        when = facts[slug].get("start") or facts[slug].get("end")
        return (when is not None, str(when or ""))
    return sorted(by_title, key=began, reverse=True)


def _options(page) -> list:
    return page.locator("#case-filters input[type=checkbox]").evaluate_all(
        "inputs => inputs.map(i => [i.name, i.value, i.checked, i.disabled])")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_count_and_show_button_beside_the_ticked_box(real, visit, lang, viewport):
    page = _open(visit, real, lang, viewport)
    _open_panel(page)
    if viewport == "phone":  # the open panel stays about a screen tall: long groups fold
        assert page.locator("#case-filters").bounding_box()["height"] <= _size("phone")["height"]
    options = _options(page)
    groups = list(dict.fromkeys(group for group, *_ in options))
    t = STRINGS(lang)
    for group in (groups[0], groups[-1]):  # the first box of the panel and one far down it
        value = next(value for name, value, _checked, _disabled in options if name == group)
        box = _tick(page, group, value)
        expected = _matching(real, {group: [value]})
        status = page.locator("#case-filters .case-filters__status")
        button = page.locator("#case-filters button.case-filters__show")
        assert _in_viewport(page, box), (group, value)
        assert _in_viewport(page, status) and _in_viewport(page, button), (group, value)
        assert status.inner_text().startswith(_count_text(lang, len(expected)))
        assert button.inner_text().strip() == t("catalogue.filters.show", count=len(expected))
        _tick(page, group, value, check=False)
    box = _tick(page, groups[0], options[0][1])
    expected = _matching(real, {groups[0]: [options[0][1]]})
    page.locator("#case-filters button.case-filters__show").click()
    # the button leads to the results: their count in view and focused (read out), the cards after it
    count = page.locator("#case-list-count")
    wait_for(page, "document.activeElement && document.activeElement.id === 'case-list-count'")
    assert _in_viewport(page, count)
    assert count.inner_text() == _count_text(lang, len(expected))
    assert sorted(_visible_cards(page)) == sorted(expected)
    assert visit.console_errors == [] and visit.off_site() == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_options_without_cases_are_disabled(fixture_catalogue, visit, lang, viewport):
    catalogue = fixture_catalogue
    page = _open(visit, catalogue, lang, viewport)
    _open_panel(page)
    assert not any(disabled for *_rest, disabled in _options(page))  # every option has a case
    found_disabled = False
    for group, value, *_rest in _options(page):
        state = {group: [value]}
        _tick(page, group, value)
        _unfold(page)
        options = _options(page)
        for name, other, checked, disabled in options:
            count = _option_count(catalogue, state, None, name, other)
            assert disabled == (count == 0 and not checked), (group, value, name, other, count)
        disabled = sum(option[3] for option in options)
        found_disabled = found_disabled or disabled > 0
        # exposed as such to assistive technology
        assert page.get_by_role("checkbox", disabled=True).count() == disabled
        assert sorted(_visible_cards(page)) == _matching(catalogue, state)
        _tick(page, group, value, check=False)
    assert found_disabled, "the fixture collection should have options that no ticked case shares"
    assert visit.console_errors == []


def _undated_query(catalogue: Catalogue):
    """A 'from' year that keeps some dated cases and leaves some out, and a theme whose undated
    cases are exactly one (the singular) under it."""
    dated = sorted({_years(facts)[0] for facts in catalogue.facts.values() if _years(facts)[0]})
    low = dated[len(dated) // 2]
    themes = sorted({tag for facts in catalogue.facts.values() for tag in facts.get("tags") or []
                     if VOCABULARY[tag]["facet"] == "theme"})
    one = next(theme for theme in themes
               if sum(_years(catalogue.facts[slug])[0] is None for slug in _matching(catalogue, {"theme": [theme]})) == 1)
    return low, one


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_year_filter_says_how_many_undated_cases_it_leaves_out(fixture_catalogue, visit, lang, viewport):
    catalogue = fixture_catalogue
    low, theme = _undated_query(catalogue)
    t = STRINGS(lang)
    page = _open(visit, catalogue, lang, viewport)
    _open_panel(page)
    note = page.locator("#case-filters .case-filters__undated")
    listed = page.locator(".case-list__undated")
    assert note.inner_text().strip() == "" and listed.inner_text().strip() == ""  # no year: nothing left out
    year = page.locator("#case-filters input[name=from]")
    year.fill(str(low))
    year.press("Enter")
    undated = [slug for slug in catalogue.slugs if _years(catalogue.facts[slug])[0] is None]
    assert undated
    text = t("catalogue.filters.undated", count=len(undated))
    wait_for(page, "text => document.querySelector('.case-list__undated').textContent.trim() === text", arg=text)
    assert note.inner_text().strip() == text
    assert _in_viewport(page, year) and _in_viewport(page, note)  # beside the year just typed
    assert listed.get_attribute("aria-live") == "polite" or listed.get_attribute("role") == "status"
    assert sorted(_visible_cards(page)) == _matching(catalogue, {}, (low, None))
    # only the undated cases the other filters keep are counted: here one (the singular form)
    _tick(page, "theme", theme)
    assert note.inner_text().strip() == t("catalogue.filters.undated", count=1)
    assert listed.inner_text().strip() == t("catalogue.filters.undated", count=1)
    # the URL keeps the year; without it the note goes
    assert f"from={low}" in page.url
    year.fill("")
    year.press("Enter")
    wait_for(page, "document.querySelector('.case-list__undated').textContent.trim() === ''")
    assert note.inner_text().strip() == ""
    assert visit.console_errors == []


@pytest.mark.parametrize("key", SORTS)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_sorting(fixture_catalogue, visit, lang, viewport, key):
    catalogue = fixture_catalogue
    page = _open(visit, catalogue, lang, viewport)
    select = page.locator("select#case-sort")
    assert select.evaluate("s => Array.from(s.options).map(o => o.value)") == list(SORTS)
    # the built page is in the first order: the same with or without the script
    assert _shown_in_order(page) == _sorted(catalogue, lang, SORTS[0], catalogue.slugs)
    assert _in_viewport(page, select) or viewport == "desktop"
    select.select_option(key)
    expected = _sorted(catalogue, lang, key, catalogue.slugs)
    assert _shown_in_order(page) == expected
    assert (f"sort={key}" in page.url) == (key != SORTS[0])
    page.reload()
    assert page.locator("select#case-sort").input_value() == key
    assert _shown_in_order(page) == expected
    # sorting and filters together; either can change first
    theme = next(tag for tag in sorted({t for f in catalogue.facts.values() for t in f.get("tags") or []})
                 if VOCABULARY[tag]["facet"] == "theme" and 1 < len(_matching(catalogue, {"theme": [tag]})) < len(catalogue.slugs))
    _tick(page, "theme", theme)
    assert _shown_in_order(page) == _sorted(catalogue, lang, key, _matching(catalogue, {"theme": [theme]}))
    assert (f"sort={key}" in page.url) == (key != SORTS[0]) and f"theme={theme}" in page.url
    assert visit.console_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_sort_is_kept_across_a_language_switch(fixture_catalogue, visit, lang, viewport):
    if len(LANGS) < 2:
        pytest.skip("one language: no language selector")
    catalogue = fixture_catalogue
    other = LANGS[(LANGS.index(lang) + 1) % len(LANGS)]
    page = _open(visit, catalogue, lang, viewport)
    page.locator("select#case-sort").select_option(SORTS[-1])
    _switch_language(page, other)
    assert page.url.startswith(catalogue.url(other, "?")) and f"sort={SORTS[-1]}" in page.url
    assert page.locator("select#case-sort").input_value() == SORTS[-1]
    assert _shown_in_order(page) == _sorted(catalogue, other, SORTS[-1], catalogue.slugs)
    # back in the first language by the selector again
    page.locator("select#case-sort").select_option(SORTS[1])
    _switch_language(page, lang)
    assert f"sort={SORTS[1]}" in page.url
    assert _shown_in_order(page) == _sorted(catalogue, lang, SORTS[1], catalogue.slugs)
    assert visit.console_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_catalogue_is_the_full_list_in_its_order(browser, fixture_catalogue, lang, viewport):
    catalogue = fixture_catalogue
    context = browser.new_context(java_script_enabled=False, viewport=_size(viewport))
    page = context.new_page()
    theme = next(iter(sorted({t for f in catalogue.facts.values() for t in f.get("tags") or []})))
    page.goto(catalogue.url(lang, f"?theme={theme}&from=2000&sort={SORTS[-1]}"))
    assert _shown_in_order(page) == _sorted(catalogue, lang, SORTS[0], catalogue.slugs)
    assert not page.locator("#case-filters").is_visible()
    assert not page.locator("select#case-sort").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_wcag_violations_with_the_panel_open(real, visit, lang, viewport):
    low = min((_years(facts)[0] for facts in real.facts.values() if _years(facts)[0]), default=None)
    page = _open(visit, real, lang, viewport, f"?from={low}" if low else "")
    _open_panel(page)
    group, value = next((name, value) for name, value, _checked, disabled in _options(page) if not disabled)
    _tick(page, group, value)  # some options disabled now; the note on undated cases shown
    assert page.locator("#case-filters input:disabled").count() or not any(
        _option_count(real, {group: [value]}, (low, None) if low else None, *option[:2]) == 0 for option in _options(page))
    assert page.locator(".case-list__undated").inner_text().strip() or all(_years(f)[0] for f in real.facts.values())
    assert page.locator("#case-filters .case-filters__show").is_visible() and page.locator("select#case-sort").is_visible()
    _unfold(page)
    assert page.locator("#case-filters").get_attribute("open") is not None
    # target-size depends on where the content puts each control: checked on the fixture
    # (test_every_control_of_the_open_panel_is_a_finger_wide), not on today's cases
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"],
                                     "rules": {"target-size": {"enabled": False}}})
    violations = results.response["violations"]
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}" for v in violations)


MIN_TARGET = 24  # CSS pixels: WCAG 2.2's target size (2.5.8) without relying on the spacing exception


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_control_of_the_open_panel_is_a_finger_wide(fixture_catalogue, visit, lang, viewport):
    """A layout check, on the fixture catalogue: each control of the open panel (boxes, year
    fields, buttons, group headings) is at least 24 px square by itself, so that axe's target-size
    passes wherever the content puts it (next to another control, under the panel's sticky foot)."""
    page = _open(visit, fixture_catalogue, lang, viewport)
    _open_panel(page)
    _unfold(page)
    controls = page.locator("#case-filters input:visible, #case-filters button:visible, #case-filters summary:visible")
    assert controls.count()
    small = [(control.evaluate("e => e.outerHTML.slice(0, 80)"), box) for control in controls.all()
             if (box := control.bounding_box()) and (box["width"] < MIN_TARGET - 0.5 or box["height"] < MIN_TARGET - 0.5)]
    assert small == [], small


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_user_filters_from_the_keyboard(real, visit, lang):
    page = _open(visit, real, lang, "phone")
    page.locator("#case-filters > summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # the first group, folded
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    name, value = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    page.keyboard.press("Space")
    expected = _matching(real, {name: [value]})
    # from the ticked box, Tab reaches the results button; Enter leads to the results
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('case-filters__show')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('case-filters__show')")
    assert page.evaluate("document.activeElement.innerText").strip() == STRINGS(lang)("catalogue.filters.show", count=len(expected))
    page.keyboard.press("Enter")
    wait_for(page, "document.activeElement.id === 'case-list-count'")
    assert page.locator("#case-list-count").get_attribute("aria-live") == "polite"
    assert sorted(_visible_cards(page)) == sorted(expected)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_focus_is_never_hidden_behind_the_panels_foot(real, visit, lang, viewport):
    """WCAG 2.4.11: Tab through the open panel (every group unfolded); each box, group and year
    field stops in view, not under the sticky foot that holds the count and the results button."""
    page = _open(visit, real, lang, viewport)
    _open_panel(page)
    _unfold(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#case-filters > summary").focus()
    stops = page.locator("#case-filters input:enabled, #case-filters details.case-filters__group > summary").count()
    for _ in range(stops):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => {
            const focused = document.activeElement.getBoundingClientRect();
            const foot = document.querySelector('#case-filters .case-filters__footer').getBoundingClientRect();
            return {name: document.activeElement.name || document.activeElement.textContent.trim(),
                    top: focused.top, bottom: focused.bottom, foot: foot.top, height: innerHeight};
        }""")
        assert 0 <= where["top"] and where["bottom"] <= where["foot"] <= where["height"], where
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('case-filters__show')")


# --- On a phone: the filters in use above the results, the results below the header (#24) --------

def _below_the_header(page, locator) -> list:
    """What keeps ``locator``'s element from being read where the page put it (no scrolling):
    outside the viewport, under the sticky header, or covered. [] when nothing does."""
    where = box_of(locator)
    header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    problems = []
    if where["top"] < header - 0.5 or where["bottom"] > page.viewport_size["height"] + 0.5:
        problems.append(f"not between the header ({header:.0f} px) and the screen's foot: {where}")
    if where["covered_by"]:
        problems.append(f"covered by {where['covered_by']}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_filtered_link_opens_on_its_results_with_the_filters_in_use(fixture_catalogue, browser, lang, width):
    catalogue = fixture_catalogue
    t = STRINGS(lang)
    themes = [tag for tag, entry in VOCABULARY.items() if entry["facet"] == "theme"][:2]
    low, _theme = _undated_query(catalogue)
    query = "?" + "&".join(f"theme={theme}" for theme in themes) + f"&from={low}"
    context = new_context(browser, width)
    visit = Visit(context.new_page())
    page = visit.page
    try:
        page.goto(catalogue.url(lang, query))
        wait_for(page, "!document.querySelector('.case-list__active').hidden")
        count = page.locator("#case-list-count")
        # on a phone the link opens on its results, not on the open panel
        if width == "phone":
            assert page.locator("#case-filters").get_attribute("open") is None
            assert _below_the_header(page, count) == [], _below_the_header(page, count)
        # each filter in use: a button above the results, named in the page's language, a finger's size
        names = [VOCABULARY[theme]["label"][lang] for theme in themes] + [f"{t('catalogue.filters.from_year')} {low}"]
        buttons = page.locator(".case-list__active button")
        labels = [button.get_attribute("aria-label") for button in buttons.all()]
        assert sorted(labels) == sorted(t("catalogue.filters.remove", label=name) for name in names)
        assert page.locator(".case-list__active").get_attribute("aria-label") == t("catalogue.filters.active")
        first_card = page.locator(".case-card:visible").first
        for button in buttons.all():
            where = box_of(button)
            assert where["width"] >= 24 and where["height"] >= 24, where
            assert where["bottom"] <= first_card.evaluate("e => e.getBoundingClientRect().top"), "above the results"
            assert count.evaluate("e => e.getBoundingClientRect().bottom") <= where["top"], "under the count"
        # removing one: the filter is off, the count and the address follow, the focus goes to the next
        removed = labels.index(t("catalogue.filters.remove", label=names[0]))
        press(buttons.nth(removed), width)
        wait_for(page, f"document.querySelectorAll('.case-list__active button').length === {len(names) - 1}")
        assert f"theme={themes[0]}" not in page.url
        expected = _matching(catalogue, {"theme": themes[1:]}, years=(low, None))
        assert sorted(_visible_cards(page)) == sorted(expected)
        assert count.inner_text() == _count_text(lang, len(expected))
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (labels[:removed] + labels[removed + 1:])[
            min(removed, len(labels) - 2)]
        # the panel's "show N" lands on the results' count, below the sticky header
        _open_panel(page)
        _tick(page, "theme", themes[0])
        page.locator("#case-filters button.case-filters__show").scroll_into_view_if_needed()
        press(page.locator("#case-filters button.case-filters__show"), width)
        wait_for(page, "document.activeElement && document.activeElement.id === 'case-list-count'")
        page.wait_for_timeout(100)
        assert _below_the_header(page, count) == [], _below_the_header(page, count)
        assert not unseen_now(page, page.locator(".case-list__active"))
    finally:
        context.close()
    assert visit.console_errors == [] and visit.off_site() == []


def unseen_now(page, locator) -> bool:
    """Whether ``locator`` is out of the screen where it stands (above the foot, below the header)."""
    return bool(_below_the_header(page, locator))
