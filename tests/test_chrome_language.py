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


@pytest.mark.parametrize("lang", LANGS)
def test_dates_follow_the_regional_variant_of_the_pages(site, lang):
    """Full dates are written as the pages' regional locale writes them (site.locale: for
    en_GB "24 November 2026", not the US "November 24, 2026")."""
    import datetime

    from babel.dates import format_date

    from casekit import project, yamlines
    regional = project.strings_for(ROOT)(lang)("site.locale")
    for slug in SLUGS:
        reviewed = yamlines.load((ROOT / "docs" / "cases" / slug / "case.yml").read_text(encoding="utf-8")).data["reviewed"]
        expected = format_date(datetime.date.fromisoformat(reviewed), format="long", locale=regional)
        row = site.soup(f"{prefix(lang)}cases/{slug}/").select_one('[data-fact="reviewed"] dd')
        assert row.get_text(strip=True) == expected, (slug, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_landmarks_are_named_in_the_page_language(site, lang):
    """The header's, the footer's and the site navigation's names (Material takes them from
    its own language files, whose Dutch one says "Header" and "Footer") come from
    overrides/i18n/<lang>.yml, on every type of page that has them."""
    from casekit import project
    t = project.strings_for(ROOT)(lang)
    expected = {".md-header nav, nav.md-header__inner": t("chrome.header"),
                "nav.md-footer__inner": t("chrome.footer"),
                "nav.md-nav--primary": t("chrome.nav")}
    found = {selector: set() for selector in expected}
    for page in ["", "contribute/", "places/", f"cases/{SLUGS[0]}/"]:
        soup = site.soup(prefix(lang) + page)
        for selector in expected:
            found[selector] |= {nav.get("aria-label") for nav in soup.select(selector)}
    assert found == {selector: {name} for selector, name in expected.items()}
