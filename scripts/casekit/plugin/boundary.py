"""The trust boundary. Everything under docs/ comes from outside the project.

- Files: only the documented layout is published (casekit/layout.py); a file outside it, a
  symbolic link or a file that resolves outside docs/ stops the build.
- Page settings: every page's front matter is read with our loader (casekit/yamlines.py: no
  aliases, no key twice) before MkDocs reads it with its own, and holds only the keys its
  schema allows (a case text: casekit/text.schema.json; another page: title), as plain text.
- Shapes of Markdown the renderer cannot take in bounded time (casekit/markdown_shape.py) are
  refused before MkDocs renders the page.
- Prose: the HTML MkDocs renders from each page is checked against the allow-list of
  casekit/html_policy.py; anything outside it stops the build with `file:line` (the validator
  reports the same), and the published HTML is passed through the sanitiser all the same.
- Templates: our own templates (overrides/) are rendered with autoescape on, so every value
  they print is escaped unless it is marked safe (only the sanitised page content is).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import html_policy, layout, markdown_checks, markdown_shape, model, pages, textfile, yamlines
from ..problems import Problem, display_path, report


def fail(problems: list, what: str = "in contributed files") -> None:
    count = len(problems)
    raise PluginError(f"{count} problem{'s' if count != 1 else ''} {what}; the site was not built.\n" + report(problems))


def check_files(files, docs_dir: str, root: Path, languages) -> list:
    """The problems of the files under docs/: a symbolic link, a file outside the layout, a
    file or folder whose name starts with a dot (looked for on disk: MkDocs passes them over)."""
    docs = os.path.realpath(docs_dir)
    below_docs = os.path.join(os.path.abspath(docs_dir), "")
    folders: dict = {}  # each folder's real path, resolved once for all its files
    problems = layout.dot_problems(Path(docs_dir), root)
    for file in files:
        path = file.abs_src_path and os.path.abspath(file.abs_src_path)
        if path is None or not path.startswith(below_docs):
            continue  # theme files and generated pages
        folder, name = os.path.split(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        real = os.path.realpath(path) if os.path.islink(path) else os.path.join(folders[folder], name)
        if real != os.path.join(docs, path[len(below_docs):]):  # a link below docs/ (docs/ itself may lie in one)
            problems.append(Problem(display_path(path, root), 1, "this file is, or lies in, a symbolic link; the build would publish what it points to.", "replace the link with the file itself."))
        elif not layout.allowed(file.src_uri, languages):
            problems.append(Problem(display_path(path, root), 1, "this file is outside the layout of docs/ and would be published as it is.", "remove it (see README: what contributed content may contain)."))
    return problems


def check_front_matter(files, root: Path, suspects: frozenset) -> tuple:
    """(problems, files to withhold) of the pages' front matter, read with our loader before
    MkDocs reads it with its own (Page.read_source, after on_pre_page), so that an alias bomb,
    a key written twice or a title that is a list stops the build instead of being expanded or
    taken: every page outside the cases, and the case texts the collection found a problem in
    (``suspects``: the paths its problems name; it read all the others with the same loader)."""
    problems, withheld = [], []
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        shown = display_path(file.abs_src_path, root)
        if is_case_text(file.src_uri) and shown not in suspects:
            continue
        try:
            readable, found = pages.front_matter_problems(textfile.read(Path(file.abs_src_path)), shown)
        except textfile.ContentError as exc:
            readable, found = False, [Problem(shown, exc.line, exc.message, exc.hint)]
        if not is_case_text(file.src_uri):  # a case text's problems are the collection's, reported already
            problems += found
        if not readable:
            withheld.append(file)
    return problems, withheld


def is_case_text(src_uri: str) -> bool:
    parts = src_uri.split("/")
    return len(parts) >= 3 and parts[-3] == "cases" and parts[-1].startswith("index.")


def check_meta(page, source) -> list:
    """The problems of a page's front matter: a key its schema does not allow, a title with
    markup, no title on a page outside the cases (MkDocs would take one from its first
    heading). ``source()`` gives (the file to name, its text)."""
    case_text = is_case_text(page.file.src_uri)
    allowed = model.text_meta_keys() if case_text else pages.META_KEYS
    if not case_text and page.file.abs_src_path and pages.title_problem(page.meta, ""):
        return pages.title_problem(page.meta, source()[0])
    if any(key not in allowed for key in page.meta) or html_policy.plain_text_problem(str(page.title or "")):
        shown, raw = source()
        front, _body, _line = yamlines.split_front_matter(raw)
        try:
            doc = yamlines.load(front, first_line=2) if front is not None else None
        except yamlines.YamlSyntaxError:
            doc = None
        meta = {key: value for key, value in page.meta.items() if key != "case"}
        return (pages.meta_problems(meta, doc, shown, allowed) or
                [Problem(shown, 1, "the page's title holds markup.", "write plain words.")])
    return []


def check_title(page, source) -> list:
    """The problem of the title the templates will print, as MkDocs has it once the page is
    rendered (from the front matter, or derived from the first heading): it must be plain
    text, since Material prints it unescaped (the header, the navigation, the footer)."""
    if not html_policy.plain_text_problem(str(page.title or "")):
        return []
    return pages.printed_title_problem(str(page.title), source()[0])


def safe_title(page) -> None:
    """For the live preview, which shows a page with problems: a title with markup is shown
    as plain words (its markup dropped), never printed as it is."""
    if html_policy.plain_text_problem(str(page.title or "")):
        page.meta["title"] = plain_words(str(page.title))


def plain_words(text: str) -> str:
    """``text`` without what would make it markup where a theme prints it unescaped (<, > and
    entities): for the live preview, which shows a site whose problems would stop the build."""
    text = text if isinstance(text, str) else " ".join(map(str, text)) if isinstance(text, list) else str(text)
    if html_policy.plain_text_problem(text):  # the text a browser would show, then no < or >
        return html_policy.visible_text(text).replace("<", "").replace(">", "")
    return text


def clean_content(html: str, page, source) -> tuple:
    """(the page's HTML, sanitised; the problems, each with `file:line`: what the allow-list of
    casekit/html_policy.py removed, a heading that holds markup)."""
    findings = html_policy.findings(html)
    # a heading's title in the table of contents is escaped text; Material prints it as HTML
    unsafe_toc = [item for item in _toc_items(page.toc.items) if "<" in item.title]
    if findings or unsafe_toc:
        shown, raw = source()
        _front, body, body_line = yamlines.split_front_matter(raw)
        problems = markdown_checks.policy_problems(html, body, body_line, shown)
        problems += [Problem(shown, html_policy.locate((item.title,), body, body_line), "a heading holds markup.", "write the heading in plain words.")
                     for item in unsafe_toc]
        problems = problems or [Problem(shown, body_line, "the page holds HTML outside the allow-list.", "see README: what contributed content may contain.")]
        return html_policy.sanitize(html), problems
    return html_policy.sanitize(html), []


_RAW_LINK = re.compile(r"<(?:a|img)\b", re.IGNORECASE)


def raw_link_problems(html: str, page, source, docs_dir: str) -> list:
    """Links and images written as HTML (<a href>, <img src>) whose target does not exist, as
    the validator finds them (casekit/markdown_checks.py): MkDocs checks only Markdown's links."""
    if not page.file.abs_src_path or not _RAW_LINK.search(page.markdown or ""):
        return []
    shown, raw = source()
    _front, body, body_line = yamlines.split_front_matter(raw)
    return markdown_checks.target_problems(html, body, body_line, Path(page.file.abs_src_path), shown, Path(docs_dir))


def check_markdown(markdown: str, page, source) -> list:
    """What the renderer cannot take in bounded time (casekit/markdown_shape.py), with the
    lines of the page's file; checked before MkDocs renders the page."""
    if markdown_shape.within_limits(markdown):
        return []
    shown, raw = source()
    _front, body, body_line = yamlines.split_front_matter(raw)
    return markdown_shape.problems(body, body_line, shown)


def _toc_items(items) -> list:
    out = []
    for item in items:
        out.append(item)
        out += _toc_items(item.children)
    return out


def read_source(path: Path, root: Path) -> tuple:
    return display_path(path, root), textfile.read(path)


def autoescape_for(overrides: Path):
    """Autoescape for the templates of overrides/ (ours), not for Material's own. (Jinja asks
    for every template it renders, includes too: the answer is a set lookup.)"""
    ours = frozenset(path.relative_to(overrides).as_posix() for path in overrides.rglob("*") if path.suffix in (".html", ".xml"))
    return ours.__contains__
