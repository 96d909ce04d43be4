"""A case page copies its citation and its address with one button each, in the page's
language; without a clipboard the buttons stay hidden. On a phone (by touch) and on a desktop
each button is on the screen once scrolled to, not under another element, a target of at
least 24 by 24 CSS pixels (WCAG 2.5.8), and what it did is said in a live region."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, SLUGS, WIDTHS, box, new_context, overflow, prefix, press, unseen, wait_for

TARGET = 24  # CSS pixels: the smallest target WCAG 2.5.8 (AA) allows without spacing


def _press(page, button, width):
    """Tap on a phone, click on a desktop (conftest.press), once the reader can see and reach the button."""
    problems = unseen(page, button)
    assert not problems, f"{button.inner_text().strip()!r} at a {width}'s width: {problems}"
    size = box(button)
    assert size["width"] >= TARGET and size["height"] >= TARGET, f"a {width}'s target of {size['width']}x{size['height']} px"
    press(button, width)


def _announced(page, text):
    """The live region says ``text``: a status (polite) region, in the accessibility tree."""
    wait_for(page, "(text) => document.getElementById('case-copy-status').textContent === text", arg=text)
    status = page.get_by_role("status").filter(has_text=text)
    assert status.count() == 1, "the message is in a role=status region a screen reader announces"
    assert status.evaluate("e => e.id") == "case-copy-status"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_copy_citation_and_share_link(server, browser, lang, width):
    from casekit import project
    t = project.strings_for(ROOT)(lang)
    context = new_context(browser, width, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/")
    button = page.locator('.case-copy[data-copy="#cite-plain"]')
    assert button.is_visible() and button.inner_text().strip() == t("cite.copy")
    _press(page, button, width)
    wait_for(page, "document.getElementById('case-copy-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cite-plain").inner_text().strip()
    assert page.locator("#case-copy-status").inner_text() == t("cite.copied")
    _announced(page, t("cite.copied"))
    bibtex = page.locator('.case-copy[data-copy="#cite-bibtex"]')
    assert bibtex.inner_text().strip() == t("cite.copy")
    _press(page, bibtex, width)
    wait_for(page, "(text) => navigator.clipboard.readText().then((copied) => copied === text)",
             arg=page.locator("#cite-bibtex").text_content().strip())
    share = page.locator(".case-share")
    assert share.inner_text().strip() == t("cite.share")
    _press(page, share, width)
    wait_for(page, "(text) => document.getElementById('case-copy-status').textContent === text", arg=t("cite.link_copied"))
    assert page.evaluate("navigator.clipboard.readText()") == share.get_attribute("data-url")
    assert share.get_attribute("data-url").endswith(f"/{prefix(lang)}cases/{SLUGS[0]}/")
    _announced(page, t("cite.link_copied"))
    assert overflow(page) == 0, f"the page is {overflow(page)} px wider than a {width}'s screen"
    context.close()
