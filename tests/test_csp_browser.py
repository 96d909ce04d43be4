"""The Content-Security-Policy is a second wall: a script that gets into a page's content past
the sanitiser (here on purpose, by a test-only hook that runs after it) is refused by Chromium,
while the inline scripts the templates write still run."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from collection import SLUG, make_project

from conftest import build, serve

INJECTED = "window.__contentScript = (window.__contentScript || 0) + 1;"
# A hook of the test's own, after every other handler of on_page_content (the sanitiser is one)
HOOK = f'''from mkdocs.plugins import event_priority


@event_priority(-1000)
def on_page_content(html, page, config, files):
    return html + "<script>{INJECTED}</script>"
'''
PAGES = ("", f"cases/{SLUG}/", "contribute/")
INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("csp") / "p")
    (project / "past_sanitiser.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - past_sanitiser.py\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("csp-site")
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _source(body: str) -> str:
    """The CSP source that allows an inline script whose text is ``body``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def _policy(html: str) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)


def test_the_policy_allows_the_templates_scripts_not_the_injected_one(injected_site):
    for rel in PAGES:
        html = (injected_site / rel / "index.html").read_text(encoding="utf-8")
        assert INJECTED in html, rel  # the hook did get it into the page
        policy = _policy(html)
        assert _source(INJECTED) not in policy, rel
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        for match in INLINE.finditer(html):
            if "src=" in match.group("attrs") or "json" in match.group("attrs") or match.group("body") == INJECTED:
                continue
            assert _source(match.group("body")) in policy, (rel, match.group("body")[:80])


def test_chromium_refuses_a_script_injected_past_the_sanitiser(injected_site, browser):
    with serve(injected_site) as address:
        for rel in PAGES:
            context = browser.new_context()
            page = context.new_page()
            console: list = []
            page.on("console", lambda message, seen=console: seen.append(message.text))
            page.goto(address + rel)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__contentScript") is None, rel
            assert page.evaluate("typeof __md_scope") == "object", rel  # Material's inline script ran
            assert any("Content Security Policy" in text for text in console), (rel, console)
            context.close()
