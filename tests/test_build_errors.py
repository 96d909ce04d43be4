"""A malformed case stops the build with the file, the line, what is wrong and how to fix it.

Each test breaks the fixture collection's case (tests/collection.py), never a real one."""
from __future__ import annotations

import re

import pytest
from collection import SLUG, make_project, text_name

from conftest import DEFAULT, LANGS, ROOT, build, prefix

CASE = f"docs/cases/{SLUG}"
# a language code the site is not built in: its text would not be published
UNBUILT = next(code for code in ("fr", "de", "it", "pt", "ar", "sw", "zz") if code not in LANGS)


def _heading(lang: str, key: str) -> str:
    from casekit import project
    return project.strings_for(ROOT)(lang)(f"sections.{key}")


def _line(path, test) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if test(text))


def _break(tmp_path, rel: str, old: str, new: str):
    project = make_project(tmp_path / "project")
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    return result, result.stdout + result.stderr


def _fact_line(tmp_path, key: str) -> str:
    """The line of fact ``key`` in the fixture case's case.yml (with its newline)."""
    project = make_project(tmp_path / "pristine")
    facts = (project / CASE / "case.yml").read_text(encoding="utf-8")
    match = re.search(rf"^{key}: .*\n", facts, flags=re.M)
    assert match, f"the fixture case has no '{key}' fact"
    return match.group(0)


def test_missing_required_fact_fails_the_build(tmp_path):
    result, output = _break(tmp_path, f"{CASE}/case.yml", _fact_line(tmp_path, "countries"), "")
    assert result.returncode != 0
    assert f"{CASE}/case.yml:1: error: missing required fact 'countries'." in output
    assert "Fix: list ISO 3166-1 alpha-2 country codes" in output
    for lang in LANGS:  # no page of the broken case is published, in any language
        assert not (tmp_path / "site" / prefix(lang) / "cases" / SLUG / "index.html").exists(), lang


def test_malformed_fact_names_its_line(tmp_path):
    start = _fact_line(tmp_path, "start")
    year = re.search(r"\d{4}", start).group(0)
    # a month in words: read as a date, it would fall after the case's end
    result, output = _break(tmp_path, f"{CASE}/case.yml", start, f"start: December {year}\n")
    assert result.returncode != 0
    line = _line(tmp_path / "project" / CASE / "case.yml", lambda text: text.startswith("start:"))
    assert re.search(rf"{CASE}/case.yml:{line}: error: 'start' has the wrong format: 'December {year}'\. Fix: write start: {year}-12 ", output), output
    assert "before it starts" not in output  # a malformed date is one problem, not two


def test_unknown_country_code_suggests_one(tmp_path):
    result, output = _break(tmp_path, f"{CASE}/case.yml", _fact_line(tmp_path, "countries"), "countries: [CX, XY]\n")
    assert result.returncode != 0
    assert "error: 'XY' is not an ISO 3166-1 alpha-2 country code." in output


def test_language_free_fact_in_a_translation_is_refused(tmp_path):
    if len(LANGS) < 2:
        pytest.skip("the site is built in one language: a case has no translation")
    rel = f"{CASE}/{text_name(LANGS[1])}"
    result, output = _break(tmp_path, rel, "---\ntitle:", "---\ncountries: [CO]\ntitle:")
    assert result.returncode != 0
    assert f"{rel}:2: error: 'countries' is a language-free fact and is written once, in case.yml." in output


@pytest.mark.parametrize("lang", LANGS)
def test_missing_section_heading_names_the_line(tmp_path, lang):
    rel = f"{CASE}/{text_name(lang)}"
    heading = _heading(lang, "results")
    wrong = f"{heading} and more"
    result, output = _break(tmp_path, rel, f"## {heading}\n", f"## {wrong}\n")
    assert result.returncode != 0
    line = _line(tmp_path / "project" / rel, lambda text: text == f"## {wrong}")
    assert f"{rel}:{line}: error: expected the section heading '## {heading}' here, found '## {wrong}'." in output, output


@pytest.mark.parametrize("name", [f"index.{DEFAULT}.md", f"index.{UNBUILT}.md"])
def test_a_text_that_would_not_be_published_is_an_error(tmp_path, name):
    project = make_project(tmp_path / "project")
    folder = project / CASE
    (folder / name).write_text((folder / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{CASE}/{name}:1: error: '{name}' would not be published." in result.stdout + result.stderr
