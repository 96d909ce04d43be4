"""Offline reading: a case a reader has opened stays readable without a connection (the site's
service worker keeps the pages visited and the files they need), and a page not visited
answers, offline, with the offline page of its language; at the site's root and under a
sub-path, in every language of the registry, on a phone and on a desktop: offline, the case's
title and facts and the offline page's heading and way home are on the screen, not under
another element, and neither page scrolls sideways (the kept styles lay it out for the width).

The case is the fixture collection's (tests/collection.py); its title comes from its text,
every message from the UI strings."""
from __future__ import annotations

import re

import collection
import pytest

from casekit import project, yamlines
from conftest import LANGS, ROOT, WIDTHS, new_context, overflow, prefix, serve, unseen, wait_for

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
        home = page.locator("article a").first
        assert home.evaluate("a => a.href") == f"{base}{prefix(lang)}"
        _seen(page, page.locator("article h1"), width)
        _seen(page, home, width)
        assert overflow(page) == 0, f"the offline page is {overflow(page)} px wider than a {width}'s screen"
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
