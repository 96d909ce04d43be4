"""On a phone a case page offers its sections at the top ("on this page"), in the page's
language; on a wide screen Material's own table of contents does it instead."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, SLUGS, prefix


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


def test_hidden_where_the_sidebar_shows_the_contents(server, visit):
    page = visit.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{server}cases/{SLUGS[0]}/")
    assert not page.locator(".case-toc").is_visible()
