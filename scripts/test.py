#!/usr/bin/env python3
"""Set everything up and run every test (pytest), including the browser tests.

Creates .venv and installs the pinned site and test requirements when needed, then runs
pytest on tests/ (or on the test files or folders named). Extra arguments go to pytest, e.g.
`python3 scripts/test.py -k browser -x` or `python3 scripts/test.py tests/test_site.py -q`.
Browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium); without
it they are skipped with a message, except under CI=true, where they fail.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

import bootstrap


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["-h"], ["--help"]):
        parser_for, _ = bootstrap.speaking(argv)
        parser = parser_for(_("""\
Set everything up and run every test (pytest), including the browser tests.

Creates .venv and installs the pinned site and test requirements when needed, then runs
pytest on tests/ (or on the test files or folders named). Extra arguments go to pytest, e.g.
`python3 scripts/test.py -k browser -x` or `python3 scripts/test.py tests/test_site.py -q`.
Browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium); without
it they are skipped with a message, except under CI=true, where they fail."""))
        # every argument goes to pytest, which answers a wrong one itself: this parser only explains
        parser.add_argument("--fast", action="store_true",
                            help=_("the fast subset, for a quick answer while you work: no browser test, no test that builds a site"))
        parser.add_argument("pytest", nargs=argparse.REMAINDER, metavar="PYTEST_ARGS",
                            help=_("test files or folders (tests/test_site.py, tests/test_site.py::test_x) and pytest's "
                                   "options, e.g. -k browser -x"))
        parser.print_help()
        return 0
    python = bootstrap.ensure("requirements-test.txt")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "--fast" in argv:  # tests/conftest.py leaves out the browser tests and every test that builds a site
        argv = [arg for arg in argv if arg != "--fast"]
        env[FAST] = "1"
    return subprocess.run([str(python), "-m", "pytest", *selection(argv)], cwd=bootstrap.ROOT, env=env).returncode


FAST = "CASES_FAST_TESTS"  # tests/conftest.py: the fast subset


def selection(argv: list) -> list:
    """pytest's arguments: ``argv``, with the tests/ folder first unless it names tests of its own
    (a file or folder of tests/, e.g. tests/test_site.py or tests/test_site.py::test_x)."""
    tests = (bootstrap.ROOT / "tests").resolve()
    named = any(not arg.startswith("-") and _within((bootstrap.ROOT / arg.split("::")[0]).resolve(), tests) for arg in argv)
    return argv if named else ["tests", *argv]


def _within(path, folder) -> bool:
    return path.exists() and folder in path.parents


if __name__ == "__main__":
    sys.exit(main())
