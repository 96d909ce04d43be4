"""Offline reading: a case a reader has opened stays readable without a connection (the site's
service worker keeps the pages visited and the files they need), and a page not visited
answers, offline, with the offline page of its language; at the site's root and under a
sub-path, in every language of the registry, on a phone and on a desktop: offline, the case's
title and facts and the offline page's heading and way home are on the screen, not under
another element, and neither page scrolls sideways (the kept styles lay it out for the width).

The offline page lists the case studies of its language kept on the device (their titles, as
text) and every link it shows opens a kept page; the search says, offline, what it can and
cannot do. A kept page shows within seconds when the network has stalled (then refreshed in
the background), and a script that page script wrote into the Cache Storage never runs: the
worker gives the site's files only with the bytes the build's manifest names.

The case is the fixture collection's (tests/collection.py); its title comes from its text,
every message from the UI strings."""
from __future__ import annotations

import json
import re
import time

import collection
import pytest

from casekit import project, yamlines
from conftest import DEFAULT, LANGS, ROOT, WIDTHS, new_context, overflow, prefix, serve, unseen, wait_for

STRINGS = project.strings_for(ROOT)
MOUNTS = ("", "mirror/of/the/site/")  # the site at a host's root, and under a sub-path
# whether the page has been kept by the service worker (any of its caches)
KEPT = """async () => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(location.href)) return true;
  }
  return false;
}"""
STYLED = "() => getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
# whether the address is kept by the site's worker, in any of its caches
KEPT_AT = "async (address) => !!(await caches.match(address))"
FIELD = "#site-search-query"  # the header's search field
STALLED_BUDGET_S = 10  # "never a hang": the worker gives up on the network after ~3 s


@pytest.fixture(scope="module")
def hosts(fixture_site, tmp_path_factory):
    """The fixture site's address at the root of a host and under a sub-path of another."""
    parent = tmp_path_factory.mktemp("mounted")
    mount = parent / MOUNTS[1]
    mount.parent.mkdir(parents=True)
    mount.symlink_to(fixture_site.path, target_is_directory=True)
    with serve(fixture_site.path) as root, serve(parent) as other:
        yield {MOUNTS[0]: root, MOUNTS[1]: other + MOUNTS[1]}


def _title(fixture_site, lang: str) -> str:
    path = fixture_site.root / "docs" / "cases" / collection.SLUG / collection.text_name(lang)
    front, _body, _line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
    return yamlines.load(front).data["title"]


def _seen(page, locator, width):
    problems = unseen(page, locator)
    assert not problems, f"{locator.inner_text().strip()!r} offline at a {width}'s width: {problems}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mount", MOUNTS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_opened_case_stays_readable_offline(browser, fixture_site, hosts, lang, mount, width):
    t = STRINGS(lang)
    base = hosts[mount]
    context = new_context(browser, width)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        case = f"{base}{prefix(lang)}cases/{collection.SLUG}/"
        page.goto(case)
        wait_for(page, "() => navigator.serviceWorker.controller", timeout=15000)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.scope)") == base
        wait_for(page, KEPT, timeout=15000)
        context.set_offline(True)
        # the case, reloaded without a connection: its title, its facts, the site's styles
        page.reload()
        assert page.locator("article.case h1").inner_text().strip() == _title(fixture_site, lang)
        facts = page.locator("aside.case-facts")
        assert facts.is_visible()
        assert facts.locator("h2").inner_text().strip() == t("facts.heading")
        assert facts.locator(".case-facts__row[data-fact='period'] dd").inner_text().strip()
        wait_for(page, STYLED)
        _seen(page, page.locator("article.case h1"), width)
        _seen(page, facts.locator("h2"), width)
        _seen(page, facts.locator(".case-facts__row[data-fact='period'] dd"), width)
        assert overflow(page) == 0, f"offline, the case is {overflow(page)} px wider than a {width}'s screen"
        # a page never opened: the offline page, in the language of its address
        page.goto(f"{base}{prefix(lang)}tags/")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1").inner_text().strip() == t("offline.title")
        assert t("offline.text") in page.locator("article").inner_text()
        wait_for(page, STYLED)
        # ... which lists the cases of its language kept on this device, by title, and shows
        # no link to a page that is not kept (the home page and the catalogue were never opened)
        saved = page.locator("[data-offline-saved]")
        saved.locator("a").first.wait_for(state="visible")
        assert saved.locator("h2").inner_text().strip() == t("offline.saved_heading")
        assert [(a.inner_text().strip(), a.evaluate("a => a.href")) for a in saved.locator("a").all()] == [(_title(fixture_site, lang), case)]
        shown = [a.evaluate("a => a.href") for a in page.locator("article a").all() if a.is_visible()]
        assert shown == [case], shown
        for address in shown:
            assert page.evaluate(KEPT_AT, address), f"the offline page links to {address}, which is not kept"
        _seen(page, page.locator("article h1"), width)
        _seen(page, saved.locator("a").first, width)
        assert overflow(page) == 0, f"the offline page is {overflow(page)} px wider than a {width}'s screen"
        # search says what it cannot do offline (it was never used on this device)
        page.locator(FIELD).fill(collection.SLUG.split("-")[0])
        said = page.locator(".site-search-form .site-search-results__status").get_by_text(t("search.offline"))
        said.wait_for(state="visible", timeout=10000)
        _seen(page, said, width)
        # the saved case opens from the list, offline
        saved.locator("a").first.click()
        page.wait_for_url(case)
        assert page.locator("article.case h1").inner_text().strip() == _title(fixture_site, lang)
        # back online, the address gives its own page again
        context.set_offline(False)
        page.reload()
        assert page.locator("article h1").inner_text().strip() != t("offline.title")
    finally:
        context.close()
    assert not [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]


def test_the_worker_is_registered_from_a_file_and_allowed_by_the_policy(fixture_site):
    """No inline script registers the worker; every page's policy allows a worker of the site's."""
    for lang in LANGS:
        html = fixture_site.file(f"{prefix(lang)}cases/{collection.SLUG}/").read_text(encoding="utf-8")
        assert re.search(r'<script src="[^"]*assets/javascripts/offline\.js"[^>]*data-worker="[^"]*sw\.js"', html)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "worker-src 'self'" in policy
    worker = fixture_site.file("sw.js").read_text(encoding="utf-8")
    assert "unbuilt" not in worker, "the build writes its id into the worker"
    for lang in LANGS:
        offline = fixture_site.file(f"{prefix(lang)}offline.html").read_text(encoding="utf-8")
        assert f'lang="{lang}"' in offline and 'content="noindex"' in offline


def _worker_settings(fixture_site) -> dict:
    line = re.search(r"^const SITE = (.*);$", fixture_site.file("sw.js").read_text(encoding="utf-8"), re.M)
    return json.loads(line.group(1))


POISON = "window.__poisoned = (window.__poisoned || 0) + 1;"
# page script that writes POISON into the Cache Storage for every script of the site the page
# loaded: under its own address and under every key the worker keeps it under, in every cache
POISON_THE_CACHE = """async (poison) => {
  const scripts = performance.getEntriesByType("resource").map((entry) => entry.name.split("?")[0])
    .filter((address) => /\\/assets\\/javascripts\\/[^/]+\\.js$/.test(address));
  let written = 0;
  const put = async (cache, key) => {
    await cache.put(key, new Response(poison, {headers: {"Content-Type": "text/javascript"}}));
    written += 1;
  };
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (scripts.includes(request.url.split("?")[0])) await put(cache, request);
    }
    for (const address of scripts) await put(cache, address);
  }
  return {scripts: scripts, written: written};
}"""
POISONED_KEYS = """async (poison) => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if ((await (await cache.match(request)).text()) === poison) out.push(request.url);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("mount", MOUNTS)
def test_a_script_written_into_the_cache_by_page_script_never_runs(browser, fixture_site, hosts, mount):
    """One injected script that wrote the site's scripts into the Cache Storage (under their
    addresses and under the worker's own keys) does not run again: reloaded, online or offline,
    the page runs the build's bytes, and the worker has deleted the copies that do not match."""
    base = hosts[mount]
    context = new_context(browser, "desktop")
    page = context.new_page()
    try:
        page.goto(f"{base}{prefix(DEFAULT)}cases/{collection.SLUG}/")
        wait_for(page, "() => navigator.serviceWorker.controller", timeout=15000)
        wait_for(page, KEPT, timeout=15000)
        scripts = [address[len(base):] for address in page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
                   if re.search(r"/assets/javascripts/[^/]+\.js$", address)]
        assert scripts
        wait_for(page, "(n) => caches.keys().then(async (names) => { let k = 0; for (const name of names)"
                       " k += (await (await caches.open(name)).keys()).filter((r) => r.url.includes('/assets/javascripts/')).length;"
                       " return k >= n; })", arg=len(scripts), timeout=15000)
        poisoned = page.evaluate(POISON_THE_CACHE, POISON)
        assert poisoned["written"] >= 2 * len(scripts), poisoned
        for offline in (False, True):
            context.set_offline(offline)
            page.reload()
            page.wait_for_load_state("load")
            assert page.evaluate("window.__poisoned") is None, f"a script from the Cache Storage ran (offline: {offline})"
            assert page.locator("article.case h1").is_visible()
        context.set_offline(False)
        assert page.evaluate(POISONED_KEYS, POISON) == [], "the worker keeps copies that do not match the manifest"
        manifest = _worker_settings(fixture_site)["assets"]
        assert all(path in manifest for path in scripts), (scripts, sorted(manifest))
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_kept_page_shows_at_once_when_the_network_stalls(browser, fixture_site, hosts, lang, width):
    """A case opened before, reloaded while the server holds its answer: the kept copy shows
    after the worker's patience (~3 s), not when the network gives up; the answer, when it comes,
    replaces the kept copy for the next visit."""
    base = hosts[MOUNTS[0]]
    case = f"{base}{prefix(lang)}cases/{collection.SLUG}/"
    context = new_context(browser, width)
    page = context.new_page()
    held = []
    try:
        page.goto(case)
        wait_for(page, "() => navigator.serviceWorker.controller", timeout=15000)
        wait_for(page, KEPT, timeout=15000)
        context.route(case, lambda route: held.append(route))  # the worker's request for the page gets no answer
        start = time.monotonic()
        page.reload(wait_until="commit", timeout=STALLED_BUDGET_S * 1000)
        page.locator("article.case h1").wait_for(state="visible", timeout=STALLED_BUDGET_S * 1000)
        shown = time.monotonic() - start
        assert shown < STALLED_BUDGET_S, f"the kept copy took {shown:.1f} s"
        print(f"\n{lang} {width}: a kept case shown after {shown:.2f} s with a stalled network")
        assert page.locator("article.case h1").inner_text().strip() == _title(fixture_site, lang)
        _seen(page, page.locator("article.case h1"), width)
        # the held answer arrives: it is kept, for the next visit
        assert held, "the worker asked the network for the page"
        marker = "refreshed-in-the-background"
        html = fixture_site.file(f"{prefix(lang)}cases/{collection.SLUG}/").read_text(encoding="utf-8")
        held[0].fulfill(status=200, content_type="text/html; charset=utf-8", body=html.replace("</body>", f"<!-- {marker} --></body>"))
        wait_for(page, "async ([address, marker]) => { const copy = await caches.match(address);"
                       " return !!copy && (await copy.text()).includes(marker); }", arg=[case, marker], timeout=15000)
    finally:
        context.unroute(case)
        context.close()
