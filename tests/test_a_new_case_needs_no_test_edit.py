"""Adding a valid case needs no test edit: in a copy of the repository with one more case, the
suite's tests of the real collection (facts, tags, pages, feeds, open data) still pass."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from collection import text_name, write_case

from conftest import FAST, LANGS, ROOT, copy_project

# the tests that read the real collection, not a fixture of their own
CONTENT_TESTS = ["tests/test_site.py", "tests/test_tags.py", "tests/test_publishing.py", "tests/test_licence.py",
                 "tests/test_chrome_language.py"]


@pytest.mark.build  # the content tests, and the site they build, in a copy
def test_suite_passes_with_one_more_case(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    docs = project / "docs"
    # written as contributors legitimately write: a year alone (the template's own form), the
    # same title in every language (a proper name), the last language pending, a link to a case
    # already there in the form CONTRIBUTING gives
    case = write_case(docs, "a-new-case-from-a-contributor", start=2019, end=None, title=lambda lang: "Chikondi Water Committee")
    if len(LANGS) > 1:
        (case / text_name(LANGS[-1])).unlink()
        with (case / "case.yml").open("a", encoding="utf-8") as handle:
            handle.write(f"pending: [{LANGS[-1]}]\n")
    there = sorted(path.parent.name for path in (ROOT / "docs" / "cases").glob("*/case.yml"))[:1]
    for path in case.glob("index*.md"):
        text = path.read_text(encoding="utf-8")
        for slug in there:
            text = text.replace("[link](https://example.org/page)", f"[link](../{slug}/index.md)", 1)
        path.write_text(text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", FAST)} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *CONTENT_TESTS],
                            cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
