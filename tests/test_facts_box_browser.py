"""On a phone and on a desktop (WIDTHS), the facts box lists the facts a case states first, and
names the facts its sources do not state on one line ("Not stated in the sources: …") instead of a row each: the
box is shorter than the same facts one row each, and it is still a description list (terms and
definitions for a screen reader), and the box and its line are on the screen, under nothing.

The case is the fixture collection's (tests/collection.py), in every language of the registry;
which facts it leaves unstated comes from its case.yml, each fact's name from the UI strings."""
from __future__ import annotations

import collection
import pytest

from casekit import project, yamlines
from conftest import LANGS, REGIONS_OF, ROOT, WIDTHS, new_context, prefix, serve, unseen

STRINGS = project.strings_for(ROOT)


def not_stated(facts: dict) -> list:
    """The facts of the box that ``facts`` (a case.yml) leaves empty, in the box's order."""
    given = {
        "implementing": facts.get("implementing"), "partners": facts.get("partners"), "funders": facts.get("funders"),
        "countries": facts.get("countries"), "places": facts.get("places"), "region": REGIONS_OF(facts.get("countries")),
        "period": facts.get("start") or facts.get("end"), "participants": facts.get("participants"),
        "original_language": facts.get("original_language"), "reviewed": facts.get("reviewed"),
    }
    return [key for key, value in given.items() if not value]


@pytest.fixture(scope="module")
def fixture_server(fixture_site):
    with serve(fixture_site.path) as address:
        yield address


# The box as it was before: one row per fact, "Not stated in the sources" in each unstated one.
ONE_ROW_EACH = """box => {
  const copy = box.cloneNode(true);
  copy.removeAttribute("aria-labelledby");
  copy.querySelector("h2").removeAttribute("id");
  const line = copy.querySelector(".case-facts__unstated");
  const unknown = line.querySelector("dt").textContent;
  for (const name of line.querySelectorAll("dd [data-fact]")) {
    const row = document.createElement("div");
    row.className = "case-facts__row";
    row.innerHTML = "<dt></dt><dd><span class='case-facts__unknown'></span></dd>";
    row.querySelector("dt").textContent = name.textContent;
    row.querySelector("span").textContent = unknown;
    line.before(row);
  }
  line.remove();
  box.after(copy);
  const heights = [box.getBoundingClientRect().height, copy.getBoundingClientRect().height];
  copy.remove();
  return heights;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_unstated_facts_share_one_line(browser, fixture_site, fixture_server, lang, width):
    t = STRINGS(lang)
    facts = yamlines.load((fixture_site.root / "docs" / "cases" / collection.SLUG / "case.yml").read_text(encoding="utf-8")).data
    missing = not_stated(facts)
    assert len(missing) >= 2, "the fixture case leaves facts unstated"
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(f"{fixture_server}{prefix(lang)}cases/{collection.SLUG}/")
        box = page.locator("aside.case-facts")
        line = box.locator(".case-facts__unstated")
        assert line.count() == 1, "one line names the facts the sources do not state"
        for part in (box, line):
            assert not unseen(page, part), f"at a {width}'s width: {unseen(page, part)}"
        assert line.locator("dt").inner_text().strip() == t("facts.not_stated")
        named = line.locator("dd [data-fact]")
        assert named.evaluate_all("els => els.map(e => e.dataset.fact)") == missing
        assert [text.strip() for text in named.all_inner_texts()] == [t(f"facts.{key}") for key in missing]
        hidden = [key for key, name in zip(missing, named.all(), strict=True) if not name.is_visible()]
        assert not hidden, f"at a {width}'s width the line does not show {hidden}"
        # the stated facts come first, each in a row of its own; no unstated fact has a row
        rows = box.locator(".case-facts__list > *")
        classes = rows.evaluate_all("els => els.map(e => e.className)")
        assert classes[-1].split() == ["case-facts__row", "case-facts__unstated"], classes
        stated = box.locator(".case-facts__row[data-fact]").evaluate_all("els => els.map(e => e.dataset.fact)")
        assert stated and not set(stated) & set(missing), stated
        assert box.locator(".case-facts__unknown").count() == 0
        # one line: the facts' names start beside the words "not stated", not under them
        term, names = line.locator("dt").bounding_box(), line.locator("dd").bounding_box()
        assert abs(term["y"] - names["y"]) < 2, (term, names)
        # a description list to a screen reader: the line is a term with its definition
        terms = [text.strip() for text in box.get_by_role("term").all_inner_texts()]
        assert terms[-1] == t("facts.not_stated") and len(terms) == len(stated) + 1, terms
        assert box.get_by_role("definition").count() == len(terms)
        now, one_row_each = box.evaluate(ONE_ROW_EACH)
        assert now < one_row_each, (now, one_row_each)
    finally:
        context.close()
