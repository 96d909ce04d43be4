"""The trust boundary. Everything under docs/ comes from outside the project.

- Files: only the documented layout is published (casekit/layout.py); a file outside it, a
  symbolic link or a file that resolves outside docs/ stops the build.
- Page settings: a page's front matter holds only the keys its schema allows (a case text:
  casekit/text.schema.json; another page: title), as plain text.
- Prose: the HTML MkDocs renders from each page is checked against the allow-list of
  casekit/html_policy.py; anything outside it stops the build with `file:line` (the validator
  reports the same), and the published HTML is passed through the sanitiser all the same.
- Templates: our own templates (overrides/) are rendered with autoescape on, so every value
  they print is escaped unless it is marked safe (only the sanitised page content is).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import html_policy, layout, markdown_checks, model, pages, textfile, yamlines
from ..problems import Problem, display_path, report


def fail(problems: list, what: str = "in contributed files") -> None:
    count = len(problems)
    raise PluginError(f"{count} problem{'s' if count != 1 else ''} {what}; the site was not built.\n" + report(problems))


def check_files(files, docs_dir: str, root: Path, languages) -> list:
    """The problems of the files under docs/: a symbolic link, a file outside the layout."""
    docs = os.path.realpath(docs_dir)
    below_docs = os.path.join(os.path.abspath(docs_dir), "")
    folders: dict = {}  # each folder's real path, resolved once for all its files
    problems = []
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
    if html_policy.plain_text_problem(text):
        return html_policy.ENTITY.sub("", text).replace("<", "").replace(">", "")
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
