"""The validator warns, in every language, on words that date events from the reader's today
("recently"), each at its line; a warning does not fail the check."""
from __future__ import annotations

import subprocess
import sys

import pytest
from collection import SLUG, languages, make_project, text_name

from conftest import ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from casekit import project as project_mod
    dest = make_project(tmp_path_factory.mktemp("relative") / "p")
    strings = project_mod.strings_for(ROOT)
    for lang in languages():
        phrase = strings(lang).get("checks.relative_time")[0]
        path = dest / "docs" / "cases" / SLUG / text_name(lang)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("A paragraph of results", f"{phrase.capitalize()} a paragraph of results", 1), encoding="utf-8")
    return dest


def test_every_language_has_relative_time_words():
    from casekit import project as project_mod
    for lang in languages():
        words = project_mod.strings_for(ROOT)(lang).get("checks.relative_time")
        assert isinstance(words, list) and words, lang


def test_relative_time_is_a_warning_at_its_line_in_every_language(project):
    result = subprocess.run([sys.executable, str(project / "scripts" / "validate.py")], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    for lang in languages():
        rel = f"docs/cases/{SLUG}/{text_name(lang)}"
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        line = next(i for i, text in enumerate(lines, 1) if "a paragraph of results" in text)
        assert f"{rel}:{line}: warning: " in result.stdout, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("OK: ")
