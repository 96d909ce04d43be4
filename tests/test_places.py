"""The places page: a map of the cases per country and the same countries as a list, each
leading to the catalogue filtered to that country, in every language. Built on the real
collection; the expectations come from its cases' facts."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml
from babel import Locale

from casekit import project
from conftest import LANGS, ROOT, SLUGS, prefix

STRINGS = project.strings_for(ROOT)


def _countries() -> Counter:
    counts: Counter = Counter()
    for slug in SLUGS:
        facts = yaml.safe_load((ROOT / "docs" / "cases" / slug / "case.yml").read_text(encoding="utf-8"))
        counts.update(set(facts.get("countries") or []))
    return counts


@pytest.mark.parametrize("lang", LANGS)
def test_every_country_of_the_cases_is_listed_and_mapped(site, lang):
    soup = site.soup(f"{prefix(lang)}places/")
    counts = _countries()
    listed = {a["href"].split("country=")[1]: a.get_text(strip=True) for a in soup.select(".places-list a")}
    assert set(listed) == set(counts)
    for code, name in listed.items():
        assert name == Locale.parse(lang).territories[code]
    svg = soup.select_one("figure.places-map svg")
    assert svg is not None and svg.get("role") is None  # not role="img": it would hide the links
    assert svg.select_one("title").get_text() == STRINGS(lang)("places.map_title")
    links = svg.select("a")
    assert links, "countries with cases are links on the map"
    for link in links:
        code = link["href"].split("country=")[1]
        assert link["href"] == f"../cases/?country={code}"
        assert link["aria-label"] == STRINGS(lang)("places.country_cases", name=listed[code], count=counts[code])
    # every case's country that the map can draw is on it
    assert {link["href"].split("country=")[1] for link in links} <= set(counts)


@pytest.mark.parametrize("lang", LANGS)
def test_a_country_on_the_map_opens_the_catalogue_filtered_to_it(server, visit, lang):
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}{prefix(lang)}places/")
    link = page.locator("figure.places-map svg a").first
    code = link.get_attribute("href").split("country=")[1]
    link.focus()  # reachable from the keyboard
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{prefix(lang)}cases/?country={code}")
    assert page.locator(f'#case-filters input[name="country"][value="{code}"]').is_checked()
    shown = page.locator(".case-list .case-card:visible").count()
    assert shown == _countries()[code]
    assert visit.failed == [] and visit.console_errors == [] and visit.off_site() == []
