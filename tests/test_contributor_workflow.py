"""Scaffold -> fill -> validate -> build, translation states, and a case first written in a
language other than the default one.

Everything runs on the fixture collection (tests/collection.py); languages come from the
registry (the default first, "the second language" is LANGS[1]), headings and notices from
each language's UI strings."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from bs4 import BeautifulSoup
from collection import SLUG, make_project, text_name

from casekit import messages
from casekit import project as casekit_project
from casekit import vocab as casekit_vocab
from conftest import DEFAULT, LANGS, ROOT, build, prefix

NEW = "fixture-forum"  # the case the scaffold test makes
SITE_URL = "http://127.0.0.1:8000/"  # the default address of mkdocs.yml
STRINGS = casekit_project.strings_for(ROOT)
SECTIONS = ("context", "what_was_done", "results", "lessons")
two_languages = pytest.mark.skipif(len(LANGS) < 2, reason="the site is built in one language: there is no translation")

_VOCAB, _ = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
TAGS = [tag for tag in _VOCAB.ids() if tag not in _VOCAB.ids("region")][:5]
FACTS = {
    "implementing: []": "implementing: [Fixture Association]",
    "countries: []": "countries: [EC]",
    "places: []": "places: [Fixture City]",
    "start: null": "start: 2021-03",
    "end: null": "end: 2021-09",
    "participants: {}": "participants: {organisations: 8}",
    "tags: []": f"tags: [{', '.join(TAGS)}]",
    "  - title:  ": "  - title: A report of the fixture association  ",
    "    publisher:  ": "    publisher: Fixture Association  ",
}


def heading(lang: str, key: str) -> str:
    return STRINGS(lang)(f"sections.{key}")


def title(lang: str) -> str:
    return f"A forum of eight organisations ({lang})"


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` as a page in ``lang`` writes it (CLDR)."""
    return Locale.parse(lang).languages.get(code, code)


def words(text: str) -> str:
    return " ".join(text.split())


def page(site: Path, lang: str, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / prefix(lang) / "cases" / slug / "index.html").read_text(encoding="utf-8"), "lxml")


def link(from_lang: str, to_lang: str, slug: str) -> str:
    """The relative address of ``slug``'s page in ``to_lang`` from its page in ``from_lang``."""
    depth = len(f"{prefix(from_lang)}cases/{slug}".split("/"))
    return "../" * depth + f"{prefix(to_lang)}cases/{slug}/"


def cases(project: Path) -> int:
    return len(list((project / "docs" / "cases").glob("*/case.yml")))


def run(project: Path, script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "scripts" / script), *args], cwd=project, capture_output=True, text=True)


def fill_text(path: Path, lang: str, extra: str = ""):
    body = "\n\n".join(f"## {heading(lang, key)}\n\n{extra}The text of section {i + 1} in {lang}." for i, key in enumerate(SECTIONS))
    summary = f"Eight organisations met to learn how to work in partnership ({lang})."
    path.write_text(f"---\ntitle: {title(lang)}\nsummary: {summary}\n---\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_scaffold_refuses_bad_and_existing_slugs(project):
    bad = run(project, "new_case.py", "Bad Slug")
    assert bad.returncode != 0 and "is not a valid slug" in bad.stderr
    existing = run(project, "new_case.py", SLUG)
    assert existing.returncode != 0 and "already exists" in existing.stderr
    expected = sorted(["case.yml", *(text_name(lang) for lang in LANGS)])
    assert sorted(p.name for p in (project / "docs" / "cases" / SLUG).iterdir()) == expected


@two_languages
def test_scaffold_fill_validate_build_translate(project, tmp_path):
    first = LANGS[1]  # the case is written first in a language other than the default one
    others = [lang for lang in LANGS if lang != first]
    before = cases(project)
    made = run(project, "new_case.py", NEW, "--lang", first)
    assert made.returncode == 0, made.stderr
    # the script speaks the language the case is written in (English without its catalogue)
    assert messages.for_contributor(first, LANGS, {}).say(messages._("Next steps:")) in made.stdout, made.stdout
    folder = project / "docs" / "cases" / NEW
    for lang in LANGS:  # every text has the headings of its own language
        assert f"## {heading(lang, 'what_was_done')}" in (folder / text_name(lang)).read_text(encoding="utf-8"), lang

    # the untouched scaffold does not validate, and says why, line by line
    checked = run(project, "validate.py", f"docs/cases/{NEW}")
    assert checked.returncode == 1
    assert re.search(rf"docs/cases/{NEW}/case.yml:\d+: error: 'countries' must list at least one entry", checked.stdout), checked.stdout
    assert f"docs/cases/{NEW}/{text_name(first)}:6: error: the section '## {heading(first, 'context')}' is empty." in checked.stdout, checked.stdout

    # fill the facts and the original; the other languages stay pending
    facts = (folder / "case.yml").read_text(encoding="utf-8")
    for old, new in FACTS.items():
        assert old in facts, old
        facts = facts.replace(old, new, 1)
    (folder / "case.yml").write_text(facts, encoding="utf-8")
    fill_text(folder / text_name(first), first)
    checked = run(project, "validate.py")
    assert checked.returncode == 0, checked.stdout
    assert cases(project) == before + 1
    assert checked.stdout.startswith(f"OK: {before + 1} cases"), checked.stdout

    site = tmp_path / "site"
    built = build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    # readers of every other language (drafts are not published) get the original, marked as
    # such in their page's language, and not indexed
    for lang in others:
        shown = page(site, lang, NEW)
        assert shown.html["lang"] == lang
        assert shown.select_one("article.case")["lang"] == first, lang
        assert shown.select_one("article.case h1").get_text(strip=True) == title(first), lang
        notice = shown.select_one(".case-notice")
        assert notice is not None, lang
        expected = STRINGS(lang)("case.fallback", language=language_name(first, lang))
        assert words(expected) in words(notice.get_text()), (lang, notice.get_text())
        assert notice.select_one("a")["href"] == link(lang, first, NEW), lang
        assert shown.select_one("meta[name=robots]")["content"] == "noindex", lang
        assert shown.select_one("link[rel=canonical]")["href"] == f"{SITE_URL}{prefix(first)}cases/{NEW}/", lang
        # shared from this page, its own address (the reader's language), not the canonical original's
        assert shown.select_one(".case-share")["data-url"] == f"{SITE_URL}{prefix(lang)}cases/{NEW}/", lang
    original = page(site, first, NEW)
    assert original.select_one(".case-notice") is None
    assert {a["hreflang"]: a["href"] for a in original.select("a.md-select__link")}[DEFAULT] == link(first, DEFAULT, NEW)

    # translate into the default language: leave it pending, mark, and its page is in its language
    fill_text(folder / text_name(DEFAULT), DEFAULT)
    still_pending = run(project, "translations.py", "--mark", NEW, DEFAULT)
    assert still_pending.returncode == 1 and f"remove '{DEFAULT}' from pending:" in still_pending.stderr, still_pending.stderr
    pending = f"pending: [{', '.join(others)}]"
    assert pending in facts, facts
    (folder / "case.yml").write_text(facts.replace(pending, f"pending: [{', '.join(others[1:])}]"), encoding="utf-8")
    unmarked = run(project, "validate.py", f"docs/cases/{NEW}")
    assert unmarked.returncode == 1 and f"translations.py --mark {NEW} {DEFAULT}" in unmarked.stdout, unmarked.stdout
    marked = run(project, "translations.py", "--mark", NEW, DEFAULT)
    assert marked.returncode == 0, marked.stderr
    assert run(project, "validate.py").returncode == 0
    built = build(project, tmp_path / "site2")
    assert built.returncode == 0, built.stdout + built.stderr
    translated = page(tmp_path / "site2", DEFAULT, NEW)
    assert translated.select_one("article.case")["lang"] == DEFAULT
    assert translated.select_one("article.case h1").get_text(strip=True) == title(DEFAULT)
    assert translated.select_one(".case-notice") is None


def _states(*states: str) -> str:
    """A line of translations.py's report for the fixture case, one state per language."""
    return rf"^{SLUG}" + "".join(rf"\s+{state}" for state in states) + r"\s*$"


@two_languages
def test_translation_states_and_banner(project, tmp_path):
    folder = project / "docs" / "cases" / SLUG
    assert f"original_language: {DEFAULT}\n" in (folder / "case.yml").read_text(encoding="utf-8")
    second, rest = LANGS[1], LANGS[2:]
    translations = LANGS[1:]
    report = run(project, "translations.py")
    assert re.search(_states("original", *["up to date"] * len(translations)), report.stdout, flags=re.M), report.stdout
    # the original's prose changes: its translations become outdated
    original = folder / text_name(DEFAULT)
    results = f"## {heading(DEFAULT, 'results')}\n"
    text = original.read_text(encoding="utf-8")
    assert results in text
    original.write_text(text.replace(results, f"{results}\nA sentence added to the original.\n", 1), encoding="utf-8")
    report = run(project, "translations.py")
    assert re.search(_states("original", *["OUTDATED"] * len(translations)), report.stdout, flags=re.M), report.stdout
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    for lang in translations:
        notice = page(tmp_path / "site", lang, SLUG).select_one(".case-notice")
        assert notice is not None and notice["data-state"] == "outdated", lang
        expected = STRINGS(lang)("case.outdated", language=language_name(DEFAULT, lang))
        assert words(expected) in words(notice.get_text()), (lang, notice.get_text())
        assert notice.select_one("a")["href"] == link(lang, DEFAULT, SLUG), lang
    for lang in LANGS:  # the status page, in each language
        status = BeautifulSoup((tmp_path / "site" / prefix(lang) / "translations" / "index.html").read_text(encoding="utf-8"), "lxml")
        cells = {td["data-lang"]: td.get_text(strip=True) for td in status.select(f"tr[data-case$='{SLUG}/'] td")}
        state = STRINGS(lang)
        assert cells == {DEFAULT: state("translations.state.original"), **{other: state("translations.state.outdated") for other in translations}}, lang
    # --mark records the second language's translation as up to date again: its banner goes
    assert run(project, "translations.py", "--mark", SLUG, second).returncode == 0
    report = run(project, "translations.py")
    assert re.search(_states("original", "up to date", *["OUTDATED"] * len(rest)), report.stdout, flags=re.M), report.stdout
    built = build(project, tmp_path / "site2")
    assert built.returncode == 0, built.stdout + built.stderr
    assert page(tmp_path / "site2", second, SLUG).select_one(".case-notice") is None
    for lang in rest:
        assert page(tmp_path / "site2", lang, SLUG).select_one(".case-notice")["data-state"] == "outdated", lang


def test_mark_refuses_the_original_and_unknown_cases(project):
    assert "original language" in run(project, "translations.py", "--mark", SLUG, DEFAULT).stderr
    assert "there is no case" in run(project, "translations.py", "--mark", "no-such-case", LANGS[-1]).stderr
