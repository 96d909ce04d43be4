"""A malformed case stops the build with the file, the line, what is wrong and how to fix it."""
from __future__ import annotations

import re

import pytest

from conftest import build, copy_project


def _break(tmp_path, rel: str, old: str, new: str):
    project = copy_project(tmp_path / "project")
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    return result, result.stdout + result.stderr


def test_missing_required_fact_fails_the_build(tmp_path):
    result, output = _break(tmp_path, "docs/cases/erbil-iraq/case.yml", "countries: [IQ]\n", "")
    assert result.returncode != 0
    assert "docs/cases/erbil-iraq/case.yml:1: error: missing required fact 'countries'." in output
    assert "Fix: list ISO 3166-1 alpha-2 country codes" in output
    assert not (tmp_path / "site" / "es" / "cases" / "erbil-iraq" / "index.html").exists()


def test_malformed_fact_names_its_line(tmp_path):
    result, output = _break(tmp_path, "docs/cases/care-burundi/case.yml", "start: 2013-10", "start: October 2013")
    assert result.returncode != 0
    line = next(i for i, text in enumerate((tmp_path / "project/docs/cases/care-burundi/case.yml").read_text().splitlines(), 1) if text.startswith("start:"))
    assert re.search(rf"docs/cases/care-burundi/case.yml:{line}: error: 'start' has the wrong format: 'October 2013'\. Fix: write YYYY-MM", output)
    assert "before it starts" not in output  # a malformed date is one problem, not two


def test_unknown_country_code_suggests_one(tmp_path):
    result, output = _break(tmp_path, "docs/cases/acogida-colombia/case.yml", "countries: [CO]", "countries: [CX, XY]")
    assert result.returncode != 0
    assert "error: 'XY' is not an ISO 3166-1 alpha-2 country code." in output


def test_language_free_fact_in_a_translation_is_refused(tmp_path):
    result, output = _break(tmp_path, "docs/cases/mesa-migratoria/index.es.md", "---\ntitle:", "---\ncountries: [CO]\ntitle:")
    assert result.returncode != 0
    assert "docs/cases/mesa-migratoria/index.es.md:2: error: 'countries' is a language-free fact and is written once, in case.yml." in output


def test_missing_section_heading_names_the_line(tmp_path):
    result, output = _break(tmp_path, "docs/cases/racop-balkans/index.nl.md", "## Resultaten", "## Uitkomsten")
    assert result.returncode != 0
    line = next(i for i, text in enumerate((tmp_path / "project/docs/cases/racop-balkans/index.nl.md").read_text().splitlines(), 1) if text == "## Uitkomsten")
    assert f"docs/cases/racop-balkans/index.nl.md:{line}: error: expected the section heading '## Resultaten' here, found '## Uitkomsten'." in output


@pytest.mark.parametrize("name", ["index.en.md", "index.fr.md"])
def test_a_text_that_would_not_be_published_is_an_error(tmp_path, name):
    project = copy_project(tmp_path / "project")
    folder = project / "docs/cases/erbil-iraq"
    (folder / name).write_text((folder / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/cases/erbil-iraq/{name}:1: error: '{name}' would not be published." in result.stdout + result.stderr
