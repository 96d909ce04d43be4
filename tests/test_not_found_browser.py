"""A reader whose address is missing gets the "page not found" page in the language of its
address, at the address typed (no redirect: one letter can be corrected), on a phone and on a
desktop: on a host that serves one /404.html for every missing address (GitHub Pages), and on
one that serves the 404.html nearest to the address (the language's folder, as Cloudflare
Pages does). Its heading, the header's search field and its links to the home pages are on
the screen, none under another element, and the page does not scroll sideways. An address one
letter off a page's lists that page first under "did you mean"."""
from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from conftest import LANGS, ROOT, SLUGS, WIDTHS, Visit, new_context, overflow, prefix, serve, unseen, wait_for


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing address gets /404.html with status 404."""

    def not_found_page(self) -> Path:
        return Path(self.directory) / "404.html"

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found_page().read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


class _NearestHandler(_PagesHandler):
    """A missing address gets the 404.html of the nearest folder above it that has one."""

    def not_found_page(self) -> Path:
        root = Path(self.directory)
        folder = Path(self.translate_path(self.path))
        while folder != root and not (folder / "404.html").is_file():
            folder = folder.parent
        return folder / "404.html"


HOSTS = {"one 404.html": _PagesHandler, "the nearest 404.html": _NearestHandler}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_answers_in_the_language_of_its_address(site, browser, lang, host, width):
    from casekit import project
    t = project.strings_for(ROOT)(lang)
    title = t("not_found.title")
    context = new_context(browser, width)
    visit = Visit(context.new_page())
    try:
        with serve(site.path, HOSTS[host]) as address:
            page = visit.page
            typed = address + prefix(lang) + "no-such-page/"
            page.goto(typed)
            page.wait_for_load_state("load")
            wait_for(page, "(lang) => document.documentElement.lang === lang", arg=lang)
            assert page.url == typed, "the address typed stays"
            assert page.locator("html").get_attribute("lang") == lang
            heading = page.locator("article h1")
            assert heading.inner_text().strip() == title
            # what a reader at this width needs: the heading, a search field, the way home
            assert not unseen(page, heading), unseen(page, heading)
            search = page.get_by_role("searchbox", name=t("search.label"), exact=True)
            assert search.count() == 1
            assert not unseen(page, search), unseen(page, search)
            # the page's own link home (the other languages' links may hold the same words: a
            # language just added speaks the default one's until it is translated)
            home = page.locator("article a:not([hreflang])").filter(has_text=t("not_found.home"))
            assert home.count() == 1 and home.evaluate("a => a.href") == address + prefix(lang)
            for link in [home, *page.locator("article a[hreflang]:visible").all()]:
                assert link.evaluate("a => a.href") == address + prefix(link.get_attribute("hreflang") or lang)
                assert not unseen(page, link), (link.inner_text(), unseen(page, link))
            assert overflow(page) == 0, f"the page is {overflow(page)} px wider than a {width}'s screen"
    finally:
        context.close()
    assert not visit.console_errors or all("404" in error for error in visit.console_errors), visit.console_errors


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_address_one_letter_off_offers_the_page_it_meant(site, browser, lang, host):
    from casekit import project
    t = project.strings_for(ROOT)(lang)
    meant = f"cases/{SLUGS[0]}/"
    context = new_context(browser, "phone")
    try:
        with serve(site.path, HOSTS[host]) as address:
            page = context.new_page()
            typed = address + prefix(lang) + meant.rstrip("/")[:-1]  # the last letter left out
            page.goto(typed)
            wait_for(page, "document.querySelector('.not-found__suggestions') && !document.querySelector('.not-found__suggestions').hidden")
            assert page.url == typed
            heading = page.locator(".not-found__suggestions h2")
            assert heading.inner_text().strip() == t("not_found.did_you_mean")
            first = page.locator(".not-found__suggestions li a").first
            assert first.evaluate("a => a.href") == address + prefix(lang) + meant
            assert not unseen(page, first), unseen(page, first)
    finally:
        context.close()
