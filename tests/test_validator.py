"""The validator on a corpus of bad inputs: one per rule, each with its message and line.

Every rule breaks the fixture collection (tests/collection.py): its one made-up case, written
in every language of the registry, and the real vocabulary. Headings, file names and tag ids
come from the UI strings, the registry and docs/tags.yml, never from a particular language."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from collection import SLUG, make_project, text_name

from casekit import model as casekit_model
from casekit import project as casekit_project
from casekit import vocab as casekit_vocab
from conftest import DEFAULT, LANGS, ROOT

CASE = f"docs/cases/{SLUG}"
LAST = LANGS[-1]  # a translation when the site has more than one language
ONE_LANGUAGE = len(LANGS) < 2
STRINGS = casekit_project.strings_for(ROOT)


def _heading(lang: str, key: str) -> str:
    return STRINGS(lang)(f"sections.{key}")


RESULTS = f"## {_heading(DEFAULT, 'results')}\n"  # the default text's results heading, with its newline
LESSONS = f"## {_heading(DEFAULT, 'lessons')}"
LAST_RESULTS = f"## {_heading(LAST, 'results')}"
LAST_TEXT = f"{CASE}/{text_name(LAST)}"
DEFAULT_TEXT = f"{CASE}/{text_name(DEFAULT)}"

VOCAB, _ = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
REGIONS = VOCAB.ids("region")
REGION = REGIONS[0]


def _misspelt(ids, facet_filter, spoil) -> tuple:
    """A vocabulary id and a misspelling of it that the validator suggests it for first."""
    for tag in ids:
        wrong = spoil(tag)
        if wrong not in VOCAB and VOCAB.suggest(wrong, facet_filter)[:1] == [tag]:
            return tag, wrong
    raise AssertionError("no id of docs/tags.yml survives a misspelling")


TAG, WRONG_TAG = _misspelt([t for t in VOCAB.ids() if t not in REGIONS], lambda f: f != "region", lambda t: t + "s")
# a country of ISO 3166-1 that no region of docs/tags.yml lists (Antarctica has no case's region)
COUNTRY_WITHOUT_REGION = next(code for code in sorted(casekit_model.country_codes()) if not VOCAB.regions_of([code]))
# a new tag of the test's own whose label lacks the last language of the registry
NEW_TAG = "fixture-tag-without-a-label"
NEW_LABEL = "label: {" + ", ".join(f"{lang}: Fixture label" for lang in LANGS[:-1]) + "}"
NEW_ENTRY = (f"  {NEW_TAG}:\n    facet: theme\n    {NEW_LABEL}\n"
             "    description: {" + ", ".join(f"{lang}: A fixture description." for lang in LANGS) + "}\n")

# id, file, text to replace ("re:" for a regular expression), replacement, expected message
# fragment, expected line: a number, or a text that stands on that line of the changed file
RULES = [
    ("yaml-syntax", f"{CASE}/case.yml", "re:countries: \\[([^]\n]*)\\]", "countries: [\\1", "case.yml cannot be read as YAML", None),
    ("front-matter-unclosed", DEFAULT_TEXT, "re:\n---\n", "\n", "the front matter that starts on line 1 is not closed.", 1),
    ("front-matter-syntax", LAST_TEXT, "summary:", "summary: [", "the front matter cannot be read as YAML", None),
    ("required-fact", f"{CASE}/case.yml", "re:countries: [^\n]*\n", "", "missing required fact 'countries'.", 1),
    ("type", f"{CASE}/case.yml", "implementing: [Fixture Organisation]", "implementing: Fixture Organisation",
     "'implementing' must be a list, not 'Fixture Organisation'.", "implementing:"),
    ("date-format", f"{CASE}/case.yml", "re:start: [^\n]*", "start: March 2023", "'start' has the wrong format: 'March 2023'.", "start:"),
    ("period-order", f"{CASE}/case.yml", "re:start: [^\n]*\nend: [^\n]*", "start: 2023-05\nend: 2019-01", "the case ends (2019-01) before it starts (2023-05).", "end:"),
    ("country-code", f"{CASE}/case.yml", "re:countries: \\[[^]\n]*\\]", "countries: [IZ]", "'IZ' is not an ISO 3166-1 alpha-2 country code.", "countries:"),
    ("https-url", f"{CASE}/case.yml", "re:url: https://\\S+", "url: http://example.org/report", "the first source's address has the wrong format: 'http://example.org/report'.", "url:"),
    ("unknown-tag", f"{CASE}/case.yml", "tags: [", f"tags: [{WRONG_TAG}, ",
     f"tag '{WRONG_TAG}' is not in the vocabulary (docs/tags.yml). Fix: did you mean '{TAG}'", WRONG_TAG),
    ("region-in-tags", f"{CASE}/case.yml", "tags: [", f"tags: [{REGION}, ", f"'{REGION}' is a region; regions are not listed in tags.", "tags:"),
    ("region-written", f"{CASE}/case.yml", "funders: []", f"funders: []\nregion: {REGION}",
     "'region' is no longer written: a case's regions come from its countries (docs/tags.yml). Fix: remove the region: line.", "region:"),
    ("country-in-no-region", f"{CASE}/case.yml", "re:countries: \\[[^]\n]*\\]", f"countries: [{COUNTRY_WITHOUT_REGION}]",
     f"'{COUNTRY_WITHOUT_REGION}' is in no region of docs/tags.yml.", "countries:"),
    ("unknown-fact", f"{CASE}/case.yml", "funders: []", "funders: []\nfunder: [X]", "unknown fact 'funder'. Fix: did you mean 'funders'", "funder: [X]"),
    ("text-in-facts", f"{CASE}/case.yml", "funders: []", "funders: []\ntitle: A title", "'title' is translated text and does not belong in case.yml.", "title:"),
    ("fact-in-translation", LAST_TEXT, "---\ntitle:", "---\ncountries: [CO]\ntitle:", "'countries' is a language-free fact and is written once, in case.yml.", 2),
    ("missing-translated-from", LAST_TEXT, "translated_from:", "# translated_from:", "this translation does not record which version of the original it was made from.", 1),
    ("section-heading", LAST_TEXT, f"{LAST_RESULTS}\n", f"{LAST_RESULTS} and more\n",
     f"expected the section heading '{LAST_RESULTS}' here, found '{LAST_RESULTS} and more'.", f"{LAST_RESULTS} and more"),
    ("empty-section", DEFAULT_TEXT, f"re:({re.escape(RESULTS)}).*?(\n{re.escape(LESSONS)})", "\\1\\2", f"the section '{RESULTS.strip()}' is empty.", RESULTS.strip()),
    ("script-tag", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n<script>alert(1)</script>\n", "the HTML tag <script> is not allowed in a case.", "<script>"),
    ("iframe-tag", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n<iframe src=\"https://example.org\"></iframe>\n", "the HTML tag <iframe> is not allowed in a case.", "<iframe"),
    ("style-tag", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n<style>p {{color: red}}</style>\n", "the HTML tag <style> is not allowed in a case.", "<style>"),
    ("event-handler", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n<span onclick=\"x()\">hi</span>\n", "<span> has an event-handler attribute (on…=).", "onclick"),
    ("javascript-url", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n[click](javascript:alert(1))\n", "the link has a javascript: URL.", "javascript:"),
    ("broken-link", DEFAULT_TEXT, RESULTS, f"{RESULTS}\nSee [the other case](../no-such-case/index.md).\n",
     "the link target '../no-such-case/index.md' does not exist.", "no-such-case"),
    ("http-link", DEFAULT_TEXT, RESULTS, f"{RESULTS}\nSee [the report](http://example.org/r).\n", "the link uses http://: http://example.org/r", "http://"),
    ("missing-image", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n![A workshop](workshop.jpg)\n", "the image target 'workshop.jpg' does not exist.", "workshop.jpg"),
    ("image-alt", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n![](photo.png)\n", "the image has no alt text.", "photo.png"),
    ("image-size", DEFAULT_TEXT, RESULTS, f"{RESULTS}\n![A large photo](big.png)\n", "the image is 400 KB; the limit is 300 KB.", 1),
    ("unknown-language", f"{CASE}/case.yml", f"original_language: {DEFAULT}", "original_language: zz",
     "'zz' is not a language of this site.", "original_language:"),
    ("stray-default-suffix", f"{CASE}/index.{DEFAULT}.md", None, "---\ntitle: x\n---\n",
     f"'index.{DEFAULT}.md' would not be published. Fix: rename it to index.md", 1),
    ("slug-format", "docs/cases/Bad_Slug/case.yml", None, f"original_language: {DEFAULT}\n", "'Bad_Slug' is not a valid case folder name.", 1),
    ("vocabulary-label", "docs/tags.yml", "\ntags:\n", f"\ntags:\n{NEW_ENTRY}", f"tag '{NEW_TAG}' has no label in {LAST}.", NEW_LABEL),
    ("vocabulary-facet", "docs/tags.yml", "\ntags:\n", f"\ntags:\n{NEW_ENTRY.replace('    facet: theme' + chr(10), '')}",
     f"tag '{NEW_TAG}' has no facet: line. Fix: add a line facet:", f"  {NEW_TAG}:"),
]
# rules about a translation: none exists when the site is built in one language
NEEDS_A_TRANSLATION = {"front-matter-syntax", "fact-in-translation", "missing-translated-from", "section-heading"}
PARAMS = [pytest.param(*rule, id=rule[0], marks=[pytest.mark.skipif(ONE_LANGUAGE and rule[0] in NEEDS_A_TRANSLATION,
                                                                   reason="the site is built in one language: a case has no translation")])
          for rule in RULES]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("validator") / "p")


def _validate(project):
    return subprocess.run([sys.executable, str(project / "scripts" / "validate.py")], cwd=project, capture_output=True, text=True)


def test_clean_tree_prints_one_line_and_exits_0(pristine):
    result = _validate(pristine)
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) == 1, result.stdout
    match = re.match(r"OK: (\d+) cases? in (\d+) languages", result.stdout)
    assert match, result.stdout
    cases = len(list((pristine / "docs" / "cases").glob("*/case.yml")))
    assert (int(match.group(1)), int(match.group(2))) == (cases, len(LANGS))


@pytest.mark.parametrize("rule,rel,old,new,message,line", PARAMS)
def test_each_rule(tmp_path, pristine, rule, rel, old, new, message, line):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    path = project / rel
    if old is None:
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
    shown = {"slug-format": "docs/cases/Bad_Slug", "image-size": f"{CASE}/big.png"}.get(rule, rel)
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
    text = (project / DEFAULT_TEXT).read_text(encoding="utf-8")
    assert RESULTS in text
    (project / DEFAULT_TEXT).write_text(text.replace(RESULTS, f"{RESULTS}\n<script>alert(1)</script>\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "error: the HTML tag <script> is not allowed in a case." in result.stdout + result.stderr


@pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")
def test_a_missing_translation_is_simply_missing(tmp_path, pristine):
    """A case without a text in some language validates: its readers get the original with a
    notice (a new language needs no edit of every case)."""
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    (project / LAST_TEXT).unlink()
    result = _validate(project)
    assert result.returncode == 0, result.stdout
