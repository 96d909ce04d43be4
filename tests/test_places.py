"""The places page: a map of the cases per country and the same countries as a list, each
leading to the catalogue filtered to that country, in every language. On a phone and on a
desktop the map fills the page's column, it and its list are on the screen, the page does not
scroll sideways, a country is reached and followed by the keyboard and by a tap or a click, and
Chromium's accessibility tree names the map and each country in the page's language. Built on
the real collection; the expectations come from its cases' facts."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml
from babel import Locale

from casekit import project
from conftest import LANGS, ROOT, SLUGS, WIDTHS, Visit, box, new_context, overflow, prefix, press, unseen

STRINGS = project.strings_for(ROOT)


def _countries(venue_not_stated: bool = False) -> Counter:
    """How many cases each country has; or (``venue_not_stated``) how many of them do not say
    where they took place, the country being where their examples come from."""
    counts: Counter = Counter()
    for slug in SLUGS:
        facts = yaml.safe_load((ROOT / "docs" / "cases" / slug / "case.yml").read_text(encoding="utf-8"))
        if not venue_not_stated or facts.get("venue") == "not-stated":
            counts.update(set(facts.get("countries") or []))
    return counts


def _label(t, name: str, code: str) -> str:
    """A country's name on the map: its cases, and how many of them do not state their venue."""
    label = t("places.country_cases", name=name, count=_countries()[code])
    examples_only = _countries(venue_not_stated=True)[code]
    return label + (f" ({t('places.venue_not_stated', count=examples_only)})" if examples_only else "")


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
    links = svg.select("a:not([aria-hidden])")
    assert links, "countries with cases are links on the map"
    # a marker is a second link for the finger, to a country's own address, out of the Tab order
    for marker in svg.select("a[aria-hidden]"):
        assert marker["aria-hidden"] == "true" and marker["tabindex"] == "-1"
        assert marker["href"] in {link["href"] for link in links}
    for link in links:
        code = link["href"].split("country=")[1]
        assert link["href"] == f"../cases/?country={code}"
        assert link["aria-label"] == _label(STRINGS(lang), listed[code], code)
    # every case's country that the map can draw is on it
    assert {link["href"].split("country=")[1] for link in links} <= set(counts)


# How far a reader tabs through a page to reach every country of the map, at most
TAB_LIMIT = 200

# A point of ``a`` (offset from its box) that a finger or a pointer reaches: a country's box is
# not all country (a coast, an island), so try points across it for one where ``a`` is on top
_A_POINT_OF_IT = """a => {
  const b = a.getBoundingClientRect();
  for (let i = 0; i <= 20; i++) for (let j = 0; j <= 20; j++) {
    const x = b.left + b.width * (0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) / 20);
    const y = b.top + b.height * (0.5 + (j % 2 ? 1 : -1) * Math.ceil(j / 2) / 20);
    const hit = document.elementFromPoint(x, y);
    if (hit && a.contains(hit)) return {x: x - b.left, y: y - b.top};
  }
  return null;
}"""

# The width the map has, and the width it has to fill: its figure's column, or the map's own
# max-width (a length) where that is narrower
_MAP_AND_COLUMN = """figure => {
  const svg = figure.querySelector("svg"), column = figure.parentElement, style = getComputedStyle(column);
  const room = column.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
  const cap = getComputedStyle(svg).maxWidth;  // a length caps it; "none" or a share of the figure does not
  return [svg.getBoundingClientRect().width, cap.endsWith("px") ? Math.min(room, parseFloat(cap)) : room];
}"""

_FOCUSED_COUNTRY = """() => {
  const a = document.activeElement && document.activeElement.closest && document.activeElement.closest("figure.places-map svg a");
  return a ? a.getAttribute("href") : null;
}"""


# How a country of the map looks: its shape's fill and border
_LOOK = "a => { const s = getComputedStyle(a.querySelector('path')); return [s.fill, s.stroke, s.strokeWidth]; }"


def _ax_tree(page, selector: str) -> list:
    """(role, name) of each node of Chromium's accessibility tree (what a screen reader reads)
    inside ``selector``'s element, in order; the nodes it ignores left out."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        nodes = cdp.send("Accessibility.queryAXTree", {"nodeId": node})["nodes"]
        return [(n["role"]["value"], n.get("name", {}).get("value", "")) for n in nodes if not n.get("ignored")]
    finally:
        cdp.detach()


def _on_the_catalogue_of(page, lang, code):
    """The catalogue in ``lang``, filtered to the country ``code``: its cases only."""
    page.wait_for_url(f"**/{prefix(lang)}cases/?country={code}")
    assert page.locator(f'#case-filters input[name="country"][value="{code}"]').is_checked()
    shown = page.locator(".case-list .case-card:visible").count()
    assert shown == _countries()[code]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_country_on_the_map_opens_the_catalogue_filtered_to_it(server, browser, lang, width):
    t = STRINGS(lang)
    names = Locale.parse(lang).territories
    context = new_context(browser, width)
    visit = Visit(context.new_page())
    page = visit.page
    places = f"{server}{prefix(lang)}places/"
    try:
        page.goto(places)
        figure = page.locator("figure.places-map")
        mapped = figure.locator("svg a:not([aria-hidden])")
        codes = [href.split("country=")[1] for href in mapped.evaluate_all("els => els.map(a => a.getAttribute('href'))")]
        assert codes, "countries with cases are links on the map"
        sizes = {code: box(mapped.nth(i)) for i, code in enumerate(codes)}
        by_size = sorted(codes, key=lambda code: sizes[code]["width"] * sizes[code]["height"])
        # the map and its list are on the screen, the map as wide as the page's text
        for part in (figure, page.locator(".places-list")):
            assert not unseen(page, part), (width, unseen(page, part))
        drawn, room = figure.evaluate(_MAP_AND_COLUMN)
        assert drawn >= room - 1, f"at a {width}'s width the map is {drawn:.0f} px wide in a column of {room:.0f} px"
        for link in page.locator(".places-list a").all():
            assert not unseen(page, link), (link.inner_text(), unseen(page, link))
        assert overflow(page) == 0, f"the page is {overflow(page)} px wider than a {width}'s screen"
        # a screen reader: the map is named, each country of it and of the list by its name
        # and its number of cases, in the page's language
        assert page.locator("html").get_attribute("lang") == lang
        on_map = _ax_tree(page, "figure.places-map")
        assert t("places.map_title") in [name for role, name in on_map if role != "link"], on_map
        assert [name for role, name in on_map if role == "link"] == [
            _label(t, names[code], code) for code in codes]
        listed = [a.split("country=")[1] for a in page.locator(".places-list a").evaluate_all("els => els.map(a => a.getAttribute('href'))")]
        assert [name for role, name in _ax_tree(page, ".places-list") if role == "link"] == [names[code] for code in listed]
        # the keyboard: Tab reaches every country of the map in turn, the focused one looks
        # different from the others, and Enter follows it
        page.locator("body").focus()
        reached: list = []
        for _ in range(TAB_LIMIT):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED_COUNTRY)
            if focused is None and reached:
                break
            if focused is not None:
                reached.append(focused.split("country=")[1])
                if len(codes) > 1:
                    ring = page.evaluate(f"() => ({_LOOK})(document.activeElement)")
                    other = mapped.nth(1 if reached[-1] == codes[0] else 0).evaluate(_LOOK)
                    assert ring != other, f"the focused country ({reached[-1]}) looks like the others: {ring}"
        assert reached == codes, f"Tab reached {reached} of the map's {codes}"
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(_FOCUSED_COUNTRY).split("country=")[1] == codes[-1]
        page.keyboard.press("Enter")
        _on_the_catalogue_of(page, lang, codes[-1])
        # a tap on a phone, a click on a desktop: the largest country of the map, and the
        # smallest one through the list (too small to put a finger on, on the map)
        for code, where in ((by_size[-1], "map"), (by_size[0], "list")):
            page.goto(places)
            if where == "map":
                # its outline, or its marker where the outline is too small for a finger
                for link in figure.locator(f'svg a[href$="country={code}"]').all():
                    link.scroll_into_view_if_needed()
                    point = link.evaluate(_A_POINT_OF_IT)
                    if point is not None:
                        break
                assert point is not None, f"no point of {code} on the map is on top at a {width}'s width"
            else:
                link = page.locator(f'.places-list a[href$="country={code}"]')
                assert not unseen(page, link), unseen(page, link)
                point = None
            press(link, width, position=point)
            _on_the_catalogue_of(page, lang, code)
    finally:
        context.close()
    assert visit.failed == [] and visit.console_errors == [] and visit.off_site() == []


# Each country's targets on the map (its outline and its marker, links to the same address):
# the box of each and whether a tap at its centre reaches a link to that address
_TARGETS = """svg => {
  const out = {};
  for (const a of svg.querySelectorAll("a")) {
    const code = a.getAttribute("href").split("country=")[1];
    const circle = a.querySelector("circle");  // a marker: its circle (its centre), not its line
    const b = (circle || a).getBoundingClientRect();
    let reached = false;  // an outline: a point of it (not all of its box is country)
    for (let i = 0; i <= (circle ? 0 : 20) && !reached; i++) for (let j = 0; j <= (circle ? 0 : 20) && !reached; j++) {
      const hit = document.elementFromPoint(b.left + b.width * (0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) / 20),
                                            b.top + b.height * (0.5 + (j % 2 ? 1 : -1) * Math.ceil(j / 2) / 20));
      const link = hit && hit.closest("a");
      reached = !!link && link.getAttribute("href") === a.getAttribute("href");
    }
    (out[code] = out[code] || []).push({width: b.width, height: b.height, reached});
  }
  return out;
}"""

# The smallest target a finger is given, in CSS px (WCAG 2.5.8)
TARGET = 24


def _fingers_reach(page, codes) -> list:
    """What keeps a finger from each country of ``codes`` on the map and in the list: no
    target of at least TARGET x TARGET px whose centre reaches the country. [] when none."""
    figure = page.locator("figure.places-map svg")
    figure.scroll_into_view_if_needed()
    targets = figure.evaluate(_TARGETS)
    problems = []
    for code in codes:
        fit = [t for t in targets.get(code, []) if t["reached"] and min(t["width"], t["height"]) >= TARGET - 0.5]
        if not fit:
            problems.append(f"{code} on the map: {targets.get(code)}")
        link = page.locator(f'.places-list a[href$="country={code}"]')
        size = box(link)
        if min(size["width"], size["height"]) < TARGET - 0.5:
            problems.append(f"{code} in the list: {size['width']:.1f} x {size['height']:.1f}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_country_of_the_cases_is_a_fingers_target(server, browser, lang, width):
    """Each country with cases is a target of at least 24 x 24 px on the map (its outline or
    a marker beside it), and in the list, on a phone's touch screen and on a desktop."""
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(f"{server}{prefix(lang)}places/")
        drawn = [a.split("country=")[1] for a in page.locator("figure.places-map svg a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))")]
        assert set(drawn) <= set(_countries()) and drawn
        assert _fingers_reach(page, sorted(set(drawn))) == []
        assert overflow(page) == 0
    finally:
        context.close()


def _cluster(size: int) -> list:
    """The worst case for a finger: the map's smallest country that a region of the vocabulary
    holds and the ``size - 1`` such countries nearest to it."""
    from casekit import vocab, worldmap
    world = worldmap.load()
    tags, _ = vocab.load(ROOT / "docs" / "tags.yml", LANGS)
    known = sorted({code for tag in tags.tags.values() if tag.facet == "region" for code in tag.countries} & set(world.countries))
    shapes = {code: _outline_box(world.countries[code]) for code in known}
    area = lambda code: (shapes[code][2] - shapes[code][0]) * (shapes[code][3] - shapes[code][1])  # noqa: E731
    centre = lambda code: ((shapes[code][0] + shapes[code][2]) / 2, (shapes[code][1] + shapes[code][3]) / 2)  # noqa: E731
    x, y = centre(min(known, key=area))
    return sorted(known, key=lambda code: (centre(code)[0] - x) ** 2 + (centre(code)[1] - y) ** 2)[:size]


def _outline_box(d: str) -> tuple:
    """left, top, right, bottom of an outline of the map data (M x y, l dx dy ..., z)."""
    import re
    points, x, y = [], 0.0, 0.0
    for command, numbers in re.findall(r"([Mlz])([^Mlz]*)", d):
        values = [float(n) for n in re.findall(r"-?\d*\.?\d+", numbers)]
        for dx, dy in zip(values[::2], values[1::2], strict=True):
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
            points.append((x, y))
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """The fixture collection with one case in a cluster of the map's smallest neighbours."""
    from collection import make_project, write_case

    from conftest import build, serve
    base = tmp_path_factory.mktemp("crowded")
    project = make_project(base / "project")
    codes = _cluster(8)
    write_case(project / "docs", "a-case-in-small-countries", countries=codes)
    result = build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as address:
        yield address, codes


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_small_neighbours_are_each_a_fingers_target(crowded, browser, lang, width):
    address, codes = crowded
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(f"{address}{prefix(lang)}places/")
        assert _fingers_reach(page, codes) == []
        assert overflow(page) == 0
    finally:
        context.close()
