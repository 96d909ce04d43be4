"""Every file of the project that a comment or a document names exists: the templates, scripts,
stylesheets, workflows and documents say where the work is done, and a renamed or removed file
leaves no comment pointing at it."""
from __future__ import annotations

import re

from conftest import ROOT

# a path into the repository, as comments and documents write one: a top folder, then names
NAMED = re.compile(r"(?<![\w./-])((?:overrides|scripts|tests|docs|\.github|\.ci)/[\w./-]*\w\.(?:py|html|js|css|yml|yaml|json|md|xml|po|mjs))\b")
# (not tests/: a test names the made-up files of its fixtures)
WHERE = ("overrides", "scripts", ".github", ".ci")
SUFFIXES = {".py", ".html", ".js", ".css", ".yml", ".yaml", ".md", ".xml", ".mjs"}


def named_paths(text: str) -> set:
    return {match.group(1) for match in NAMED.finditer(text) if "<" not in match.group(1) and "*" not in match.group(1)}


def _sources():
    yield from (ROOT / name for name in ("README.md", "CONTRIBUTING.md", "mkdocs.yml"))
    for folder in WHERE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "node_modules" not in path.parts:
                yield path


def test_every_named_file_exists():
    missing = []
    for source in _sources():
        for named in named_paths(source.read_text(encoding="utf-8", errors="replace")):
            if not (ROOT / named).exists() and not (ROOT / named.rstrip(".")).exists():
                missing.append(f"{source.relative_to(ROOT)} names {named}")
    assert missing == []


def test_the_check_finds_a_path_in_a_template_comment():
    assert named_paths("{#- Written by overrides/hooks/sitemap.py once every language is built. -#}") == {"overrides/hooks/sitemap.py"}
    assert named_paths("see `scripts/casekit/plugin/boundary.py`, docs/cases/<slug>/index.md") == {"scripts/casekit/plugin/boundary.py"}
