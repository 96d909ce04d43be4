"""Contributed files are untrusted: a corpus of hostile inputs, each rejected by validate.py and
by `mkdocs build --strict` at the same file:line, without a traceback; the loader never raises
or hangs on arbitrary bytes or YAML; the rules our readers share with MkDocs match MkDocs'."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from collection import SLUG, languages, make_project, text_name
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build

CASE = f"docs/cases/{SLUG}"
TEXT = f"{CASE}/index.md"


def _other() -> str:
    langs = languages()
    return f"{CASE}/{text_name(langs[1] if len(langs) > 1 else langs[0])}"


def _other_page() -> str:
    """The contribute page in the last language of the registry."""
    return f"docs/contribute/{text_name(languages()[-1])}"


def _section(markdown: str):
    """Put ``markdown`` at the start of the default language's first section."""
    return ("insert", TEXT, markdown)


# id, mutation, file named in the message (None: the mutated file), its line (a number, or a
# text that stands on that line of the mutated file; None: any line), a fragment of the message
HOSTILE = [
    # 2. raw HTML, split over lines or hidden inside allowed tags
    ("script-split", _section("<script\n>alert(1)</script>"), None, "<script", "<script> is not allowed"),
    ("script-upper", _section("<SCRIPT>alert(1)</SCRIPT>"), None, "<SCRIPT", "<script> is not allowed"),
    ("meta-refresh-split", _section('<meta\nhttp-equiv="refresh" content="0;url=https://example.org/">'), None, "<meta", "<meta> is not allowed"),
    ("base-split", _section('<base\nhref="https://example.org/">'), None, "<base", "<base> is not allowed"),
    ("iframe-srcdoc", _section('<iframe\nsrcdoc="<script>alert(1)</script>"></iframe>'), None, "<iframe", "<iframe> is not allowed"),
    ("onerror-slash", _section('<figure><img src="a.png" alt="a"/onerror=alert(1)></figure>'), None, "onerror", "event-handler attribute"),
    ("namespaced-tag", _section("<x:y onclick=alert(1)>hi</x:y>"), None, "<x:y", "<x:y> is not allowed"),
    ("details-ontoggle", _section("<details open/ontoggle=alert(1)><summary>s</summary>x</details>"), None, "ontoggle", "event-handler attribute"),
    ("figure-img-onerror", _section('<figure><img src="a.png" alt="a" onerror="alert(1)"></figure>'), None, "onerror", "event-handler attribute"),
    ("svg-script", _section("<svg><script>alert(1)</script></svg>"), None, "<svg", "<svg> is not allowed"),
    ("style-attribute", _section('<span style="position:fixed;top:0">x</span>'), None, "style=", "style attribute"),
    ("form", _section('<form action="https://example.org/"><input name="q"></form>'), None, "<form", "<form> is not allowed"),
    # 1. attributes from prose would need attr_list; the raw-HTML route is closed above
    ("href-javascript", _section('<a href="javascript:alert(1)">x</a>'), None, "javascript:", "javascript: URL"),
    # 3. links in every spelling
    ("inline-javascript", _section("[x](JaVaScRiPt:alert(1))"), None, "JaVaScRiPt", "javascript: URL"),
    ("reference-javascript", _section("[x][r]\n\n[r]: javascript:alert(1)"), None, "[r]: javascript", "javascript: URL"),
    ("entity-javascript", _section('<a href="jav&#x61;script:alert(1)">x</a>'), None, None, "javascript: URL"),
    ("data-url", _section('<a href="data:text/html,hi">x</a>'), None, "data:text", "'data:'"),
    ("vbscript-url", _section("[x](vbscript:msgbox)"), None, "vbscript", "'vbscript:'"),
    # 8. requests off the site
    ("remote-image", _section("![A tracker](https://example.org/p.png)"), None, "example.org/p.png", "is not a file of this case"),
    ("remote-image-html", _section('<img src="https://example.org/p.png" alt="x">'), None, "example.org/p.png", "is not a file of this case"),
    ("protocol-relative-image", _section('<img src="//example.org/p.png" alt="x">'), None, "//example.org", "is not a file of this case"),
    ("style-url", _section('<span style="background:url(https://example.org/p.png)">x</span>'), None, "style=", "style attribute"),
    # 4. values that would break out of the templates' attributes
    ("title-markup", ("replace", TEXT, "title: A fixture case about a workshop", 'title: "A </title><script>alert(1)</script>"'), None, "title:", "contains < or >"),
    ("title-entity", ("replace", TEXT, "title: A fixture case about a workshop", "title: A &lt;script&gt; title"), None, "title:", "HTML entity"),
    ("source-url-quote", ("replace", f"{CASE}/case.yml", "url: https://example.org/report", 'url: "https://example.org/\\"onfocus=alert(1)"'), None, "url:", "has the wrong format"),
    ("tag-label-markup", ("replace_in_tags", "label: {", 'label: {zz: "<img src=x onerror=alert(1)>", '), "docs/tags.yml", None, "must be plain text"),
    # 4b. a title MkDocs would derive from the first heading (setext, unspaced #, entities):
    #     a page outside the cases must declare its title
    ("derived-title-setext", ("replace", "docs/contribute/index.md", "title: Contribute\n---\n\n# Contribute a case study",
                              "{}\n---\n\nContribute &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n==="), None, 1, "has no title"),
    ("derived-title-unspaced", ("replace", "docs/contribute/index.md", "title: Contribute\n---\n\n# Contribute a case study",
                                "{}\n---\n\n#Contribute &#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;"), None, 1, "has no title"),
    ("derived-title-hex", ("replace", "docs/contribute/index.md", "title: Contribute\n---\n\n# Contribute a case study",
                           "{}\n---\n\nContribute &#x3c;/title&#x3e;&#x3C;script&#X3E;alert(1)&#x3c;/script&#x3e;\n====="), None, 1, "has no title"),
    ("derived-title-other-language", ("title_out", _other_page()), None, 1, "has no title"),
    # 4c. names the templates and scripts find their elements by (DOM clobbering)
    ("heading-config", _section("### __config"), None, "### __config", "is one the site's pages use"),
    ("heading-template-id", _section("### Cite plain"), None, "### Cite plain", "is one the site's pages use"),
    ("raw-heading-id", _section('<h3 id="__search">Search</h3>'), None, "__search", "is one the site's pages use"),
    ("span-id-config", _section('<span id="__config">{"base": "https://example.org/"}</span>'), None, "__config", "the attribute 'id'"),
    ("hidden-cite-plain", _section('<span id="cite-plain" hidden>Copied from elsewhere</span>'), None, "cite-plain", "the attribute 'id'"),
    ("code-cite-bibtex", _section('<code id="cite-bibtex">@misc{x}</code>'), None, "cite-bibtex", "the attribute 'id'"),
    ("fake-case-card", _section('<div class="case-card" data-theme="x">Fake</div>'), None, "case-card", "the class 'case-card'"),
    ("fake-card-among-allowed", _section('<span class="note case-list">x</span>'), None, "case-list", "the class 'case-list'"),
    # 5. front matter: MkDocs' rule, and only the keys of the schema
    ("front-matter-indented-close", ("replace", TEXT, "\n---\n\n## ", "\n ---\n\n## "), None, 1, "front matter that starts on line 1 is not closed"),
    ("meta-template", ("replace", TEXT, "summary:", "template: 404.html\nsummary:"), None, "template:", "unknown key 'template'"),
    ("page-meta-key", ("replace", "docs/contribute/index.md", "title:", "hide: [navigation]\ntitle:"), "docs/contribute/index.md", "hide:", "'hide' is not a setting"),
    ("page-script", ("append", "docs/contribute/index.md", "\n<script>alert(1)</script>\n"), "docs/contribute/index.md", "<script>", "<script> is not allowed"),
    # 6. files outside the layout
    ("html-file", ("write", f"{CASE}/report.html", "<script>alert(1)</script>"), None, 1, "is not allowed here"),
    ("svg-file", ("write", f"{CASE}/chart.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), None, 1, "is not allowed here"),
    ("nested-markdown", ("write", f"{CASE}/extra/notes.md", "# Notes\n"), f"{CASE}/extra", 1, "outside the layout"),
    ("site-script", ("write", "docs/assets/javascripts/catalogue.js", "alert(1)"), "docs/assets/javascripts", 1, "outside the layout"),
    ("fake-image", ("write", f"{CASE}/photo.png", "<html><script>alert(1)</script></html>"), None, 1, "is not a PNG image"),
    ("big-image", ("write", f"{CASE}/big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (400 * 1024)), None, 1, "the limit is 300 KB"),
    # 7. symbolic links
    ("symlink-file", ("symlink", f"{CASE}/leak.png", "../../../mkdocs.yml"), None, 1, "symbolic link"),
    ("symlink-proc", ("symlink", f"{CASE}/environ.png", "/proc/self/environ"), None, 1, "symbolic link"),
    ("symlink-folder", ("symlink", "docs/cases/linked", "/etc"), "docs/cases/linked", 1, "symbolic link"),
    # 10. bytes, YAML and values that used to crash or hang
    ("latin-1", ("write", TEXT, "---\ntitle: Caf\xe9 por la integraci\xf3n\nsummary: x\n---\n".encode("latin-1")), None, 2, "not UTF-8"),
    ("utf-16", ("write", TEXT, "---\ntitle: x\n---\n".encode("utf-16")), None, 1, "UTF-16"),
    ("binary", ("write", f"{CASE}/case.yml", b"original_language: en\n\x00\x01\x02"), None, 2, "binary data"),
    ("alias-bomb", ("write", f"{CASE}/case.yml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                                 "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                                 "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"), None, 2, "aliases"),
    ("recursive-alias", ("write", f"{CASE}/case.yml", "a: &a [*a]\n"), None, 1, "aliases"),
    ("tags-alias", ("replace_in_tags", "facets:", "x: &x 1\ny: *x\nfacets:"), "docs/tags.yml", "y: *x", "aliases"),
    ("language-as-list", ("replace", f"{CASE}/case.yml", "original_language: ", "original_language: [nl]\n#"), None, "original_language", "original_language"),
    ("tags-as-list", ("replace_in_tags", "\ntags:\n", "\ntags: [partnership]\nunused:\n"), "docs/tags.yml", "tags:", "'tags' must be a mapping"),
    ("mixed-key-types", ("replace", f"{CASE}/case.yml", "partners: []", "partners: []\n1: one"), None, "1: one", "is not a name"),
    ("duplicate-key", ("replace", f"{CASE}/case.yml", "funders: []", "funders: []\nfunders: [Someone]"), None, "funders: [Someone]", "written twice"),
    ("impossible-day", ("replace", f"{CASE}/case.yml", "added: 2026-01-01", "added: 2026-02-31"), None, "added:", "not a date that exists"),
    ("year-zero", ("replace", f"{CASE}/case.yml", "start: 2020-01", "start: 0000-01"), None, "start:", "not a date that exists"),
    ("control-character", ("replace", TEXT, "summary: A made-up case that the tests build and break on purpose.",
                           'summary: "A \\a made-up case that the tests build and break on purpose."'), None, "summary:", "invisible character"),
    ("bidi-override", ("replace", TEXT, "A paragraph of results", "A paragraph \u202eof results"), None, "\u202e", "invisible character"),
    ("bidi-escaped", ("replace", f"{CASE}/case.yml", "implementing: [Fixture Organisation]", 'implementing: ["Fixture \\u202e Organisation"]'), None, "implementing:", "invisible character"),
    ("huge-file", ("append", TEXT, "word " * 50000), None, 1, "the limit is 200 KB"),
    ("missing-ui-string", ("drop_string", "sections"), "strings", None, "is missing"),
    ("site-name-markup", ("replace_string", "  name: ", "  name: <script>alert(1)</script> "), "strings", "<script>", "contains < or >"),
    ("ui-string-format", ("replace_string", "{count}", "{count.__class__}"), "strings", None, "placeholder"),
    ("slug-newline", ("mkdir_case", "bad-slug\n"), "docs/cases/bad-slug\\n", 1, "not a valid case folder name"),
]


def _apply(project: Path, mutation) -> Path:
    """Apply ``mutation`` to ``project``; return the file it changed."""
    kind = mutation[0]
    if kind == "insert":
        path = project / mutation[1]
        text = path.read_text(encoding="utf-8")
        marker = text.index("\n## ") + 1
        marker = text.index("\n\n", marker) + 2
        path.write_text(text[:marker] + mutation[2] + "\n\n" + text[marker:], encoding="utf-8")
        return path
    if kind in ("replace", "append"):
        path = project / mutation[1]
        text = path.read_text(encoding="utf-8")
        if kind == "append":
            text += mutation[2]
        else:
            assert mutation[2] in text, f"{mutation[2]!r} not in {mutation[1]}"
            text = text.replace(mutation[2], mutation[3], 1)
        path.write_text(text, encoding="utf-8")
        return path
    if kind == "title_out":  # a page's title taken out of its front matter, a setext heading with entities first
        path = project / mutation[1]
        text = path.read_text(encoding="utf-8")
        front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
        front = "\n".join(line for line in front.split("\n") if not line.startswith("title:")) or "{}"
        path.write_text(f"---\n{front}\n---\n\nA title &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;\n===\n\n{body}", encoding="utf-8")
        return path
    if kind == "replace_in_tags":
        path = project / "docs" / "tags.yml"
        text = path.read_text(encoding="utf-8")
        assert mutation[1] in text
        path.write_text(text.replace(mutation[1], mutation[2], 1), encoding="utf-8")
        return path
    if kind == "write":
        path = project / mutation[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = mutation[2]
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path
    if kind == "symlink":
        path = project / mutation[1]
        path.symlink_to(mutation[2])
        return path
    if kind in ("drop_string", "replace_string"):
        path = project / "overrides" / "i18n" / f"{languages()[-1]}.yml"
        text = path.read_text(encoding="utf-8")
        if kind == "drop_string":
            text = re.sub(rf"^{mutation[1]}:\n(?:  .*\n|\s*\n)*", "", text, count=1, flags=re.M)
        else:
            assert mutation[1] in text
            text = text.replace(mutation[1], mutation[2], 1)
        path.write_text(text, encoding="utf-8")
        return path
    if kind == "mkdir_case":
        folder = project / "docs" / "cases" / mutation[1]
        shutil.copytree(project / CASE, folder)
        return folder / "case.yml"
    raise AssertionError(kind)


def _expected(project: Path, changed: Path, shown, line):
    """(path as messages show it, line number or None)."""
    if shown == "strings":
        shown = changed.relative_to(project).as_posix()
    shown = shown or changed.relative_to(project).as_posix()
    if isinstance(line, str):
        text = changed.read_bytes().decode("utf-8", "replace") if changed.is_file() and not changed.is_symlink() else ""
        # the first line that holds it, a YAML file's comments aside (a comment may name a key too)
        comment = changed.suffix in (".yml", ".yaml")
        line = next((i for i, row in enumerate(text.split("\n"), 1) if line in row and not (comment and row.lstrip().startswith("#"))), None)
        assert line is not None
    return shown, line


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("untrusted") / "p")


def _validate(project: Path):
    return subprocess.run([sys.executable, str(project / "scripts" / "validate.py")], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_fixture_collection_is_valid_and_builds(pristine, tmp_path):
    result = _validate(pristine)
    assert result.returncode == 0, result.stdout + result.stderr
    built = build(pristine, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr


def test_a_project_that_lies_in_a_symbolic_link_builds(pristine, tmp_path):
    """Links are refused below docs/, not above it: a project in a linked folder (macOS's /tmp,
    a home folder on another disk) builds as it is."""
    project = tmp_path / "real"
    shutil.copytree(pristine, project)
    (tmp_path / "linked").symlink_to(project, target_is_directory=True)
    result = build(tmp_path / "linked", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def _location_pattern(shown: str, line) -> re.Pattern:
    where = re.escape(shown) + ":" + (str(line) if line is not None else r"\d+")
    return re.compile(rf"^{where}: error: .+ Fix: .+", re.M)


@pytest.mark.parametrize("name,mutation,shown,line,message", HOSTILE, ids=[item[0] for item in HOSTILE])
def test_hostile_input_is_rejected_by_validator_and_build_alike(tmp_path, pristine, name, mutation, shown, line, message):
    project = tmp_path / "p"
    shutil.copytree(pristine, project, symlinks=True)
    changed = _apply(project, mutation)
    shown, line = _expected(project, changed, shown, line)
    pattern = _location_pattern(shown, line)

    checked = _validate(project)
    out = checked.stdout + checked.stderr
    assert checked.returncode == 1, out
    assert "Traceback" not in out, out
    located = [m.group(0) for m in pattern.finditer(checked.stdout) if message.lower() in m.group(0).lower()]
    assert located, f"validate.py: expected {pattern.pattern!r} with {message!r} in:\n{out}"

    built = build(project, tmp_path / "site")
    out = built.stdout + built.stderr
    assert built.returncode != 0, out
    assert "Traceback" not in out, out
    assert any(message.lower() in m.group(0).lower() for m in pattern.finditer(out)), \
        f"mkdocs build: expected {pattern.pattern!r} with {message!r} (as validate.py said: {located[0]!r}) in:\n{out}"


def test_front_matter_is_split_by_mkdocs_rule():
    """Our reader and MkDocs split front matter alike (a test that fails when MkDocs changes)."""
    from mkdocs.utils import meta

    from casekit import yamlines
    samples = ["---\ntitle: x\n---\nbody", "---\ntitle: x\n ---\ntitle: y\n---\nbody", "---  \ntitle: x\n...\n\n\nbody",
               "--- \ntitle: x\n---", "title: x\n---\nbody", "---\n---\nbody", "----\ntitle: x\n----\nbody",
               "---\ntitle: x\n---\n---\nmore: y\n---\nbody", "\n---\ntitle: x\n---\nbody"]
    for sample in samples:
        front, body, _line = yamlines.split_front_matter(sample)
        their_body, their_meta = meta.get_data(sample)
        if front is not None:  # YAML front matter: the same split (or, for us, a rejected one)
            try:
                ours = yamlines.load(front).data or {}
            except yamlines.YamlSyntaxError:  # e.g. a key written twice, which MkDocs resolves silently
                continue
            assert body == their_body and ours == their_meta, sample
        else:  # none for us: MkDocs finds none either, or MultiMarkdown "key: value" lines,
            # which our checks reject as a page without front matter
            assert not their_meta or re.match(r"^[A-Za-z0-9_-]+:", sample), sample
    assert yamlines.FRONT_MATTER.pattern == meta.YAML_RE.pattern


def test_body_line_counts_the_blank_lines_mkdocs_strips():
    from casekit import yamlines
    _front, body, line = yamlines.split_front_matter("---\ntitle: x\n---\n\n\nfirst\n")
    assert body.startswith("first") and line == 6


def test_csv_cells_that_start_like_a_formula_are_neutralised():
    from casekit import opendata
    for value in ("=HYPERLINK(\"https://example.org\")", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"):
        assert opendata.spreadsheet_safe(value) == "'" + value
    assert opendata.spreadsheet_safe("Plain organisation") == "Plain organisation"


def test_csv_cell_parts_after_a_separator_that_start_like_a_formula_are_neutralised():
    """A spreadsheet splitting on ";" (Spanish, Dutch Excel), "," or a tab reads each part as a
    cell: each part that starts (after spaces) like a formula gets its own apostrophe."""
    from casekit import opendata
    assert opendata.spreadsheet_safe("Acme;=1+1") == "Acme;'=1+1"
    assert opendata.spreadsheet_safe("Acme, +1") == "Acme, '+1"
    assert opendata.spreadsheet_safe("a;\u00a0@SUM(A1);b") == "a;\u00a0'@SUM(A1);b"
    assert opendata.spreadsheet_safe("a\t-1") == "a\t'-1"
    assert opendata.spreadsheet_safe("a\n=1") == "a\n'=1"
    assert opendata.spreadsheet_safe("  =1") == "  '=1"
    assert opendata.spreadsheet_safe("2020-01, a-b; c=d") == "2020-01, a-b; c=d"
    assert opendata.spreadsheet_safe(12) == 12


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), which=st.sampled_from(["case.yml", "text"]))
def test_loader_never_raises_on_arbitrary_bytes(fuzz_root, data, which):
    _load_with(fuzz_root, which, data)


YAML_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                         st.sampled_from(["2026-02-31", "0000-01", "&a x", "*a", "[nl]", "{}", "<script>", "\u202e"]))
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)
KEYS = st.sampled_from(["original_language", "implementing", "partners", "funders", "countries", "venue", "places",
                        "start", "end", "participants", "tags", "sources", "added", "reviewed", "pending", "title", "x"])


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=st.dictionaries(KEYS, YAML_VALUES, max_size=16), which=st.sampled_from(["case.yml", "text"]))
def test_loader_never_raises_on_arbitrary_yaml(fuzz_root, facts, which):
    import yaml
    text = yaml.safe_dump(facts, allow_unicode=True)
    data = text.encode("utf-8") if which == "case.yml" else f"---\n{text}---\n\n## x\n".encode()
    _load_with(fuzz_root, which, data)


@pytest.fixture(scope="module")
def fuzz_root(pristine, tmp_path_factory):
    """One copy of the fixture collection whose files the property tests overwrite."""
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("docs", "overrides"):
        shutil.copytree(pristine / name, root / name)
    shutil.copy(pristine / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _load_with(root: Path, which, data: bytes):
    from casekit import model, problems, project
    (root / CASE / ("case.yml" if which == "case.yml" else "index.md")).write_bytes(data)
    start = time.monotonic()
    collection = model.load_collection(root / "docs", project.languages(root), project.strings_for(root), root=root,
                                       strings_dir=root / "overrides" / "i18n", render=project.markdown_renderer(root))
    assert time.monotonic() - start < 5
    for problem in collection.problems:
        assert isinstance(problem, problems.Problem) and problem.line >= 1 and problem.message


@pytest.mark.build
def test_killing_the_build_stops_every_process_it_started(pristine, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(pristine / "mkdocs.yml"),
                                "-d", str(tmp_path / "site")], cwd=pristine, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    for _ in range(200):  # until the build has started its other processes
        if _descendants(process.pid):
            break
        time.sleep(0.05)
    started = _descendants(process.pid)
    assert started, "the build started no other process"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    time.sleep(0.5)
    alive = [pid for pid in started if _alive(pid)]
    assert not alive, f"still running after SIGTERM: {alive}"


def _descendants(pid: int) -> list:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    found = [int(child) for child in out]
    return found + [grand for child in found for grand in _descendants(child)]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return status != "Z"


def test_an_unwritable_site_folder_gives_a_clear_message(pristine, tmp_path):
    blocked = tmp_path / "site"
    blocked.write_text("a file where the site folder should be")
    result = build(pristine, blocked / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out, out
    assert "the site cannot be written to" in out and "Fix:" in out


def test_workflows_check_out_without_keeping_the_token():
    """actions/checkout keeps the job's token in .git/config unless told not to; a build step
    (or a file it publishes) could then read it."""
    import yaml

    from conftest import ROOT
    checkouts = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in (yaml.safe_load(path.read_text(encoding="utf-8")).get("jobs") or {}).values():
            for step in job.get("steps") or []:
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    checkouts.append((path.name, (step.get("with") or {}).get("persist-credentials")))
    assert checkouts and all(value is False for _name, value in checkouts), checkouts


def test_every_id_a_template_writes_is_one_prose_may_not_take():
    """html_policy.TEMPLATE_IDS and its prefixes cover every id of every template (ours and
    Material's), so that no heading of the prose can take one (DOM clobbering)."""
    from importlib import resources

    from casekit import html_policy
    from conftest import ROOT
    folders = [ROOT / "overrides", Path(str(resources.files("material") / "templates"))]
    generated = {"{{ path }}", "{{ path }}_label"}  # Material's navigation: __nav_1, __nav_1_2, …
    seen = set()
    for folder in folders:
        for template in folder.rglob("*.html"):
            for value in re.findall(r'\bid="([^"]*)"', template.read_text(encoding="utf-8")):
                seen.add(value)
                if value in generated:
                    continue
                literal = value.split("{{", 1)[0]
                assert literal, f"{template}: id={value!r} is computed; add it to this test's list with what it becomes"
                assert html_policy.template_id(literal + ("x" if "{{" in value else "")), \
                    f"{template}: id={value!r} is not in casekit/html_policy.py's TEMPLATE_IDS"
    assert "__config" in seen and "cite-plain" in seen
