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
    # the job summary lists them too, with their lines and their fix marked as in the problems
    summary = tmp_path / "summary.md"
    _validate(project, "--summary", str(summary), "--changed", f"{CASE}/{text_name(languages()[0])}")
    listed = [row for row in summary.read_text(encoding="utf-8").splitlines() if f"translated_from: {fingerprint}" in row]
    assert len(listed) == len(languages()) - 1, listed
    assert all(row.startswith(f"- `{CASE}/") and ":1`: " in row and " **Fix:** " in row for row in listed), listed


def test_no_changed_case_says_so(project, tmp_path):
    summary = tmp_path / "summary.md"
    assert _validate(project, "--format", "github", "--summary", str(summary), "--changed").returncode == 0
    assert "No case is added or changed." in summary.read_text(encoding="utf-8")


def _git(project, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                   check=True, capture_output=True, text=True, timeout=60)


def _committed(project):
    """``project`` as a git repository: its base commit, then a branch of a pull request."""
    _git(project, "init", "-q", "-b", "base")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    _git(project, "checkout", "-q", "-b", "proposal")
    return project


def _edit_facts(project, old, new):
    facts = project / CASE / "case.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _git(project, "commit", "-q", "-am", "edit")


def _reviewed_line(project) -> int:
    lines = (project / CASE / "case.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith("reviewed:"))


def test_facts_changed_without_a_new_reviewed_date_are_a_warning(project):
    _committed(project)
    _edit_facts(project, "places: [Fixture Town]", "places: [Another Town]")
    for args in (["--format", "github"], []):
        result = _validate(project, *args, "--base", "base", "--changed", f"{CASE}/case.yml")
        assert result.returncode == 0, result.stdout
        assert "places" in result.stdout and "reviewed" in result.stdout, result.stdout
        assert (f"::warning file={CASE}/case.yml,line={_reviewed_line(project)}::" in result.stdout
                or f"{CASE}/case.yml:{_reviewed_line(project)}: warning: " in result.stdout), result.stdout
    # with a new reviewed: date, no warning
    facts = (project / CASE / "case.yml").read_text(encoding="utf-8")
    reviewed = next(text for text in facts.splitlines() if text.startswith("reviewed:"))
    _edit_facts(project, reviewed, "reviewed: 2026-02-03")
    result = _validate(project, "--format", "github", "--base", "base", "--changed", f"{CASE}/case.yml")
    assert "::warning" not in result.stdout, result.stdout


def test_a_change_that_is_not_a_fact_from_the_sources_needs_no_review(project):
    """Tags are the collection's own words, and a new case has the reviewed: date it is written with."""
    from casekit import vocab
    _committed(project)
    facts = (project / CASE / "case.yml").read_text(encoding="utf-8")
    tags_line = next(text for text in facts.splitlines() if text.startswith("tags:"))
    tags, _problems = vocab.load(project / "docs" / "tags.yml", languages())
    unused = next(tag for tag in tags.ids() if tag not in tags_line and tag not in tags.ids("region"))
    _edit_facts(project, tags_line, tags_line[:-1] + f", {unused}]")
    result = _validate(project, "--format", "github", "--base", "base", "--changed", f"{CASE}/case.yml")
    assert result.returncode == 0 and "::warning" not in result.stdout, result.stdout
