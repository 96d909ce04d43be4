"""A report piped into a command that stops reading (``validate.py | head -1``, the way people
look at the first problem) ends without a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import copy_project

SCRIPTS = ("validate.py",)  # the reports longer than a pipe holds (64 KB): where the reader can stop first


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe")
@pytest.mark.parametrize("script", SCRIPTS)
def test_a_report_read_only_in_part_ends_without_a_traceback(tmp_path, script):
    root = copy_project(tmp_path / "p")
    # a case just started: its empty fields give many lines of problems, more than a pipe holds
    for n in range(40):
        subprocess.run([sys.executable, "scripts/new_case.py", f"started-{n}"], cwd=root, check=True,
                       capture_output=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    result = subprocess.run(f"{sys.executable} scripts/{script} | head -c 1", shell=True, cwd=root,  # noqa: S602 - our own command line
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    assert len(result.stdout) == 1
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
