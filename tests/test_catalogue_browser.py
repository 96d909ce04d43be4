"""The catalogue's filters, tag chips and the language selector, in Chromium, in every language."""
from __future__ import annotations

import pytest
import yaml

from conftest import LANGS, ROOT, SLUGS, prefix

FACTS = {slug: yaml.safe_load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")) for slug in SLUGS}
COUNT = {"en": "{} case studies", "es": "{} estudios de caso", "nl": "{} casestudies"}
COUNT_ONE = {"en": "1 case study", "es": "1 estudio de caso", "nl": "1 casestudy"}


def _visible_cards(page) -> list:
    return sorted(page.locator(".case-card:visible").evaluate_all("cards => cards.map(c => c.dataset.case)"))


def _expected(themes=(), countries=(), years=None) -> list:
    out = []
    for slug, facts in FACTS.items():
        if not all(t in facts["tags"] for t in themes):
            continue
        if countries and not set(countries) & set(facts["countries"]):
            continue
        if years:
            start = facts["start"] and int(str(facts["start"])[:4])
            end = facts["end"] and int(str(facts["end"])[:4]) or start
            if not start or end < years[0] or start > years[1]:
                continue
        out.append(slug)
    return sorted(out)


def _count_text(lang, n):
    return COUNT_ONE[lang] if n == 1 else COUNT[lang].format(n)


@pytest.mark.parametrize("lang", LANGS)
def test_filter_combination_survives_reload_and_language_switch(server, visit, lang):
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/")
    page.locator("#case-filters summary").click()
    page.locator("input[name=theme][value=partnership]").check()
    page.locator("input[name=theme][value=capacity-building]").check()
    expected = _expected(themes=("partnership", "capacity-building"))
    assert 0 < len(expected) < len(SLUGS)
    assert _visible_cards(page) == expected
    assert page.locator("#case-list-count").inner_text() == _count_text(lang, len(expected))
    page.locator("input[name=country][value=CO]").check()
    expected_co = _expected(themes=("partnership", "capacity-building"), countries=("CO",))
    assert _visible_cards(page) == expected_co
    assert "theme=partnership" in page.url and "country=CO" in page.url
    # the URL is the state: a reload gives the same cards
    page.reload()
    assert _visible_cards(page) == expected_co
    assert page.locator("input[name=theme][value=partnership]").is_checked()
    # back removes the last filter
    page.go_back()
    assert _visible_cards(page) == expected
    assert not page.locator("input[name=country][value=CO]").is_checked()
    # the language selector keeps the filters
    other = {"en": "es", "es": "nl", "nl": "en"}[lang]
    page.locator(".md-header__option .md-select button").first.click()
    with page.expect_navigation():
        page.locator(f".md-select__list a[hreflang='{other}']").click()
    assert page.url.startswith(f"{server}{prefix(other)}cases/?")
    assert page.locator("html").get_attribute("lang") == other
    assert _visible_cards(page) == expected
    assert visit.console_errors == []


def test_year_range_and_option_counts(server, visit):
    page = visit.page
    page.goto(f"{server}nl/cases/?from=2014&to=2020")
    assert _visible_cards(page) == _expected(years=(2014, 2020)) == ["care-burundi"]
    assert page.locator("#case-list-count").inner_text() == "1 casestudy"
    # each option says how many cases it would give
    label = page.locator("label", has=page.locator("input[name=theme][value=partnership]"))
    assert label.locator(".case-filters__count").inner_text() == "(1)"
    page.locator("#case-filters button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('.case-card:not([hidden])').length === 5")
    assert "?" not in page.url


def test_catalogue_without_javascript_is_the_full_list(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}es/cases/?theme=partnership")
    assert len(page.locator(".case-card:visible").all()) == len(SLUGS)
    assert not page.locator("#case-filters").is_visible()
    context.close()


def test_filters_work_from_the_keyboard(server, visit):
    page = visit.page
    page.goto(f"{server}es/cases/")
    page.locator("#case-filters summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name + ':' + document.activeElement.value")
    assert focused.startswith("theme:")
    page.keyboard.press("Space")
    value = focused.split(":", 1)[1]
    assert _visible_cards(page) == _expected(themes=(value,))
    assert page.locator("#case-list-count").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("lang", LANGS)
def test_tag_chip_leads_to_its_tag_page_in_the_same_language(server, visit, lang):
    page = visit.page
    page.goto(f"{server}{prefix(lang)}cases/erbil-iraq/")
    chip = page.locator("article.case .case-tags a[data-tag=financial-reporting]")
    label = chip.inner_text()
    with page.expect_navigation():
        chip.click()
    assert page.url == f"{server}{prefix(lang)}tags/financial-reporting/"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == label
    assert page.locator(".case-card[data-case=erbil-iraq]").count() == 1
    # and the selector on the tag page keeps the tag
    other = {"en": "nl", "es": "en", "nl": "es"}[lang]
    page.locator(".md-header__option .md-select button").first.click()
    with page.expect_navigation():
        page.locator(f".md-select__list a[hreflang='{other}']").click()
    assert page.url == f"{server}{prefix(other)}tags/financial-reporting/"
    assert visit.console_errors == []
