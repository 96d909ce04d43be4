"""Contributed input the validator and the build read (issue 20: 4, 5, 6, 10, 11, 13, 14, 15;
issue 21: 6): parsed in time linear in its size, refused with `file:line` by both alike, never
a traceback. The checks of one function run in-process on the fixture collection; the hostile
corpus at the end runs validate.py and `mkdocs build --strict` on each input, as
tests/test_untrusted.py does."""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from collection import SLUG, languages, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_untrusted import _apply, _expected, _location_pattern, _validate

from conftest import build

CASE = f"docs/cases/{SLUG}"
TEXT = f"{CASE}/index.md"
PAGE = "docs/contribute/index.md"
BUDGET = 2.0  # seconds of CPU for checking one contributed file at its size cap (issue 20)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("input") / "p")


@pytest.fixture
def scratch(project, tmp_path):
    """A copy of the fixture collection's docs/ and strings to overwrite."""
    root = tmp_path / "s"
    for name in ("docs", "overrides"):
        shutil.copytree(project / name, root / name)
    shutil.copy(project / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _strings(lang=None):
    from casekit import project as casekit_project
    from conftest import ROOT
    return casekit_project.strings_for(ROOT)(lang or languages()[0])


def _sections() -> list:
    t = _strings()
    return [t(f"sections.{key}") for key in ("context", "what_was_done", "results", "lessons")]


def _body(sections=None) -> str:
    return "".join(f"## {heading}\n\nA paragraph.\n\n" for heading in (sections or _sections()))


def _front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("\n---\n") + 5] + "\n"


def _check(root: Path, body: str | None = None, *, render=True, front: str | None = None) -> list:
    """The validator's problems (in-process) for the default text with ``body`` (and ``front``)."""
    from casekit import model, project
    path = root / TEXT
    if body is not None or front is not None:
        path.write_text((front if front is not None else _front(path)) + (body if body is not None else ""), encoding="utf-8")
    renderer = render if callable(render) else project.markdown_renderer(root) if render else None
    collection = model.load_collection(root / "docs", project.languages(root), project.strings_for(root), root=root,
                                       only={(root / CASE).resolve()}, render=renderer)
    return collection.problems


def _at(problems, line: int, fragment: str) -> bool:
    return any(problem.line == line and fragment.lower() in problem.message.lower() for problem in problems)


def _line_of(path: Path, text: str) -> int:
    return next(index for index, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row == text)


# --- issue 21, 6: the sections, each problem at its own line --------------------------------

def test_a_section_heading_at_the_wrong_level_is_named_at_its_line(scratch):
    first, second, third, fourth = _sections()
    for written in (f"### {third}", f"#### {third} ####", f"{third}\n==="):
        body = f"## {first}\n\nA.\n\n## {second}\n\nA.\n\n{written}\n\nA.\n\n## {fourth}\n\nA.\n"
        problems = _check(scratch, body, render=False)
        assert _at(problems, _line_of(scratch / TEXT, written.split("\n")[0]), f"'## {third}' is written as a heading of level"), (written, problems)
        assert len(problems) == 1, problems  # not also "expected ... here, found" a few lines later


def test_an_extra_or_repeated_section_and_a_second_h1_are_refused(scratch):
    first, second, third, fourth = _sections()
    body = (f"# A second title\n\n## {first}\n\nx\n\n## An extra section\n\ny\n\n## {second}\n\nx\n\n## {third}\n\nx\n\n"
            f"## {fourth}\n\nx\n\n## {fourth}\n\nagain\n\n#Unspaced\n\nz\n\n<h1>Raw</h1>\n")
    problems = _check(scratch, body, render=False)
    path = scratch / TEXT
    assert _at(problems, _line_of(path, "# A second title"), "heading of the first level")
    assert _at(problems, _line_of(path, "## An extra section"), "is not one of the case's sections")
    assert _at(problems, _line_of(path, "#Unspaced"), "heading of the first level")
    assert _at(problems, _line_of(path, "<h1>Raw</h1>"), "heading of the first level")
    assert sum("is written twice" in p.message for p in problems) == 1


def test_an_empty_section_and_a_missing_one_are_named(scratch):
    first, second, third, fourth = _sections()
    problems = _check(scratch, f"## {first}\n\n<!-- to write -->\n\n## {third}\n\nx\n\n## {fourth}\n\nx\n", render=False)
    path = scratch / TEXT
    assert _at(problems, _line_of(path, f"## {first}"), "is empty")
    assert _at(problems, _line_of(path, f"## {third}"), f"expected the section heading '## {second}' here")


def test_headings_in_code_and_comments_do_not_count(scratch):
    body = "```\n# code\n```\n\n<!--\n# comment\n-->\n\n    # indented code\n\n" + _body()
    assert _check(scratch, body, render=False) == []


MARKDOWN_LINES = st.lists(st.one_of(
    st.sampled_from(["", "text", "# a", "## b", "### c", "#d", "## e ##", "=====", "-----", "---", "- item", "```", "~~~",
                     "    code", "<!--", "-->", "## f \\#", "\u00a0## g", "####### h", "> quote", "1. one"]),
    st.text(alphabet="#=- a\t", max_size=8)), max_size=25)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(lines=MARKDOWN_LINES)
def test_headings_are_found_as_python_markdown_renders_them(lines):
    """headings.find against the renderer's own output, on every form of heading."""
    from selectolax.lexbor import LexborHTMLParser

    from casekit import headings, render
    text = "\n".join(lines)
    html = render.renderer(["toc"])(text)
    theirs = [(int(node.tag[1]), node.text().strip()) for node in LexborHTMLParser(html).css("h1, h2, h3, h4, h5, h6")]
    ours = [(h.level, h.title) for h in headings.find(text, 1) if h.markup != "<h1>"]
    if "<!--" in text or "-->" in text:  # a comment's end is found by the HTML parser, not by lines
        return
    assert [level for level, _t in ours] == [level for level, _t in theirs], (text, ours, theirs)


# --- issue 20, 4 and 5: linear time ----------------------------------------------------------

def _shape():
    from casekit import markdown_shape
    return markdown_shape


def _cpu(function, *args):
    start = time.process_time()
    result = function(*args)
    return result, time.process_time() - start


def test_a_heading_line_of_no_break_spaces_is_read_in_linear_time(scratch):
    body = _body() + "## a" + "\u00a0" * 20_000 + "b\n"
    problems, seconds = _cpu(lambda: _check(scratch, body, render=False))
    assert seconds < BUDGET, seconds
    assert any("is not one of the case's sections" in p.message for p in problems)


def test_issue_form_lines_are_read_in_linear_time():
    from casekit import issue_form
    form = issue_form.build()
    label = form.questions[0].label
    body = f"### {label}\n\n- [x] a" + " " * 60_000 + "b\n\n### a" + " " * 60_000 + "b\n"  # 2 s at 20,000 spaces before
    _answers, seconds = _cpu(issue_form.read_body, form, body)
    assert seconds < BUDGET, seconds


def test_problem_collection_is_linear_in_the_number_of_problems(tmp_path):
    """28,750 distinct attribute names in a 195 KB file kept policy_problems busy 287 s."""
    from casekit import markdown_checks
    source = "".join(f'<span a{i}="1">x</span>\n' for i in range(9_000))
    html = source
    problems, seconds = _cpu(markdown_checks.policy_problems, html, source, 1, "f.md")
    assert seconds < BUDGET, seconds
    assert len(problems) == markdown_checks.MAX_REPORTED + 1 and "more things outside the allow-list" in problems[-1].message
    assert [p.line for p in problems[:3]] == [1, 2, 3]


WORST_MARKDOWN = {  # the shapes that cost most, each filling a file to its cap
    "attributes": lambda: "".join(f'<span a{i}="1">x</span>\n' + ("\n" if i % 500 == 499 else "") for i in range(20_000)),
    "heading-spaces": lambda: "## a" + "\u00a0" * 150_000 + "b\n",
    "headings": lambda: "".join(f"## h{i}\n\n" for i in range(30_000)),
    "brackets": lambda: "[" * 190_000,
    "image-brackets": lambda: "![" * 95_000,
    "brackets-spread": lambda: "\n\n".join([("[" + "a" * 300) * _shape().MAX_BRACKETS] * 40),
    "emphasis": lambda: "*a* " * 48_000,
    "nested-lists": lambda: "".join("  " * i + "- a\n" for i in range(400)),
    "nested-inline-lists": lambda: "  - " * 48_000,
    "quotes": lambda: "> " * 95_000,
    "broken-links": lambda: "".join(f"[x](missing{i}.md)\n\n" for i in range(10_000)),
    "comments": lambda: "<!--" * 48_000,
    "fences": lambda: "```\n" * 48_000,
}


@pytest.mark.parametrize("shape", WORST_MARKDOWN)
def test_every_worst_shape_at_the_size_cap_is_checked_within_the_budget(scratch, shape):
    """The one timing check the issue asks for: a contributed file of each worst shape, at
    its size cap, is checked (read, parsed, its structure and prose checked) in at most BUDGET
    seconds of CPU, not counting Python-Markdown's own rendering (which the build does for
    the page anyway; a shape it cannot render in bounded time is refused before it renders),
    and in a few times that with it: never a hang."""
    from casekit import project, textfile
    body = WORST_MARKDOWN[shape]()
    front = _front(scratch / TEXT)
    body = body[: textfile.LIMITS[".md"] - len(front.encode()) - 8]
    markdown = project.markdown_renderer(scratch)

    def measure():
        rendering = [0.0]

        def render(text):
            start = time.process_time()
            try:
                return markdown(text)
            finally:
                rendering[0] += time.process_time() - start

        problems, seconds = _cpu(lambda: _check(scratch, body, front=front, render=render))
        return problems, seconds, rendering[0]

    problems, seconds, rendering = measure()
    if seconds - rendering >= BUDGET or seconds >= 3 * BUDGET:  # a busy machine: the better of two runs, as timeit takes
        _again, *best = measure()
        seconds, rendering = min((seconds, rendering), tuple(best), key=lambda pair: pair[0] - pair[1])
    assert seconds - rendering < BUDGET, f"{shape}: {seconds - rendering:.2f} s besides {rendering:.2f} s of rendering"
    assert seconds < 3 * BUDGET, f"{shape}: {seconds:.2f} s"
    assert problems and all(p.line >= 1 for p in problems)


def test_yaml_at_its_size_cap_is_checked_within_the_budget(scratch):
    from casekit import textfile, vocab
    path = scratch / "docs" / "tags.yml"
    text = path.read_text(encoding="utf-8")
    filler = "".join(f"# {'x' * 70}\n" for _ in range((textfile.LIMITS[".yml"] - len(text)) // 73))
    path.write_text(text + filler + "x: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    (_vocab, problems), seconds = _cpu(vocab.load, path, languages())
    assert seconds < BUDGET and problems


# --- issue 20, 10 and 11: what used to pass one gate and crash or fail the other ---------------

@pytest.mark.parametrize("text", ["Partnership and M&E", "R&D", "AT&T", "Q&A; more", "Tom & Jerry", "&unknown;"])
def test_an_ampersand_in_plain_text_is_text(text):
    from casekit import html_policy
    assert html_policy.plain_text_problem(text) is None


@pytest.mark.parametrize("text", ["&lt;script&gt;", "&#60;", "&#x3C;b", "A &amp B", "&lt no semicolon", "Tom&notes"])
def test_an_entity_a_browser_would_read_is_refused(text):
    from casekit import html_policy
    assert "HTML entity" in html_policy.plain_text_problem(text)


@pytest.mark.parametrize("value", ["1" * 4_400, "0x" + "f" * 4_000, "-" + "9" * 5_000, "0" + "7" * 4_000, "1_000" * 900])
def test_a_huge_number_is_refused_at_its_line(scratch, value):
    path = scratch / CASE / "case.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"x: {value}\n", encoding="utf-8")
    problems = _check(scratch, render=False)
    line = len(path.read_text(encoding="utf-8").split("\n")) - 1
    assert any(p.line == line and "is too long" in p.message for p in problems), problems


@pytest.mark.parametrize("nested", ["[" * 300 + "]" * 300, "{a: " * 260 + "1" + "}" * 260, "[" * 5_000 + "]" * 5_000,
                                    "\n" + "".join("  " * i + "-\n" for i in range(300))])
def test_deep_nesting_is_refused_at_its_line(scratch, nested):
    for name in (TEXT, f"{CASE}/case.yml"):
        path = scratch / name
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace("\nsummary:", f"\nx: {nested}\nsummary:", 1) if name == TEXT else original + f"x: {nested}\n",
                        encoding="utf-8")
        problems = _check(scratch, render=False)
        assert any("nested more than" in p.message and p.line > 1 for p in problems), (name, problems)
        path.write_text(original, encoding="utf-8")


def test_a_locale_babel_does_not_know_is_refused(scratch):
    from casekit import strings
    lang = languages()[-1]
    path = scratch / "overrides" / "i18n" / f"{lang}.yml"
    text = path.read_text(encoding="utf-8")
    for bad in ("xx_YY", "en-GB", "'1'"):
        path.write_text(re.sub(r"(?m)^(  locale: )\S+", rf"\g<1>{bad}", text, count=1), encoding="utf-8")
        problems = strings.check(scratch / "overrides" / "i18n", languages(), scratch)
        assert any("site.locale" in p.message and p.line > 1 for p in problems), (bad, problems)


# --- issue 20, 13: backslashes in links -------------------------------------------------------

@pytest.mark.parametrize("url", ["/\\evil.example/", "\\/evil.example/", "/\\/evil.example", "\\\\evil.example",
                                 "/\t/evil.example/", " /\\evil.example", "/\n/evil.example"])
def test_a_link_a_browser_reads_as_another_host_is_refused(url):
    from casekit import html_policy
    assert html_policy.link_problem(url, "a") is not None
    assert html_policy.link_problem(url, "img") is not None


def test_site_relative_and_relative_links_stay_allowed():
    from casekit import html_policy
    for url in ("/cases/", "../other-case/index.md", "#context", "https://example.org/a\\b"):
        assert html_policy.link_problem(url, "a") is None, url


# --- issue 20, 14: invisible characters in titles, names and labels ---------------------------

@pytest.mark.parametrize("value,name", [
    ("A title\U000E0041\U000E0042", "TAG LATIN CAPITAL LETTER A"),
    ("Fixture\u200bOrganisation", "ZERO WIDTH SPACE"),
    ("Fixture\u2060Organisation", "WORD JOINER"),
    ("\u3164", "HANGUL FILLER"),
    ("Fixture \u115f", "HANGUL CHOSEONG FILLER"),
    ("Fix\u200dture", "ZERO WIDTH JOINER"),
    ("Fix\u00adture", "SOFT HYPHEN"),
    ("Fixture\u2064", "INVISIBLE PLUS"),
])
def test_an_invisible_character_in_a_title_or_name_is_refused_with_its_name(scratch, value, name):
    import json
    path = scratch / TEXT
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", lambda m: "title: " + json.dumps(value, ensure_ascii=False), text, count=1), encoding="utf-8")
    problems = _check(scratch, render=False)
    assert any(p.line == 2 and name.lower() in p.message.lower() for p in problems), problems


@pytest.mark.parametrize("value", ["می\u200cخواهم", "क्\u200dष", "👩\u200d🌾 farmers", "A title \u2764\ufe0f", "\u200fעברית", "Plain title"])
def test_joiners_where_a_script_needs_them_stay_allowed(value):
    from casekit import textfile
    assert textfile.invisible_in_name(value) is None


# --- issue 20, 15: dotfiles -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["docs/.gitattributes", f"{CASE}/.gitattributes", "docs/contribute/.htaccess", "docs/.well-known/x.txt"])
def test_a_dotfile_anywhere_under_docs_is_refused(scratch, name):
    from casekit import layout
    path = scratch / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("* text eol=crlf\n", encoding="utf-8")
    found = layout.problems(scratch / "docs", languages(), scratch)
    shown = "/".join(Path(name).parts[: next(i for i, part in enumerate(Path(name).parts) if part.startswith(".")) + 1])
    assert any(p.path == shown and "starts with a dot" in p.message for p in found), found
    assert any(p.path == shown for p in layout.dot_problems(scratch / "docs", scratch))


# --- the validator and the build alike, on a hostile corpus -----------------------------------

def _first_section(markdown: str):
    return ("insert", TEXT, markdown)


HOSTILE_INPUT = [
    # 4 and issue 21, 6: headings
    ("section-at-level-3", ("replace", TEXT, "\n## ", "\n### ", ), None, "### ", "is written as a heading of level 3"),
    ("second-h1", _first_section("# Another title"), None, "# Another title", "heading of the first level"),
    ("second-h1-unspaced", _first_section("#Another title"), None, "#Another title", "heading of the first level"),
    ("second-h1-setext", _first_section("Another title\n============="), None, "Another title", "heading of the first level"),
    ("heading-spaces", _first_section("## a" + "\u00a0" * 3_000 + "b"), None, "## a", "is not one of the case's sections"),
    # renderer bombs
    ("brackets", _first_section("[" * 9_000), None, "[[[[", "'[' characters"),
    ("image-brackets", _first_section("![" * 4_000), None, "![![", "'[' characters"),
    ("nested-list", _first_section("".join("  " * i + "- a\n" for i in range(60))), None, " " * 48 + "- a", "levels deep"),
    # 6: front matter outside the cases, read by our loader before MkDocs reads it
    ("page-alias-bomb", ("write", PAGE, "---\ntitle: [&a [x, x, x, x, x, x, x, x, x], &b [*a, *a, *a, *a, *a, *a, *a, *a, *a],\n"
                         "  [*b, *b, *b, *b, *b, *b, *b, *b, *b]]\n---\n\nText.\n"), PAGE, 2, "aliases"),
    ("page-recursive-alias", ("write", PAGE, "---\ntitle: &a [*a]\n---\n\nText.\n"), PAGE, 2, "aliases"),
    ("page-duplicate-key", ("write", PAGE, "---\ntitle: One\ntitle: Two\n---\n\nText.\n"), PAGE, 3, "written twice"),
    ("page-title-list", ("write", PAGE, "---\ntitle: [a, b]\n---\n\nText.\n"), PAGE, 2, "must be text"),
    # 10 and 11
    ("hex-number", ("replace", f"{CASE}/case.yml", "participants: {people: 12}", "participants: {people: 0x" + "f" * 4_000 + "}"), None, "participants", "is too long"),
    ("long-number", ("replace", f"{CASE}/case.yml", "participants: {people: 12}", "participants: {people: " + "9" * 4_400 + "}"), None, "participants", "is too long"),
    ("deep-list", ("replace", f"{CASE}/case.yml", "partners: []", "partners: " + "[" * 300 + "]" * 300), None, "partners", "nested more than"),
    ("bad-locale", ("replace_string", "  locale: ", "  locale: xx_YY  # "), "strings", "locale:", "site.locale"),
    ("raw-html-broken-link", _first_section('<a href="../no-such-case/index.md">x</a>'), None, "no-such-case", "does not exist"),
    # 13
    ("backslash-host", _first_section("[x](/\\evil.example/)"), None, "evil.example", "has no scheme"),
    ("backslash-host-html", _first_section('<a href="/\\evil.example/">x</a>'), None, "evil.example", "has no scheme"),
    ("tab-host", _first_section('<a href="/&#9;/evil.example/">x</a>'), None, "evil.example", "has no scheme"),
    # 14
    ("title-tag-characters", ("replace", TEXT, "title: A fixture case about a workshop", 'title: "A fixture case\\U000E0041 about a workshop"'), None, "title:", "tag latin capital letter a"),
    ("name-zero-width-space", ("replace", f"{CASE}/case.yml", "implementing: [Fixture Organisation]", 'implementing: ["Fixture\\u200bOrganisation"]'), None, "implementing", "zero width space"),
    ("label-hangul-filler", ("replace_in_tags", "label: {", 'label: {zz: "\\u3164", '), "docs/tags.yml", None, "hangul filler"),
    # 15
    ("dotfile-docs", ("write", "docs/.gitattributes", "* text eol=crlf\n"), None, 1, "starts with a dot"),
    ("dotfile-case", ("write", f"{CASE}/.htaccess", "x\n"), None, 1, "starts with a dot"),
    ("dot-folder", ("write", f"{CASE}/.hidden/notes.md", "# x\n"), f"{CASE}/.hidden", 1, "starts with a dot"),
]


@pytest.mark.parametrize("name,mutation,shown,line,message", HOSTILE_INPUT, ids=[item[0] for item in HOSTILE_INPUT])
def test_hostile_input_is_refused_by_validator_and_build_alike(tmp_path, project, name, mutation, shown, line, message):
    root = tmp_path / "p"
    shutil.copytree(project, root, symlinks=True)
    changed = _apply(root, mutation)
    shown, line = _expected(root, changed, shown, line)
    pattern = _location_pattern(shown, line)
    checked = _validate(root)
    out = checked.stdout + checked.stderr
    assert checked.returncode == 1 and "Traceback" not in out, out
    assert any(message.lower() in m.group(0).lower() for m in pattern.finditer(checked.stdout)), f"validate.py: {pattern.pattern} {message!r}:\n{out}"
    built = build(root, tmp_path / "site")
    out = built.stdout + built.stderr
    assert built.returncode != 0 and "Traceback" not in out, out
    assert any(message.lower() in m.group(0).lower() for m in pattern.finditer(out)), f"build: {pattern.pattern} {message!r}:\n{out}"


@pytest.mark.parametrize("label", ["Partnership and M&E", "R&D", "AT&T"])
def test_an_ampersand_in_a_tag_label_passes_validator_and_build(tmp_path, project, label):
    root = tmp_path / "p"
    shutil.copytree(project, root, symlinks=True)
    from casekit import vocab
    tags, _problems = vocab.load(root / "docs" / "tags.yml", languages())
    used = [tag for tag in tags.ids() if tag not in tags.ids("region")][0]
    path = root / "docs" / "tags.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n  {used}:\n")
    label_at = text.index("label: {", start) + len("label: {")
    end = text.index(",", label_at)
    path.write_text(text[:label_at] + f"{languages()[0]}: {label}" + text[end:], encoding="utf-8")
    checked = _validate(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    if label == "Partnership and M&E":  # one build: the others differ only in their letters
        built = build(root, tmp_path / "site")
        assert built.returncode == 0, built.stdout + built.stderr


# --- fuzzing: generated prose and front matter, the validator and the build alike -------------

PROSE = st.lists(st.one_of(
    st.sampled_from(["# Title", "#Title", "## Extra", "### Sub", "Setext\n===", "Setext\n---", "<h1>x</h1>", "<h2>y</h2>",
                     "<span title=\"a\">x</span>", "<b onclick=\"x()\">b</b>", "&lt;script&gt;", "&amp;", "M&E", "&#x3C;",
                     "[x](https://example.org/)", "[x](/\\evil.example/)", "[x](../no-such/index.md)", "<a href=\"/\\evil\">x</a>",
                     "![alt](missing.png)", "<!-- comment -->", "```\n## code\n```", "> quote", "- item", "\u00a0" * 300,
                     "\t \u2003\u3000 " * 40, "\u200b", "[" * 60, "* " * 30]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)), max_size=8)
TITLES = st.one_of(st.sampled_from(["A title", "M&E and R&D", "&lt;b&gt;", "A\u200btitle", "<i>x</i>", "[a, b]", "'x: y'", "&a x", "*a"]),
                   st.text(max_size=30))


def _write_fuzzed(root: Path, prose: list, title: str) -> None:
    import json
    sections = _sections()
    pieces = "\n\n".join(prose)
    body = _body(sections[:2]) + pieces + "\n\n" + _body(sections[2:])
    path = root / TEXT
    front = _front(path)
    front = re.sub(r"(?m)^title: .*$", lambda m: "title: " + (title if title.startswith(("[", "'", "&", "*")) else json.dumps(title)), front, count=1)
    path.write_text(front + body, encoding="utf-8")


@pytest.fixture(scope="module")
def fuzz_copy(project, tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-input") / "p"
    shutil.copytree(project, root, symlinks=True)
    return root


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prose=PROSE, title=TITLES)
def test_fuzzed_prose_gets_file_line_problems_or_none_quickly(fuzz_copy, prose, title):
    from casekit import problems as casekit_problems
    _write_fuzzed(fuzz_copy, prose, title)
    found, seconds = _cpu(lambda: _check(fuzz_copy))
    assert seconds < BUDGET
    for problem in found:
        assert isinstance(problem, casekit_problems.Problem) and problem.line >= 1 and problem.message


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prose=PROSE, title=TITLES)
def test_fuzzed_prose_gets_the_same_verdict_from_validator_and_build(fuzz_copy, tmp_path_factory, prose, title):
    """Few examples (each builds the site); the validator's property above runs many more."""
    _write_fuzzed(fuzz_copy, prose, title)
    checked = _validate(fuzz_copy)
    built = build(fuzz_copy, tmp_path_factory.mktemp("fuzz-site"))
    for result in (checked, built):
        assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert (checked.returncode == 0) == (built.returncode == 0), checked.stdout + "\n----\n" + built.stdout + built.stderr
    if checked.returncode:
        located = {line for line in checked.stdout.split("\n") if re.match(r"^\S+:\d+: error: ", line)}
        assert located and any(line in built.stdout + built.stderr for line in located), checked.stdout + "\n----\n" + built.stdout + built.stderr


def test_the_build_withholds_a_page_its_loader_refuses_before_mkdocs_reads_it(scratch, tmp_path):
    """The live preview shows the problem and never hands MkDocs the page to parse (and expand)."""
    from mkdocs.structure.files import File, Files

    from casekit.plugin import boundary
    docs = scratch / "docs"
    page = docs / "contribute" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\na: &a [x, x]\nb: [*a, *a]\n", 1), encoding="utf-8")
    files = Files([File(uri, str(docs), str(tmp_path / "site"), True) for uri in ("index.md", "contribute/index.md", f"cases/{SLUG}/index.md")])
    problems, withheld = boundary.check_front_matter(files, scratch, frozenset())
    assert [file.src_uri for file in withheld] == ["contribute/index.md"]
    assert [(p.path, p.line) for p in problems] == [("docs/contribute/index.md", 3)] and "aliases" in problems[0].message
