"""A case page on a phone (390 x 844, touch) and on a desktop: the facts box is compact enough
that the case's first paragraph starts within the first screen and a half, the tags are folded
under their number on a phone (shown on a desktop), and a link under the title leads to the
share button, on the screen below the sticky header.

The case is a worst case of the fixture collection (tests/collection.py): every fact stated,
long names, several countries and places, ten tags; in every language of the registry."""
from __future__ import annotations

import re

import collection
import pytest

from casekit import project, vocab
from conftest import LANGS, ROOT, WIDTHS, box, build, new_context, prefix, press, serve

STRINGS = project.strings_for(ROOT)
SLUG = "a-case-with-every-fact"
TAGS = 10


@pytest.fixture(scope="module")
def crowded_case(tmp_path_factory):
    base = tmp_path_factory.mktemp("case-phone")
    root = collection.make_project(base / "project")
    tags, _ = vocab.load(root / "docs" / "tags.yml", LANGS)
    regions = tags.ids("region")
    chosen = [tag for tag in tags.ids() if tag not in regions][:TAGS]
    case = collection.write_case(root / "docs", SLUG, countries=["CO", "EC", "PE", "VE"], tags=chosen)
    facts = case / "case.yml"
    text = facts.read_text(encoding="utf-8")
    long = "International Federation of Community Development and Capacity Building Organisations"
    text = re.sub(r"\npartners: \[\]", f"\npartners: [{long} North, {long} South, A Second Partner Network]", text)
    text = re.sub(r"\nfunders: \[\]", f"\nfunders: [{long} Fund, The Fixture Foundation for Civil Society]", text)
    text = re.sub(r"\nplaces: \[[^\]]*\]", "\nplaces: [Fixture Town, Another Fixture Town, A Third Fixture Village]", text)
    facts.write_text(text, encoding="utf-8")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as address:
        yield address, len(chosen)


# where an element is on the page (not the viewport): its top and bottom, in CSS px
_ON_PAGE = "e => { const b = e.getBoundingClientRect(); return [b.top + scrollY, b.bottom + scrollY]; }"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_case_reads_from_the_first_screens_and_shares_from_the_top(crowded_case, browser, lang, width):
    address, count = crowded_case
    t = STRINGS(lang)
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(f"{address}{prefix(lang)}cases/{SLUG}/")
        screen = page.viewport_size["height"]
        # the prose's first paragraph starts within the first screen and a half
        first = page.locator("article.case > h2 ~ p").first
        top, _bottom = first.evaluate(_ON_PAGE)
        assert top <= 1.5 * screen, f"at a {width}'s width the first paragraph starts at {top:.0f} px ({screen} px screens)"
        # the tags: folded under their number on a phone, shown on a desktop
        chips = page.locator("article.case .case-tags .md-tag")
        assert chips.count() == count
        fold = page.locator("article.case details.case-tags-fold")
        if width == "phone":
            summary = fold.locator("summary")
            assert " ".join(summary.inner_text().split()) == f"{t('case.tags')} ({count})"
            assert not chips.first.is_visible()
            press(summary, width)
            assert all(chip.is_visible() for chip in chips.all())
        else:
            assert all(chip.is_visible() for chip in chips.all())
        # a link near the title, on the first screen, leads to the share button
        link = page.get_by_role("link", name=t("cite.share_or_cite"), exact=True)
        assert link.count() == 1
        _top, bottom = link.evaluate(_ON_PAGE)
        assert bottom <= screen, f"the link to share is at {bottom:.0f} px, below the first screen"
        page.evaluate("window.scrollTo(0, 0)")
        press(link, width)
        page.wait_for_url("**#case-cite")
        page.wait_for_timeout(100)
        share = page.locator("button.case-share")
        where = box(share)
        header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
        assert where["shown"] and where["top"] >= header - 0.5 and where["bottom"] <= screen, (where, header)
        assert where["covered_by"] is None, where
    finally:
        context.close()
