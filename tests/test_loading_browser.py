"""How a page loads on a slow link (issue 24, item 1), on the fixture collection's pages of
each type, in every language of the registry, on a phone and on a desktop:

- everything it needs is named in its head: every stylesheet and script it requests while it
  loads is linked there (none found only once the browser has read the body, or once another
  file has arrived), scripts deferred, stylesheets for print until stylesheets.js applies them;
- nothing moves as its stylesheets and scripts arrive: cumulative layout shift <= 0.02, as the
  page's own PerformanceObserver adds it up, on a link slow enough for them to come after the
  first paint; and the header keeps the colours of its first frame. (No timing is asserted: the
  shift is a distance, whatever the speed.)
- nothing moves as the page itself arrives: on a slow link the browser paints what it has of the
  page while the rest is still on its way, wherever a packet ends. The page is written into the
  browser a tag at a time (document.write: the same parser), and what a reader would see move
  is added up as Chromium scores a layout shift, as if it painted after every tag: <= 0.02. This
  does not depend on where a run's packets happen to end (a footer pinned to the screen's bottom
  rose as its lines arrived, in one run out of a few).
"""
from __future__ import annotations

import itertools
import re
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


# The page written into the browser a piece at a time (as its packets would bring it), with the
# elements a reader can see measured after each piece. A layout shift is scored as Chromium
# scores one: the share of the screen the moved elements cover before and after, times the
# longest move as a share of the screen's longer side. Returned: the shift from each piece to
# the next, as if the browser painted after every piece, and the shift from each piece to the
# whole page, as if it painted there and then not until the end; each [score, the bytes that
# moved it (the piece that arrived, or the last one before that paint), what moved].
ARRIVE = """(pieces) => {
  const cell = 8, cols = Math.ceil(innerWidth / cell), rows = Math.ceil(innerHeight / cell);
  const name = (el) => el.nodeName.toLowerCase() + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const visible = (r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  const score = (before, after) => {  // two Maps, element -> its rectangle where a reader sees it
    const covered = new Uint8Array(cols * rows), moved = [];
    let distance = 0;
    const cover = (r) => {
      for (let row = Math.max(0, Math.floor(r.y / cell)); row < Math.min(rows, Math.ceil((r.y + r.height) / cell)); row++)
        for (let col = Math.max(0, Math.floor(r.x / cell)); col < Math.min(cols, Math.ceil((r.x + r.width) / cell)); col++) covered[row * cols + col] = 1;
    };
    for (const [el, was] of before) {
      const now = after.get(el);
      const move = now ? Math.max(Math.abs(was.x - now.x), Math.abs(was.y - now.y)) : 0;
      if (move >= 1) { cover(was); cover(now); distance = Math.max(distance, move); moved.push(name(el)); }
    }
    return [covered.reduce((a, b) => a + b, 0) / (cols * rows) * distance / Math.max(innerWidth, innerHeight), moved.slice(0, 4)];
  };
  const states = [];
  document.open();
  for (const piece of pieces) {
    document.write(piece);
    const state = new Map();
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (visible(r)) state.set(el, {x: r.x, y: r.y, width: r.width, height: r.height});
    }
    states.push(state);
  }
  document.close();
  const last = states[states.length - 1], steps = [], toEnd = [];
  states.forEach((state, i) => {
    const tail = pieces[i].slice(-60);
    if (i + 1 < states.length) { const [value, moved] = score(state, states[i + 1]); if (value) steps.push([value, pieces[i + 1].slice(-60), moved]); }
    const [value, moved] = score(state, last);
    if (value) toEnd.push([value, tail, moved]);
  });
  return [steps, toEnd];
}"""
# A script the page loads: left out of the pieces (the page's scripts are deferred, and run once
# it has all arrived; what they change is the test above's)
_LOADED_SCRIPT = re.compile(r"<script\b[^>]*\ssrc=[^>]*>\s*</script>", re.I)


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


def _arrival_scores(browser, url: str, html: str, width: str) -> list:
    """The layout shifts of ``html`` (the page at ``url``) arriving a tag at a time in a window
    at ``width`` (see ARRIVE): piece to piece, and each piece to the end. Only the page's own
    rules apply (its stylesheets are linked for print until a script applies them, and scripts
    do not run)."""
    html = _LOADED_SCRIPT.sub("", html)
    body = html.index("<body")
    ends = [body] + [body + match.end() for match in re.finditer(">", html[body:])] + [len(html)]
    pieces = [html[start:end] for start, end in itertools.pairwise([0, *ends]) if end > start]
    context = new_context(browser, width, service_workers="block")
    try:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body="<!doctype html>"))
        page.goto(url)
        return page.evaluate(ARRIVE, pieces)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_moves_as_a_page_arrives(fixture_site, fixture_server, browser, lang, width):
    for kind, path in _page_types(fixture_site).items():
        file = fixture_site.path / prefix(lang) / (path + "index.html" if path.endswith("/") or not path else path)
        url = urljoin(fixture_server, prefix(lang) + path)
        steps, to_end = _arrival_scores(browser, url, file.read_text(encoding="utf-8"), width)
        painted_every_time = sum(score for score, _piece, _moved in steps)
        assert painted_every_time <= MAX_SHIFT, (
            f"{kind} ({url}, {width}): layout shift {painted_every_time:.3f} as the page arrives, painted after every tag; "
            f"the largest, each with the bytes that caused it: {sorted(steps, key=lambda step: -step[0])[:3]}")
        worst = max(to_end, default=[0, "", []])
        assert worst[0] <= MAX_SHIFT, (
            f"{kind} ({url}, {width}): layout shift {worst[0]:.3f} from the page painted after {worst[1]!r} to the whole page: {worst[2]}")
