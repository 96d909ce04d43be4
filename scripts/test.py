#!/usr/bin/env python3
"""Set everything up and run every test (pytest), including the browser tests.

Creates .venv and installs the pinned site and test requirements when needed, then runs
pytest on tests/. Extra arguments go to pytest, e.g. `python3 scripts/test.py -k browser -x`.
Browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium); without
it they are skipped with a message, except under CI=true, where they fail.
"""
from __future__ import annotations

import os
import subprocess
import sys

import bootstrap


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        print("\nusage: python3 scripts/test.py [PYTEST ARGS ...]")
        return 0
    python = bootstrap.ensure("requirements-test.txt")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(python), "-m", "pytest", "tests", *argv], cwd=bootstrap.ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
