"""How a page loads on a slow link (issue 24, item 1), on the fixture collection's pages of
each type, in every language of the registry, on a phone and on a desktop:

- everything it needs is named in its head: every stylesheet and script it requests while it
  loads is linked there (none found only once the browser has read the body, or once another
  file has arrived), scripts deferred, stylesheets for print until stylesheets.js applies them;
- nothing moves as its stylesheets and scripts arrive: cumulative layout shift <= 0.02, as the
  page's own PerformanceObserver adds it up, on a link slow enough for them to come after the
  first paint; and the header keeps the colours of its first frame. (No timing is asserted: the
  shift is a distance, whatever the speed.)
"""
from __future__ import annotations

from urllib.parse import urljoin

import pytest
from collection import SLUG

from conftest import LANGS, WIDTHS, new_context, prefix, serve, wait_for

# A slow link (DevTools' emulation): what a page loads comes after its first paint, as on a phone
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 300 * 1024, "uploadThroughput": 300 * 1024}
MAX_SHIFT = 0.02

WATCH = """(() => {
  const shifts = window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push([entry.startTime, entry.value, entry.sources.map((source) => source.node ? source.node.nodeName + "." + (typeof source.node.className === "string" ? source.node.className : "") : "?")]);
  }).observe({ type: "layout-shift", buffered: true });
  // the header's colours as each frame shows them, until a second after the stylesheets are applied
  const colours = window.__colours = [];
  let until = Infinity;
  (function frame() {
    const header = document.querySelector(".md-header");
    if (header) {
      const style = getComputedStyle(header), seen = style.backgroundColor + " / " + style.color;
      if (colours[colours.length - 1] !== seen) colours.push(seen);
    }
    const links = [...document.querySelectorAll("link[data-media]")];
    if (until === Infinity && document.readyState === "complete" && links.every((link) => link.media === link.dataset.media)) until = performance.now() + 1000;
    if (performance.now() < until) requestAnimationFrame(frame);
  })();
})()"""
# Chromium's cumulative layout shift: the largest sum of shifts less than 1 s apart, over 5 s at most
CLS = """() => {
  let best = 0, sum = 0, first = -1, last = -1;
  for (const [time, value] of window.__shifts) {
    if (first < 0 || time - last > 1000 || time - first > 5000) { sum = 0; first = time; }
    sum += value; last = time; best = Math.max(best, sum);
  }
  return best;
}"""
# The addresses of the stylesheets and scripts the head names (resolved against the page)
HEAD = """() => [...document.head.querySelectorAll('link[href], script[src]')]
  .map((node) => new URL(node.getAttribute(node.tagName === 'LINK' ? 'href' : 'src'), location.href).href)"""


def _page_types(site) -> dict:
    """A page of each type in the fixture site, by its address after the language's prefix: its
    one case, the catalogue, the home page, a tag page (the first the build wrote), the search
    page, the not-found page."""
    tags = sorted(path.parent.name for path in (site.path / "tags").glob("*/index.html"))
    assert tags
    return {"case": f"cases/{SLUG}/", "catalogue": "cases/", "home": "", "tag page": f"tags/{tags[0]}/",
            "search": "search/", "404": "404.html"}


@pytest.fixture(scope="module")
def fixture_server(fixture_site):
    with serve(fixture_site.path) as address:
        yield address


def _load(browser, url: str, width: str) -> dict:
    """A cold visit to ``url`` at ``width`` on the SLOW link, once its network is idle and its
    stylesheets applied: the stylesheets and scripts it requested, those its head names, where
    its scripts are (parent, deferred or async, address), its layout shifts and their sum (CLS)."""
    context = new_context(browser, width, service_workers="block")
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW)
        requested = []
        page.on("request", lambda request: request.resource_type in ("stylesheet", "script") and requested.append(request.url))
        page.add_init_script(WATCH)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        wait_for(page, "() => [...document.querySelectorAll('link[data-media]')].every((link) => link.media === link.dataset.media)")
        wait_for(page, "() => window.__colours.length && document.readyState === 'complete'")
        page.wait_for_timeout(1200)  # the frames of the second after (not a timing assertion)
        return {"colours": page.evaluate("window.__colours"), "requested": requested, "named": set(page.evaluate(HEAD)), "cls": page.evaluate(CLS), "shifts": page.evaluate("window.__shifts"),
                "scripts": page.evaluate("() => [...document.querySelectorAll('script[src]')].map((s) => [s.parentElement.tagName, s.defer || s.async, s.getAttribute('src')])")}
    finally:
        context.close()


@pytest.fixture(scope="module")
def loads(fixture_site, fixture_server, browser):
    """(lang, width) -> {page type: (its address, _load of it)}, each page loaded once for both tests."""
    cache = {}

    def get(lang, width):
        if (lang, width) not in cache:
            urls = {kind: urljoin(fixture_server, prefix(lang) + path) for kind, path in _page_types(fixture_site).items()}
            cache[lang, width] = {kind: (url, _load(browser, url, width)) for kind, url in urls.items()}
        return cache[lang, width]
    return get


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_stylesheet_and_script_a_page_loads_is_named_in_its_head(loads, lang, width):
    for kind, (url, load) in loads(lang, width).items():
        late = sorted({address for address in load["requested"] if address.split("#")[0] not in load["named"] and not address.startswith("blob:")})
        assert not late, f"{kind} ({url}, {width}): requested, not named in the head: {late}"
        assert all(parent == "HEAD" and deferred for parent, deferred, _src in load["scripts"]), f"{kind} ({url}, {width}): {load['scripts']}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_moves_as_a_page_loads(loads, lang, width):
    for kind, (url, load) in loads(lang, width).items():
        assert load["cls"] <= MAX_SHIFT, f"{kind} ({url}, {width}): layout shift {load['cls']:.3f}: {load['shifts']}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_header_keeps_its_colours_as_a_page_loads(loads, lang, width):
    for kind, (url, load) in loads(lang, width).items():
        assert len(load["colours"]) == 1, f"{kind} ({url}, {width}): the header's colours changed: {load['colours']}"
