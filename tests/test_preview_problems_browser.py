"""The live preview (`mkdocs serve`, as scripts/serve.py runs it) shows a problem that would
stop the published build in the browser, on the page being read, in its language, naming the
file and line; once the file is fixed the page reloads to the case. It is as safe as the
published site: the same policy (no 'unsafe-inline' for scripts), and a page with problems
shows them instead of its refused markup."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest
from collection import SLUG, languages, make_project, text_name

from casekit import project
from conftest import LANGS, ROOT, prefix

STRINGS = project.strings_for(ROOT)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("preview") / "p")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL", "EDIT_URI")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=root, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield root, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
        assert "Traceback" not in output, output[-3000:]


def _wait_served(page, url, server, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        assert server.poll() is None, "the preview server stopped"
        try:
            if page.goto(url).ok:
                return
        except Exception:  # noqa: BLE001 - not listening yet
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} was not served")


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_case_is_shown_in_the_browser_and_the_fix_reloads(preview, visit, lang):
    root, base, server = preview
    page = visit.page
    url = f"{base}{prefix(lang)}cases/{SLUG}/"
    _wait_served(page, url, server)
    assert page.locator(".preview-problems").count() == 0
    facts = root / "docs" / "cases" / SLUG / "case.yml"
    good = facts.read_text(encoding="utf-8")
    line = next(number for number, text in enumerate(good.splitlines(), 1) if text.startswith("countries:"))
    facts.write_text(good.replace("countries: [CO]", "countries: [Colombia]"), encoding="utf-8")
    try:
        banner = page.locator(".preview-problems")
        banner.wait_for(timeout=90000)  # the page reloads by itself after the rebuild
        t = STRINGS(lang)
        assert banner.locator(".admonition-title").inner_text() == t("preview.problems", count=1)
        assert f"docs/cases/{SLUG}/case.yml:{line}" in banner.inner_text()
    finally:
        facts.write_text(good, encoding="utf-8")
    page.locator(".preview-problems").wait_for(state="detached", timeout=90000)
    assert page.locator("article.case h1").count() == 1


def test_refused_markup_is_not_run_in_the_preview(preview, visit):
    root, base, server = preview
    page = visit.page
    original = languages()[0]
    url = f"{base}{prefix(original)}cases/{SLUG}/"
    _wait_served(page, url, server)
    text = root / "docs" / "cases" / SLUG / text_name(original)
    good = text.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title: "))
    text.write_text(good.replace(title, 'title: "A workshop <img src=x onerror=window.__ran=1>"', 1), encoding="utf-8")
    try:
        page.locator(".preview-problems").wait_for(timeout=90000)  # the page reloads by itself after the rebuild
        page.wait_for_load_state("load")
        assert page.evaluate("window.__ran") is None
        assert page.locator("img[src='x'], article.case").count() == 0  # the problems, not the refused page
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0], policy
    finally:
        text.write_text(good, encoding="utf-8")
    page.locator(".preview-problems").wait_for(state="detached", timeout=90000)  # and it still reloads once fixed
    assert page.locator("article.case h1").count() == 1
    assert not [error for error in visit.console_errors if "Content Security Policy" in error], visit.console_errors
