"""Facts as people write them (a number with the separators of their language, an approximate
figure, a date with slashes or a month's name): the validator names the line and suggests the
form case.yml wants, with their value in it, in the contributor's language. A language left
pending on purpose is called pending, not missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from babel.dates import get_month_names
from collection import SLUG, make_project

from conftest import LANGS

LAST = LANGS[-1]
MONTH = get_month_names("wide", locale=LAST)[1]  # January, in the last language of the registry

# what is written in case.yml (replacing the participants or a date), what the fix must say
FORMS = [
    ("grouped-comma", "participants: {people: 12}", "participants:\n  people: 3,400", "people: 3400"),
    ("grouped-space", "participants: {people: 12}", "participants: {people: 3 400}", "people: 3400"),
    # the form the scaffold's comment shows ({people: 50}), with a comma: YAML reads two entries
    ("grouped-comma-in-braces", "participants: {people: 12}", "participants: {people: 3,400}", "people: 3400"),
    ("grouped-point", "participants: {people: 12}", "participants:\n  people: 3.400", "people: 3400"),
    ("approximate", "participants: {people: 12}", "participants:\n  people: about 3,400", "people: 3400"),
    ("date-slashes", "published: 2019-05", "published: 2023/05", "published: 2023-05"),
    ("month-year", "published: 2019-05", "published: 05/2023", "published: 2023-05"),
    ("month-name", "start: 2020-01", f"start: {MONTH} 2019", "start: 2019-01"),
    ("day-month-name", "end: 2020-06", f"end: 15 {MONTH} 2021", "end: 2021-01-15"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("forms") / "p")


def _run(project, *args, lang=None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": f"{lang or 'en'}.UTF-8"}
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("name,old,new,fix", FORMS, ids=[form[0] for form in FORMS])
def test_the_form_people_write_gets_the_form_to_use(tmp_path, pristine, name, old, new, fix):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    facts = project / "docs" / "cases" / SLUG / "case.yml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new), encoding="utf-8")
    line = next(number for number, content in enumerate(facts.read_text(encoding="utf-8").split("\n"), 1)
                if new.split("\n")[-1].strip() in content)
    for lang in LANGS:
        result = _run(project, lang=lang)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
        rows = [row for row in result.stdout.splitlines() if f"case.yml:{line}:" in row]
        assert len(rows) == 1, (lang, result.stdout)
        value = new.split("\n")[-1].split(":", 1)[1].strip()
        assert fix in rows[0].split(value)[-1], (lang, rows[0])  # suggested after the value quoted


@pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")
def test_a_pending_language_is_called_pending(tmp_path, pristine):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    case = project / "docs" / "cases" / SLUG
    (case / f"index.{LAST}.md").unlink()
    with (case / "case.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"pending: [{LAST}]\n")
    summary = tmp_path / "summary.md"
    result = _run(project, "--format", "github", "--summary", str(summary), "--changed", f"docs/cases/{SLUG}/case.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in summary.read_text(encoding="utf-8").splitlines() if f"`{SLUG}`" in line and "|" in line)
    assert row.split("|")[-2].strip() == "pending", row
    assert f"index.{LAST}.md" not in result.stdout  # no warning that it is missing
