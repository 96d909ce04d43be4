"""A pull request's annotations and job summary speak the language its changed case was first
written in (when no language is set), so that a contributor who writes in Spanish reads Spanish."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from collection import _facts, _text, make_project, text_name

from casekit import messages
from conftest import DEFAULT, LANGS

LAST = LANGS[-1]


def _run(project, *args) -> tuple:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}  # a runner: no language set
    summary = project / f"summary-{len(args)}-{'-'.join(a for a in args if a.startswith('--lang'))}.md"
    summary.unlink(missing_ok=True)
    result = subprocess.run([sys.executable, "scripts/validate.py", "--format", "github", "--summary", str(summary),
                             "--changed", "docs/cases/written-once/case.yml", *args], cwd=project, env=env, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout, summary.read_text(encoding="utf-8")


@pytest.mark.skipif(len(LANGS) < 2 or not messages.catalogue_path(LAST).is_file(), reason="needs a second language with a catalogue")
def test_the_checks_speak_the_original_language_of_the_changed_case(tmp_path):
    project = make_project(tmp_path / "p")
    case = project / "docs" / "cases" / "written-once"
    case.mkdir()
    (case / "case.yml").write_text(_facts(project / "docs" / "tags.yml", LAST).replace("places: [Fixture Town]", "places: [Fixture Town]\nfunder: [X]"),
                                   encoding="utf-8")
    (case / text_name(LAST)).write_text(_text(LAST), encoding="utf-8")
    unset = _run(project)
    assert "::error file=docs/cases/written-once/case.yml" in unset[0]
    assert unset == _run(project, "--lang", LAST)
    assert unset != _run(project, "--lang", DEFAULT)
