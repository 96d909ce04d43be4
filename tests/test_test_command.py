"""scripts/test.py runs every test, or only the tests it is given (a file, a folder or a test of
tests/); other arguments go to pytest as they are."""
from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import test as test_command  # noqa: E402 - scripts/test.py

A_FILE = "tests/" + next(path.name for path in sorted((ROOT / "tests").glob("test_*.py")))


def test_without_a_named_test_every_test_runs():
    assert test_command.selection([]) == ["tests"]
    assert test_command.selection(["-k", "browser", "-x"]) == ["tests", "-k", "browser", "-x"]
    assert test_command.selection(["-k", "tests"]) == ["tests", "-k", "tests"]  # an option's value, not a path


def test_a_named_file_or_test_runs_alone():
    assert test_command.selection([A_FILE, "-q"]) == [A_FILE, "-q"]
    assert test_command.selection([f"{A_FILE}::test_x"]) == [f"{A_FILE}::test_x"]
    assert test_command.selection(["-x", A_FILE]) == ["-x", A_FILE]
