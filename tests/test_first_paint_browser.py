"""The first paint is the finished page: every page type, in every language, on a phone and on a
desktop, looks the same with only the rules its head carries (its stylesheets not loaded yet) as
with its stylesheets loaded: each element's computed style and box (casekit/critical_css.py).
Scripts are off (what they add is styled once the stylesheets arrive) and motion reduced (no
transition caught halfway)."""
from __future__ import annotations

import pytest

from conftest import LANGS, PAGE_TYPES, WIDTHS, prefix

PATHS = sorted(set(PAGE_TYPES.values()))  # the page types, each address once

# Each element of the body: a name to report it by, its box and its computed style (custom
# properties left out: their text is kept as written, which minifying changes), as one line of
# values in the order of PROPERTIES.
STYLES = """() => {
  const autofocus = document.querySelector('[autofocus]');  // focused the same way in both runs:
  if (autofocus) autofocus.focus();                          // the browser's own autofocus races the snapshot
  const properties = Array.from(getComputedStyle(document.body)).filter((name) => !name.startsWith('--'));
  const elements = Array.from(document.querySelectorAll('body, body *')).map((element) => {
    const style = getComputedStyle(element), box = element.getBoundingClientRect();
    const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
      (typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    return [name, [box.x, box.y, box.width, box.height].map(Math.round).join(','),
            properties.map((property) => style.getPropertyValue(property)).join('\\n')];
  });
  return {properties, elements};
}"""


def _styles(browser, url: str, stylesheets: bool) -> dict:
    """Width -> the page's styles at that width."""
    context = browser.new_context(java_script_enabled=False, reduced_motion="reduce")
    page = context.new_page()
    if not stylesheets:
        page.route("**/*.css", lambda route: route.abort())
    out = {}
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        if not out:
            page.goto(url, wait_until="load")
        out[width] = page.evaluate(STYLES)
    context.close()
    return out


def _differences(final: dict, first: dict) -> list:
    out = []
    for (name, box, values), (_name, early_box, early_values) in zip(final["elements"], first["elements"], strict=True):
        if (box, values) == (early_box, early_values):
            continue
        changed = [f"{prop}: {old!r} -> {new!r}" for prop, old, new in
                   zip(final["properties"], early_values.split("\n"), values.split("\n"), strict=True) if old != new]
        out.append(f"{name} box {early_box} -> {box}; " + "; ".join(changed[:4]))
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS)
def test_first_paint_is_the_finished_page(server, browser, lang, path):
    url = f"{server}{prefix(lang)}{path}"
    finals, firsts = _styles(browser, url, True), _styles(browser, url, False)
    for width in WIDTHS:  # a phone's, then a desktop's
        final, first = finals[width], firsts[width]
        assert [element[0] for element in first["elements"]] == [element[0] for element in final["elements"]]
        differences = _differences(final, first)
        assert not differences, f"{url} at a {width}'s width, before -> after the stylesheets:\n" + "\n".join(differences[:10])


def test_no_stylesheet_holds_up_the_first_paint(site):
    """No page links a stylesheet for the screen (which would make the first paint wait a round
    trip): its head links its stylesheets for print, their media kept for stylesheets.js, and
    as they are in a <noscript>; the rules in its head parse as CSS."""
    import tinycss2
    from bs4 import BeautifulSoup
    pages = sorted(site.path.rglob("*.html"))
    assert pages
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.head is None or soup.body is None or "http-equiv" in str(soup.find("meta", attrs={"http-equiv": "refresh"}) or ""):
            continue
        linked = [link for link in soup.select('link[rel="stylesheet"]') if link.find_parent("noscript") is None]
        assert linked, path
        assert all(link.find_parent("head") and link.get("media") == "print" and link.get("data-media") for link in linked), path
        assert soup.head.select('noscript link[rel="stylesheet"]'), path
        assert soup.head.find("style") is not None, path
        rules = tinycss2.parse_stylesheet(soup.head.find("style").string or "", skip_comments=True, skip_whitespace=True)
        assert rules and not [rule for rule in rules if rule.type == "error"], path
