"""The pull request's preview works when unzipped and opened from disk (scripts/build.py
--for-disk): links lead to pages, not folder listings, in every language; search says that it
needs a web server."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from collection import SLUG, make_project

from casekit import project
from conftest import LANGS, ROOT, prefix

STRINGS = project.strings_for(ROOT)


@pytest.fixture(scope="module")
def disk_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("disk") / "p")
    out = tmp_path_factory.mktemp("disk-site") / "site"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL", "EDIT_URI")}
    result = subprocess.run([sys.executable, str(root / "scripts" / "build.py"), "--for-disk", "--strict", "-f", str(root / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_links_opened_from_disk_lead_to_pages(disk_site, visit, lang):
    page = visit.page
    page.goto((disk_site / prefix(lang) / "cases" / "index.html").as_uri())
    page.locator(f'.case-list a[href*="{SLUG}"]').first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix(lang)}cases/{SLUG}/index.html")
    assert page.locator("article.case h1").count() == 1
    # every link of the site on the page names a file, never a folder
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    folders = [h for h in hrefs if not h.startswith(("http:", "https:", "mailto:", "#")) and h.split("#")[0].split("?")[0].endswith("/")]
    assert folders == []
    for other in LANGS:  # the language selector, from disk too
        page.goto((disk_site / prefix(lang) / "cases" / SLUG / "index.html").as_uri())
        page.locator(".language-button").click()
        page.locator(f'.md-select__link[hreflang="{other}"]').click()
        page.wait_for_load_state()
        assert page.url.endswith(f"{prefix(other)}cases/{SLUG}/index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_search_from_disk_says_it_needs_a_web_server(disk_site, visit, lang):
    page = visit.page
    page.goto((disk_site / prefix(lang) / "search" / "index.html").as_uri())
    note = page.locator(".site-search__needs-server")
    note.wait_for()
    assert note.inner_text() == STRINGS(lang)("search.needs_server")
