"""Hostile values that the rules let through (quotes, formula-like names, Markdown and HTML in
plain-text fields, attr_list syntax) are inert in the built site: loaded in Chromium, no page
runs a dialog, navigates away or asks another host for anything, and each shows as text."""
from __future__ import annotations

import csv
import io
import re

import pytest
from collection import SLUG, languages, make_project, text_name

from conftest import ROOT, build, serve

HOSTILE_TITLE = 'A "quoted" title \' onfocus=alert(1) x="'
ATTR_LIST = 'Plain words {: tabindex="0" autofocus onfocus="alert(1)" }'
CODE = "`<img src=x onerror=alert(1)>`"
FORMULA = '=HYPERLINK("https://example.org/","x")'
# names a spreadsheet that splits cells on ";" or "," (Spanish, Dutch Excel) would cut into a formula
FORMULA_PARTS = ("Acme;=1+1", "Beta, @SUM(A1)", "Gamma; -2+3")
TAG_DESCRIPTION = "Read [this](javascript:alert(1)) and *that* & `now`"
UI_STRING = '<img src=x onerror=alert(1)>"\''


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("inert") / "p")
    case = project / "docs" / "cases" / SLUG
    langs = languages()
    for lang in langs:
        path = case / text_name(lang)
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", lambda _m: "title: '" + HOSTILE_TITLE.replace("'", "''") + "'", text, count=1, flags=re.M)
        text = text.replace("A paragraph of results", f"{ATTR_LIST}\n\n{CODE}\n\nA paragraph of results", 1)
        path.write_text(text, encoding="utf-8")
    from casekit import model
    original = case / text_name(langs[0])
    facts = (case / "case.yml").read_text(encoding="utf-8").replace("implementing: [Fixture Organisation]", "implementing: [" + ", ".join(f"'{name}'" for name in (FORMULA, *FORMULA_PARTS)) + "]")
    (case / "case.yml").write_text(facts, encoding="utf-8")
    # translations were made from the changed original
    from collection import _parsed
    fingerprint = model.Text(langs[0], original, *_parsed(original)).prose_hash
    for lang in langs[1:]:
        path = case / text_name(lang)
        text = path.read_text(encoding="utf-8")
        start = text.index("translated_from: ") + len("translated_from: ")
        path.write_text(text[:start] + fingerprint + text[start + 12:], encoding="utf-8")
    import yaml
    tags = project / "docs" / "tags.yml"
    vocabulary = yaml.safe_load(tags.read_text(encoding="utf-8"))
    first = next(iter(vocabulary["tags"].values()))
    first["description"] = {lang: TAG_DESCRIPTION for lang in langs}
    tags.write_text(yaml.safe_dump(vocabulary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    strings = project / "overrides" / "i18n" / f"{langs[-1]}.yml"
    data = yaml.safe_load(strings.read_text(encoding="utf-8"))
    data["facts"]["heading"] = UI_STRING
    strings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path_factory.mktemp("inert-site")
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _pages(site) -> list:
    prefixes = ["" if index == 0 else f"{lang}/" for index, lang in enumerate(languages())]
    pages = []
    for prefix in prefixes:
        pages += [f"{prefix}cases/{SLUG}/", f"{prefix}cases/", prefix, f"{prefix}tags/"]
    tag_pages = sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.glob("tags/*/index.html"))
    return pages + tag_pages[:1] + ["404.html"]


def _visit(browser, url: str) -> tuple:
    """Open ``url``, move the focus twice; return the dialogs, requests and navigations seen."""
    context = browser.new_context()
    page = context.new_page()
    dialogs, requests, navigations = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    page.goto(url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    context.close()
    return dialogs, requests, navigations


def test_hostile_values_are_inert_in_the_browser(hostile_site, browser):
    with serve(hostile_site) as address:
        for rel in _pages(hostile_site):
            dialogs, requests, navigations = _visit(browser, address + rel)
            assert not dialogs, (rel, dialogs)
            assert [url for url in requests if not url.startswith(address)] == [], rel
            assert all(url.startswith(address + rel) for url in navigations), (rel, navigations)


def test_hostile_values_show_as_text(hostile_site):
    from bs4 import BeautifulSoup
    langs = languages()
    for index, lang in enumerate(langs):
        prefix = "" if index == 0 else f"{lang}/"
        soup = BeautifulSoup((hostile_site / prefix / "cases" / SLUG / "index.html").read_text(encoding="utf-8"), "lxml")
        assert soup.find("h1").get_text() == HOSTILE_TITLE
        assert soup.find("meta", property="og:title")["content"] == HOSTILE_TITLE
        assert not soup.select("[onfocus], [onerror], [onclick], [autofocus]")
        text = soup.get_text()
        assert "{: tabindex" in text and "<img src=x onerror=alert(1)>" in text
    heading = BeautifulSoup((hostile_site / f"{langs[-1]}/cases/{SLUG}/index.html").read_text(encoding="utf-8") if len(langs) > 1
                            else (hostile_site / f"cases/{SLUG}/index.html").read_text(encoding="utf-8"), "lxml").select_one("#case-facts")
    assert heading.get_text() == UI_STRING
    import yaml
    first = next(iter(yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))["tags"]))
    tag_page = hostile_site / "tags" / first / "index.html"
    soup = BeautifulSoup(tag_page.read_text(encoding="utf-8"), "lxml")
    assert not soup.select('article a[href^="javascript"], article em, article code')
    assert "[this](javascript:alert(1))" in soup.get_text()


def test_formula_like_names_are_neutralised_in_the_csv(hostile_site):
    rows = list(csv.DictReader(io.StringIO((hostile_site / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert rows and rows[0]["implementing"] == "; ".join(["'" + FORMULA, "Acme;'=1+1", "Beta, '@SUM(A1)", "Gamma; '-2+3"])


def test_the_csv_is_safe_in_a_spreadsheet_that_splits_on_another_character(hostile_site):
    """Every text cell is quoted (numbers only are not), and however a spreadsheet splits the
    file (on ";" or "," honouring the quotes, or naively on every ";", "," or tab), no cell it
    reads starts, after spaces, with a formula's character."""
    text = (hostile_site / "cases.csv").read_text(encoding="utf-8-sig")
    # QUOTE_NONNUMERIC reads every unquoted cell as a number: a text cell unquoted fails
    rows = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))
    assert len(rows) == 2 and all(isinstance(cell, str) for cell in rows[0])
    cells = []
    for delimiter in (";", ",", "\t"):
        cells += [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    cells += re.split(r"[;,\t\n]", text)
    for cell in cells:
        assert not cell.lstrip(' "').startswith(("=", "+", "-", "@")), (cell, text)
