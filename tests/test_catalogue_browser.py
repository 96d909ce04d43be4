"""The catalogue's filters, tag chips and the language selector, in Chromium, in every language.
The filter values come from the cases' facts and every expected set of cards is computed from
them, so that the tests hold whatever cases the collection holds."""
from __future__ import annotations

import itertools

import pytest
import yaml

from casekit import project, yamlines
from conftest import LANGS, REGIONS_OF, ROOT, SLUGS, prefix

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
    page.locator("#case-filters summary").click()
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
    page.wait_for_function(f"document.querySelectorAll('.case-card:not([hidden])').length === {len(SLUGS)}")
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
    page.locator("#case-filters summary").focus()
    page.keyboard.press("Enter")
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
