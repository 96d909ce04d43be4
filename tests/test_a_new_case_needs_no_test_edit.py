"""Adding a valid case needs no test edit: in a copy of the repository with one more case, the
suite's tests of the real collection (facts, tags, pages, feeds, open data) still pass."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from collection import write_case

from conftest import ROOT, copy_project

# the tests that read the real collection, not a fixture of their own
CONTENT_TESTS = ["tests/test_site.py", "tests/test_tags.py", "tests/test_publishing.py", "tests/test_licence.py",
                 "tests/test_chrome_language.py"]


def test_suite_passes_with_one_more_case(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    write_case(project / "docs", "a-new-case-from-a-contributor")
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *CONTENT_TESTS],
                            cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
