"""The validator on a corpus of bad inputs: one per rule, each with its message and line."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import copy_project

CASE = "docs/cases/erbil-iraq"
# id, file, text to replace ("re:" for a regular expression), replacement, expected message
# fragment, expected line: a number, or a text that stands on that line of the changed file
RULES = [
    ("yaml-syntax", f"{CASE}/case.yml", "countries: [IQ]", "countries: [IQ", "case.yml cannot be read as YAML", None),
    ("front-matter-syntax", f"{CASE}/index.es.md", "summary:", "summary: [", "the front matter cannot be read as YAML", None),
    ("required-fact", f"{CASE}/case.yml", "region: middle-east-north-africa\n", "", "missing required fact 'region'.", 1),
    ("type", f"{CASE}/case.yml", "implementing: [Blumont]", "implementing: Blumont", "'implementing' must be a list, not 'Blumont'.", "implementing:"),
    ("date-format", f"{CASE}/case.yml", "start: null", "start: March 2023", "'start' has the wrong format: 'March 2023'.", "start:"),
    ("period-order", f"{CASE}/case.yml", "re:start: null.*?\nend: null", "start: 2023-05\nend: 2019-01", "the case ends (2019-01) before it starts (2023-05).", "end:"),
    ("country-code", f"{CASE}/case.yml", "countries: [IQ]", "countries: [IZ]", "'IZ' is not an ISO 3166-1 alpha-2 country code.", "countries:"),
    ("https-url", f"{CASE}/case.yml", "re:url: https://\\S+", "url: http://example.org/report", "'sources.0.url' has the wrong format: 'http://example.org/report'.", "url:"),
    ("unknown-tag", f"{CASE}/case.yml", "  - local-cso", "  - local-csos", "tag 'local-csos' is not in the vocabulary (docs/tags.yml). Fix: did you mean 'local-cso'", "local-csos"),
    ("region-in-tags", f"{CASE}/case.yml", "  - local-cso", "  - sub-saharan-africa", "'sub-saharan-africa' is a region; regions are not listed in tags.", "  - sub-saharan-africa"),
    ("unknown-region", f"{CASE}/case.yml", "region: middle-east-north-africa", "region: middle-east", "region 'middle-east' is not a region in docs/tags.yml. Fix: did you mean 'middle-east-north-africa'", "region:"),
    ("unknown-fact", f"{CASE}/case.yml", "funders: []", "funders: []\nfunder: [X]", "unknown fact 'funder'. Fix: did you mean 'funders'", "funder: [X]"),
    ("text-in-facts", f"{CASE}/case.yml", "funders: []", "funders: []\ntitle: A title", "'title' is translated text and does not belong in case.yml.", "title:"),
    ("fact-in-translation", f"{CASE}/index.nl.md", "---\ntitle:", "---\nregion: middle-east-north-africa\ntitle:", "'region' is a language-free fact and is written once, in case.yml.", 2),
    ("missing-translated-from", f"{CASE}/index.es.md", "translated_from:", "# translated_from:", "this translation does not record which version of the original it was made from.", 1),
    ("section-heading", f"{CASE}/index.es.md", "## Resultados", "## Resultado", "expected the section heading '## Resultados' here, found '## Resultado'.", "## Resultado"),
    ("empty-section", f"{CASE}/index.md", "re:(## Results\n).*?(\n## Lessons)", "\\1\\2", "the section '## Results' is empty.", "## Results"),
    ("script-tag", f"{CASE}/index.md", "## Results\n", "## Results\n\n<script>alert(1)</script>\n", "the HTML tag <script> is not allowed in a case.", "<script>"),
    ("iframe-tag", f"{CASE}/index.md", "## Results\n", "## Results\n\n<iframe src=\"https://example.org\"></iframe>\n", "the HTML tag <iframe> is not allowed in a case.", "<iframe"),
    ("style-tag", f"{CASE}/index.md", "## Results\n", "## Results\n\n<style>p {color: red}</style>\n", "the HTML tag <style> is not allowed in a case.", "<style>"),
    ("event-handler", f"{CASE}/index.md", "## Results\n", "## Results\n\n<span onclick=\"x()\">hi</span>\n", "<span> has an event-handler attribute (on…=).", "onclick"),
    ("javascript-url", f"{CASE}/index.md", "## Results\n", "## Results\n\n[click](javascript:alert(1))\n", "the link has a javascript: URL.", "javascript:"),
    ("broken-link", f"{CASE}/index.md", "## Results\n", "## Results\n\nSee [the other case](../no-such-case/index.md).\n", "the link target '../no-such-case/index.md' does not exist.", "no-such-case"),
    ("http-link", f"{CASE}/index.md", "## Results\n", "## Results\n\nSee [the report](http://example.org/r).\n", "the link uses http://: http://example.org/r", "http://"),
    ("missing-image", f"{CASE}/index.md", "## Results\n", "## Results\n\n![A workshop](workshop.jpg)\n", "the image target 'workshop.jpg' does not exist.", "workshop.jpg"),
    ("image-alt", f"{CASE}/index.md", "## Results\n", "## Results\n\n![](photo.png)\n", "the image has no alt text.", "photo.png"),
    ("image-size", f"{CASE}/index.md", "## Results\n", "## Results\n\n![A large photo](big.png)\n", "the image is 400 KB; the limit is 300 KB.", 1),
    ("missing-language", f"{CASE}/index.nl.md", None, None, "the case has no index.nl.md. Fix: write the translation", 1),
    ("stray-english-suffix", f"{CASE}/index.en.md", None, "---\ntitle: x\n---\n", "'index.en.md' would not be published. Fix: rename it to index.md", 1),
    ("slug-format", "docs/cases/Bad_Slug/case.yml", None, "original_language: en\n", "'Bad_Slug' is not a valid case folder name.", 1),
    ("vocabulary-label", "docs/tags.yml", "label: {en: Partnership, es: Alianzas, nl: Partnerschap}", "label: {en: Partnership, es: Alianzas}", "tag 'partnership' has no label in nl.", "label: {en: Partnership, es: Alianzas}"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("validator"))


def _validate(project):
    return subprocess.run([sys.executable, str(project / "scripts" / "validate.py")], cwd=project, capture_output=True, text=True)


def test_clean_tree_prints_one_line_and_exits_0(pristine):
    result = _validate(pristine)
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) == 1 and result.stdout.startswith("OK: 5 cases in 3 languages")


@pytest.mark.parametrize("rule,rel,old,new,message,line", RULES, ids=[r[0] for r in RULES])
def test_each_rule(tmp_path, pristine, rule, rel, old, new, message, line):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    path = project / rel
    if rule == "missing-language":
        path.unlink()
    elif old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    elif old.startswith("re:"):
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old[3:], new, text, count=1, flags=re.S)
        assert changed != text, f"{old!r} not in {rel}"
        path.write_text(changed, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if rule == "image-size":
        (path.parent / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (400 * 1024 - 8))
    if rule == "image-alt":
        (path.parent / "photo.png").write_bytes(b"\x89PNG")
    result = _validate(project)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[-1].endswith("found.") and lines[-1].split()[0].isdigit()
    found = [text for text in lines if message in text]
    assert found, f"expected {message!r} in:\n{result.stdout}"
    shown = {"slug-format": "docs/cases/Bad_Slug", "missing-language": f"{CASE}/case.yml", "image-size": f"{CASE}/big.png"}.get(rule, rel)
    if isinstance(line, str):
        marker = line
        line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(marker) or marker in text)
    if line is not None:
        assert found[0].startswith(f"{shown}:{line}: error: "), found[0]
    else:
        assert found[0].startswith(f"{shown}:"), found[0]
    assert " Fix: " in found[0]


def test_validator_also_runs_inside_the_build(tmp_path, pristine):
    from conftest import build
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    text = (project / CASE / "index.md").read_text(encoding="utf-8")
    (project / CASE / "index.md").write_text(text.replace("## Results\n", "## Results\n\n<script>alert(1)</script>\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "error: the HTML tag <script> is not allowed in a case." in result.stdout + result.stderr
