"""On a host that serves one /404.html for every missing address (GitHub Pages), a reader whose
address is in a language's folder gets the "page not found" page of that language."""
from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from conftest import DEFAULT, LANGS, ROOT, prefix, serve


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing address gets /404.html with status 404."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_answers_in_the_language_of_its_address(site, visit, lang):
    from casekit import project
    title = project.strings_for(ROOT)(lang)("not_found.title")
    with serve(site.path, _PagesHandler) as address:
        page = visit.page
        page.goto(address + prefix(lang) + "no-such-page/")
        page.wait_for_load_state("load")
        if lang != DEFAULT:
            page.wait_for_url(f"{address}{prefix(lang)}404.html")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1").inner_text().strip() == title
    assert not visit.console_errors or all("404" in error for error in visit.console_errors), visit.console_errors
