"""A case page copies its citation and its address with one button each, in the page's
language; without a clipboard the buttons stay hidden."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, SLUGS, prefix, wait_for


@pytest.mark.parametrize("lang", LANGS)
def test_copy_citation_and_share_link(server, browser, lang):
    from casekit import project
    t = project.strings_for(ROOT)(lang)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}{prefix(lang)}cases/{SLUGS[0]}/")
    button = page.locator('.case-copy[data-copy="#cite-plain"]')
    assert button.is_visible() and button.inner_text().strip() == t("cite.copy")
    button.click()
    wait_for(page, "document.getElementById('case-copy-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cite-plain").inner_text().strip()
    assert page.locator("#case-copy-status").inner_text() == t("cite.copied")
    share = page.locator(".case-share")
    share.click()
    wait_for(page, "(text) => document.getElementById('case-copy-status').textContent === text", arg=t("cite.link_copied"))
    assert page.evaluate("navigator.clipboard.readText()") == share.get_attribute("data-url")
    assert share.get_attribute("data-url").endswith(f"/{prefix(lang)}cases/{SLUGS[0]}/")
    context.close()
