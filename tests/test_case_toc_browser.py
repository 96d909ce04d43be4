"""On a phone a case page offers its sections at the top ("on this page"), in the page's
language; at a desktop's width (WIDTHS) Material's own table of contents in the sidebar does it
instead, in every language."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, SLUGS, new_context, prefix, unseen


@pytest.mark.parametrize("lang", LANGS)
def test_sections_at_hand_on_a_phone(server, visit, lang):
    from casekit import project
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/")
    toc = page.locator(".case-toc")
    assert toc.is_visible()
    assert toc.locator("summary").inner_text().strip() == project.strings_for(ROOT)(lang)("case.on_this_page")
    assert toc.bounding_box()["y"] < 800  # reachable without scrolling
    headings = page.locator("article h2[id]").evaluate_all("nodes => nodes.map(n => '#' + n.id)")
    targets = toc.locator("a").evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
    assert targets and set(targets) <= set(headings)
    toc.locator("summary").click()
    toc.locator("a").last.click()
    assert page.url.endswith(targets[-1])


@pytest.mark.parametrize("lang", LANGS)
def test_hidden_where_the_sidebar_shows_the_contents(server, browser, lang):
    context = new_context(browser, "desktop")
    page = context.new_page()
    try:
        page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/")
        assert not page.locator(".case-toc").is_visible()
        # at a desktop's width Material's table of contents is in the sidebar: every section
        # "on this page" offers is there, on the screen, and a click goes to it
        sidebar = page.locator(".md-sidebar--secondary nav.md-nav--secondary")
        assert sidebar.is_visible(), "at a desktop's width neither the sidebar nor 'on this page' offers the sections"
        sections = page.locator(".case-toc a").evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
        offered = sidebar.locator("a").evaluate_all("nodes => nodes.map(n => n.hash)")
        assert sections and set(sections) <= set(offered), (sections, offered)
        for target in sections:
            link = sidebar.locator(f'a[href$="{target}"]')
            assert not unseen(page, link), (target, unseen(page, link))
        sidebar.locator(f'a[href$="{sections[-1]}"]').click()
        assert page.url.endswith(sections[-1])
        assert page.locator(sections[-1]).is_visible()
    finally:
        context.close()
