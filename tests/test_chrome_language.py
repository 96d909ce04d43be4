"""Every word of the chrome is in the page's language: the title of the links after headings."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, SLUGS, prefix


@pytest.mark.parametrize("lang", LANGS)
def test_heading_links_are_titled_in_the_page_language(site, lang):
    from casekit import project
    expected = project.strings_for(ROOT)(lang)("site.permalink")
    pages = ["", "contribute/"] + [f"cases/{slug}/" for slug in SLUGS[:3]]
    titles = {a.get("title") for page in pages for a in site.soup(prefix(lang) + page).select("a.headerlink")}
    assert titles == {expected}
