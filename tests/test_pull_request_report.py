"""validate.py --format github and --summary: problems as workflow annotations on their lines,
stale translations as warnings with the exact translated_from value, a Markdown job summary."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from collection import SLUG, languages, make_project, text_name

CASE = f"docs/cases/{SLUG}"


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p")


def _validate(project, *args):
    return subprocess.run([sys.executable, str(project / "scripts" / "validate.py"), *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_problems_become_annotations_and_the_summary_lists_them(project, tmp_path):
    facts = project / CASE / "case.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("countries: [CO]", "countries: [ZZZ]"), encoding="utf-8")
    line = next(i for i, text in enumerate(facts.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("countries:"))
    summary = tmp_path / "summary.md"
    result = _validate(project, "--format", "github", "--summary", str(summary), "--changed", f"{CASE}/case.yml")
    assert result.returncode == 1
    annotations = [row for row in result.stdout.splitlines() if row.startswith("::error ")]
    assert annotations and all(re.match(r"::error file=[^,]+,line=\d+::.+", row) for row in annotations), result.stdout
    assert f"::error file={CASE}/case.yml,line={line}::" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert f"| `{SLUG}` |" in text and "problem" in text and f"{CASE}/case.yml:{line}" in text
    for lang in languages():
        assert f" {lang} |" in text.splitlines()[2]
    # the changed case's pages in the preview, in every language
    default = languages()[0]
    for lang in languages():
        folder = "" if lang == default else f"{lang}/"
        assert f"`{folder}cases/{SLUG}/index.html`" in text


@pytest.mark.skipif(len(languages()) < 2, reason="needs a second language")
def test_a_stale_translation_is_a_warning_with_the_value_to_paste(project, tmp_path):
    from casekit import project as project_mod
    original = project / CASE / text_name(languages()[0])
    original.write_text(original.read_text(encoding="utf-8").replace("A paragraph of results", "A longer paragraph of results", 1), encoding="utf-8")
    collection = project_mod.load(project)
    fingerprint = collection.cases[SLUG].original.prose_hash
    result = _validate(project, "--format", "github", "--changed", f"{CASE}/{text_name(languages()[0])}")
    assert result.returncode == 0, result.stdout
    warnings = [row for row in result.stdout.splitlines() if row.startswith("::warning ")]
    assert len(warnings) == len(languages()) - 1
    assert all(f"translated_from: {fingerprint}" in row for row in warnings)
    assert f"::warning file={CASE}/{text_name(languages()[1])},line=1::" in result.stdout


def test_no_changed_case_says_so(project, tmp_path):
    summary = tmp_path / "summary.md"
    assert _validate(project, "--format", "github", "--summary", str(summary), "--changed").returncode == 0
    assert "No case is added or changed." in summary.read_text(encoding="utf-8")
