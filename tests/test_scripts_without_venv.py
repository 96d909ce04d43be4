"""Every contributor script works as the documents show it, `python3 scripts/<x>.py`, from a
Python that lacks the pinned packages: it runs itself again inside the project's .venv."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project

SCRIPTS = sorted(path.name for path in (ROOT / "scripts").glob("*.py"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project whose .venv is the one this test run uses (already filled)."""
    dest = copy_project(tmp_path_factory.mktemp("scripts") / "p")
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        (dest / name).write_bytes((ROOT / name).read_bytes())
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def _bare(project, *args):
    """Run a script with this Python started without its site-packages (-S): none of the pinned
    packages can be imported there, as on a fresh machine."""
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["LC_ALL"] = "C.UTF-8"  # in English (test_cli_language.py: the other languages)
    return subprocess.run([sys.executable, "-S", *args], cwd=project, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.skipif(not (ROOT / ".venv").exists(), reason="needs the project's .venv (python3 scripts/test.py makes it)")
@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_answers_help_without_an_activated_venv(project, script):
    result = _bare(project, f"scripts/{script}", "--help")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "usage" in result.stdout.lower(), result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not (ROOT / ".venv").exists(), reason="needs the project's .venv (python3 scripts/test.py makes it)")
def test_validate_runs_without_an_activated_venv(project):
    result = _bare(project, "scripts/validate.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
