"""The live preview (`mkdocs serve --dirty`, as scripts/serve.py runs it) serves every language,
registers no service worker and shows an edit to a case."""
from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from collection import SLUG, make_project, text_name

from casekit import messages
from casekit.problems import Problem
from conftest import DEFAULT, LANGS, SLUGS, copy_project, prefix

pytestmark = pytest.mark.build  # mkdocs serve


def _title(path) -> str | None:
    """The title in a text's front matter, as written (None when the file does not exist)."""
    if not path.exists():
        return None
    front = path.read_text(encoding="utf-8").split("---")[1]
    return str(yaml.safe_load(front)["title"])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _nav_labels(page: str | None) -> list:
    """The labels of a page's navigation links, as shown."""
    from selectolax.lexbor import LexborHTMLParser

    return [node.text(strip=True) for node in LexborHTMLParser(page or "").css(".md-nav__link .md-ellipsis")]


def _wait_for(url: str, text: str, server, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        body = _get(url)
        if body and text in body:
            return True
        assert server.poll() is None, "the preview server stopped"
        time.sleep(0.3)
    return False


def test_preview_serves_and_shows_an_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # the last language of the registry that has case text (another than the default one, if
    # there is one): a language just added has none yet
    with_text = [lang for lang in LANGS if any((project / "docs" / "cases" / slug / text_name(lang)).exists() for slug in SLUGS)]
    assert with_text, "no case has a text in any language of the registry"
    lang = next((lang for lang in reversed(with_text) if lang != DEFAULT), with_text[0])
    slug = next(slug for slug in SLUGS if (project / "docs" / "cases" / slug / text_name(lang)).exists())
    text = project / "docs" / "cases" / slug / text_name(lang)
    title = _title(text)
    assert title, f"{text} has a title"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    other = next(other for other in SLUGS if other != slug) if len(SLUGS) > 1 else slug
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(f"{base}{prefix(lang)}cases/{slug}/", 'class="case"', server, 180), "the case was not served"
        labels = _nav_labels(_get(f"{base}{prefix(lang)}cases/{slug}/"))
        assert labels and "None" not in labels, labels
        assert f'"{lang}":{{"hash"' in (_get(f"{base}{prefix(lang)}pagefind/pagefind-entry.json") or "")  # its search index
        # no service worker in the preview: it would keep files that an edit changes
        home = _get(base) or ""
        assert "assets/javascripts/offline.js" in home and "data-worker=" not in home
        marker = "Edited by the preview test"
        text.write_text(text.read_text(encoding="utf-8").replace(title, f"{marker} {title}", 1), encoding="utf-8")
        assert _wait_for(f"{base}{prefix(lang)}cases/{slug}/", marker, server, 120), "the edit did not show"
        # the rebuild read only the edited page: the navigation still names the others
        assert _nav_labels(_get(f"{base}{prefix(lang)}cases/{slug}/")) == labels
        assert 'class="case"' in (_get(f"{base}cases/{other}/") or "")  # another case is still served
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-2000:]


def test_the_preview_banner_says_the_problems_in_the_page_language(tmp_path):
    """A problem that would stop the build is shown on every page of the preview, in the page's
    language (as the banner's own words are)."""
    project = make_project(tmp_path / "project")
    facts = project / "docs" / "cases" / SLUG / "case.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("funders: []", "funders: []\nfunder: [X]"), encoding="utf-8")
    line = next(number for number, text in enumerate(facts.read_text(encoding="utf-8").split("\n"), 1) if text.startswith("funder:"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        for lang in LANGS:
            assert _wait_for(f"{base}{prefix(lang)}cases/{SLUG}/", "preview-problems", server, 180), f"no banner in {lang}"
            page = html.unescape(_get(f"{base}{prefix(lang)}cases/{SLUG}/") or "")
            problem = Problem(f"docs/cases/{SLUG}/case.yml", line, messages._("unknown fact '{key}'.", key="funder"),
                              messages._("did you mean {choices}?", choices="'funders'"))
            spoken = messages.for_contributor(lang, LANGS, {}, system=lambda: None)
            assert problem.format(spoken) in page, (lang, page[page.find("preview-problems"):][:600])
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-2000:]
