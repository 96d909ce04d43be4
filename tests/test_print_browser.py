"""Printing a case gives a clean document: no header, sidebars or search; the facts box (the
stated facts and the line naming those the sources do not state); tags as text; the sources,
their addresses after their links; the citation. Printed to PDF by Chromium and read back.

The case printed is the fixture collection's (tests/collection.py), in every language of the
registry; what the PDF must hold comes from its facts, the UI strings and the vocabulary."""
from __future__ import annotations

import datetime
import io
import re

import pytest
import yaml
from babel.dates import format_skeleton
from collection import SLUG, make_project
from pypdf import PdfReader

from casekit import project as casekit_project
from casekit import vocab as casekit_vocab
from conftest import LANGS, ROOT, build, prefix, serve

# a long address, so that it has to wrap on the printed page
URL = "https://example.org/reports/a-long-address-of-the-fixture-case-report"
STRINGS = casekit_project.strings_for(ROOT)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The fixture collection's site, its case's source given the address above; yields the
    address it is served on and the case's facts."""
    base = tmp_path_factory.mktemp("print")
    project = make_project(base / "project")
    path = project / "docs" / "cases" / SLUG / "case.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n    url: \S+", "", text, count=1)  # the source's own address, if it has one, is replaced
    text, added = re.subn(r"(\n  - title: [^\n]*\n(?:    [^\n]*\n)*)", rf"\g<1>    url: {URL}\n", text, count=1)
    assert added == 1, text
    path.write_text(text, encoding="utf-8")
    facts = yaml.safe_load(text)
    assert facts["sources"][0]["url"] == URL
    result = build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as address:
        yield address, facts


def _pdf_text(page) -> str:
    pdf = page.pdf(format="A4", print_background=False)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def _month(value: str, lang: str) -> str:
    year, month = (int(part) for part in str(value).split("-")[:2])
    return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=lang)


def _expected_facts(facts: dict, lang: str) -> list:
    t = STRINGS(lang)
    expected = [t("facts.heading"), f"{_month(facts['start'], lang)} – {_month(facts['end'], lang)}"]
    expected += [t(f"facts.{kind}", count=value) for kind, value in facts["participants"].items() if isinstance(value, int)]
    return expected


def _tags(facts: dict, lang: str) -> str:
    vocab, _ = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
    return ", ".join(vocab.tags[tag].label[lang] for tag in facts["tags"])


@pytest.mark.parametrize("lang", LANGS)
def test_printed_case(browser, printed, lang):
    address, facts = printed
    assert len(facts["tags"]) >= 2 and facts["start"] != facts["end"] and facts["participants"]
    page = browser.new_page()
    page.goto(f"{address}{prefix(lang)}cases/{SLUG}/", wait_until="networkidle")
    # the screen's chrome, in the page's language: the search box, the skip link, the footer's credit
    chrome = [STRINGS(lang)("search.label"),
              page.eval_on_selector(".md-skip", "e => e.textContent"),
              page.eval_on_selector(".md-copyright", "e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ')")]
    chrome = [" ".join(text.split()) for text in chrome]
    assert all(chrome), chrome
    citation = page.inner_text("#cite-plain")
    # the copy and share buttons: on the screen, never on paper (Material's button style
    # outranked the print rule that hides them)
    buttons = page.locator("button.case-copy, button.case-share")
    assert buttons.count() >= 2 and all(button.is_visible() for button in buttons.all())
    chrome += [" ".join(text.split()) for text in page.locator("button.case-share").all_inner_texts()]
    page.emulate_media(media="print")
    assert [button.is_visible() for button in buttons.all()] == [False] * buttons.count()
    text = _pdf_text(page)
    page.close()
    t = STRINGS(lang)
    for fact in _expected_facts(facts, lang):
        assert fact in text, fact
    # the facts the sources do not state, named on one line
    unstated = [key for key in ("partners", "funders") if not facts[key]]
    assert unstated, "the fixture case leaves facts unstated"
    names = ", ".join(t(f"facts.{key}") for key in unstated)
    assert re.search(rf"{re.escape(t('facts.not_stated'))}:? {re.escape(names)}", text), text[:1500]
    # the sources, each with its title and publisher
    sources = text[text.index(t("case.sources")):]
    for source in facts["sources"]:
        assert source["title"] in sources and source["publisher"] in sources, source
    # the citation, in plain text (an address in it may wrap anywhere)
    assert t("cite.heading") in text
    assert re.sub(r"\s+", "", citation) in re.sub(r"\s+", "", text), citation
    assert _tags(facts, lang) in text
    # the source's address follows its title
    source = facts["sources"][0]["title"]
    address_pattern = r"\s*".join(map(re.escape, URL))
    assert re.search(rf"{re.escape(source)} .*?\(\s*{address_pattern}\s*\)", text), text[-800:]
    for words in chrome:
        assert words not in text, words
