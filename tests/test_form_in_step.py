"""The proposal form is made from the vocabulary (docs/tags.yml), the UI strings and the schema:
a pull request that changes a tag without making the form again gets the validator's error at
the form, with the command that fixes it (a content-only pull request runs the validator, not
the form's own test)."""
from __future__ import annotations

import os
import subprocess
import sys

import yaml
from collection import make_project

from casekit import issue_form, messages
from casekit.messages import _
from conftest import LANGS


def _run(project, script: str, *args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if lang:
        env["LANG"] = f"{lang}.UTF-8"
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_a_tag_changed_without_the_form_is_an_error_at_the_form(tmp_path):
    project = make_project(tmp_path / "p")
    assert _run(project, "validate.py").returncode == 0  # a project without a form: nothing to keep in step
    made = _run(project, "make_issue_form.py")
    assert made.returncode == 0, made.stdout + made.stderr
    assert (project / issue_form.PATH).is_file()
    assert _run(project, "validate.py").returncode == 0, "the form just made is in step"

    tags = project / "docs" / "tags.yml"
    text = tags.read_text(encoding="utf-8")
    first = next(iter(yaml.safe_load(text)["tags"].values()))
    label = next(iter(first["label"].values()))
    tags.write_text(text.replace(label, label + " and more", 1), encoding="utf-8")
    result = _run(project, "validate.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{issue_form.PATH.as_posix()}:1: error:" in result.stdout, result.stdout
    assert "python3 scripts/make_issue_form.py" in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    assert _run(project, "make_issue_form.py").returncode == 0
    result = _run(project, "validate.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_form_script_speaks_the_contributor_s_language(tmp_path):
    """make_issue_form.py's verdicts (written, up to date, out of date) in the language of the
    environment, as the validator's."""
    project = make_project(tmp_path / "p")
    form = issue_form.PATH.as_posix()
    for lang in LANGS:
        say = messages.for_contributor(lang, LANGS, {}, system=lambda: None).say
        (project / issue_form.PATH).unlink(missing_ok=True)
        made = _run(project, "make_issue_form.py", lang=lang)
        assert made.stdout.strip() == say(_("Wrote {form}.", form=form)), (lang, made.stdout + made.stderr)
        checked = _run(project, "make_issue_form.py", "--check", lang=lang)
        assert checked.returncode == 0 and checked.stdout.strip() == say(_("OK: {form} is up to date.", form=form)), (lang, checked.stdout)
        (project / issue_form.PATH).write_text("name: old\n", encoding="utf-8")
        stale = _run(project, "make_issue_form.py", "--check", lang=lang)
        assert stale.returncode == 1 and stale.stderr.strip() == say(_(
            "error: {form} is out of date with the schema, docs/tags.yml, mkdocs.yml or the UI strings. "
            "Fix: run python3 scripts/make_issue_form.py and commit the form.", form=form)), (lang, stale.stderr)
