"""A reader whose browser prefers another language that a page exists in gets one line, in
that language, linking to that version; no redirect, and nothing when the page is already in
the first preferred language it exists in. The line's button is named in the page's language,
the line is on the screen, under nothing, at a phone's (touch) and a desktop's width, in every
language of the registry."""
from __future__ import annotations

import pytest

from casekit import project
from conftest import LANGS, ROOT, WIDTHS, box, new_context, prefix, press, unseen, wait_for

STRINGS = project.strings_for(ROOT)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_page_hints_at_the_browsers_language(server, browser, lang, width):
    for preferred in LANGS:
        context = new_context(browser, width, locale=preferred)
        page = context.new_page()
        try:
            address = f"{server}{prefix(lang)}"
            page.goto(address)
            hint = page.locator(".language-hint")
            if preferred == lang:
                assert not hint.is_visible(), f"a {lang} page hints at {lang}"
                continue
            wait_for(page, "!document.querySelector('.language-hint').hidden")
            assert page.url == address, "no redirect"
            link = hint.locator("a")
            close = page.get_by_role("button", name=STRINGS(lang)("language_hint.dismiss"), exact=True)
            assert close.count() == 1
            assert link.inner_text().strip() == STRINGS(preferred)("language_hint.read")
            assert link.get_attribute("lang") == preferred and link.get_attribute("hreflang") == preferred
            assert link.evaluate("a => a.href") == f"{server}{prefix(preferred)}"
            assert not unseen(page, link), unseen(page, link)
            # one line in the band above the page's first element: it moves and covers nothing
            page.evaluate("window.scrollTo(0, 0)")
            line, first = box(hint), box(page.locator("article.md-content__inner > :not(.language-hint, script)").first)
            assert line["bottom"] <= first["top"] + 0.5 and first["covered_by"] is None, (line, first)
            assert line["top"] >= page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom") - 0.5, line
            assert min(box(link)["height"], box(close)["height"]) >= 24 - 0.5
            press(close, width)
            assert not hint.is_visible()
            page.reload()
            assert not hint.is_visible(), "hidden once, not shown again"
        finally:
            context.close()
