"""Build hook: the trust boundary. Everything under docs/ comes from outside the project.

- Files: only the documented layout is published (casekit/layout.py); a file outside it, a
  symbolic link or a file that resolves outside docs/ stops the build.
- Page settings: a page's front matter holds only the keys its schema allows (a case text:
  scripts/casekit/text.schema.json; another page: title), as plain text.
- Prose: the HTML MkDocs renders from each page is checked against the allow-list of
  casekit/html_policy.py; anything outside it stops the build with `file:line` (the validator
  reports the same), and the published HTML is passed through the sanitiser all the same.
- Templates: our own templates (overrides/) are rendered with autoescape on, so every value
  they print is escaped unless it is marked safe (only the sanitised page content is).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "scripts") not in sys.path:  # the first hook MkDocs loads: the others import casekit too
    sys.path.insert(0, str(ROOT / "scripts"))

from casekit import build, csp, html_policy, layout, markdown_checks, model, pages, textfile, yamlines  # noqa: E402
from casekit.problems import Problem, display_path, report  # noqa: E402

OVERRIDES = Path(__file__).resolve().parents[1]


def _fail(problems: list) -> None:
    count = len(problems)
    raise PluginError(f"{count} problem{'s' if count != 1 else ''} in contributed files; the site was not built.\n" + report(problems))


@event_priority(100)  # first: before any plugin makes pages of these files
def on_files(files, config):
    docs = os.path.realpath(config.docs_dir)
    below_docs = os.path.join(os.path.abspath(config.docs_dir), "")
    languages = build.languages(config, built_only=False)
    problems = []
    for file in files:
        if file.abs_src_path is None or not os.path.abspath(file.abs_src_path).startswith(below_docs):
            continue  # theme files and generated pages
        shown = display_path(file.abs_src_path, build.ROOT)
        real = os.path.realpath(file.abs_src_path)
        if real != os.path.abspath(file.abs_src_path) or not real.startswith(docs + os.sep):
            problems.append(Problem(shown, 1, "this file is, or lies in, a symbolic link; the build would publish what it points to.", "replace the link with the file itself."))
        elif not layout.allowed(file.src_uri, languages):
            problems.append(Problem(shown, 1, "this file is outside the layout of docs/ and would be published as it is.", "remove it (see README: what contributed content may contain)."))
    if problems:
        _fail(problems)
    return files


def _allowed_meta(page) -> tuple:
    return model.text_meta_keys() if _is_case_text(page) else pages.META_KEYS


def _is_case_text(page) -> bool:
    parts = page.file.src_uri.split("/")
    return len(parts) >= 3 and parts[-3] == "cases" and parts[-1].startswith("index.")


def _source(page, config) -> tuple:
    """(the file to name in messages, its text)."""
    case = page.meta.get("case")
    if page.file.abs_src_path:
        path = Path(page.file.abs_src_path)
        return display_path(path, build.ROOT), textfile.read(path)
    # a generated page: a case shown in its original language, or a tag page
    collection = build.state["collection"]
    original = collection.cases[case["slug"]].original if case else None
    path = original.path if original else Path(config.docs_dir) / "tags.yml"
    return display_path(path, build.ROOT), page.file.content_string


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    allowed = _allowed_meta(page)
    if any(key not in allowed for key in page.meta) or html_policy.plain_text_problem(str(page.title or "")):
        shown, raw = _source(page, config)
        front, _body, _line = yamlines.split_front_matter(raw)
        try:
            doc = yamlines.load(front, first_line=2) if front is not None else None
        except yamlines.YamlSyntaxError:
            doc = None
        meta = {key: value for key, value in page.meta.items() if key != "case"}
        _fail(pages.meta_problems(meta, doc, shown, allowed) or
              [Problem(shown, 1, "the page's title holds markup.", "write plain words.")])
    return markdown


@event_priority(100)  # first: every later hook sees the checked, sanitised HTML
def on_page_content(html, page, config, files):
    findings = html_policy.findings(html)
    # a heading's title in the table of contents is escaped text; Material prints it as HTML
    unsafe_toc = [item for item in _toc_items(page.toc.items) if "<" in item.title]
    if findings or unsafe_toc:
        shown, raw = _source(page, config)
        _front, body, body_line = yamlines.split_front_matter(raw)
        problems = markdown_checks.policy_problems(html, body, body_line, shown)
        problems += [Problem(shown, html_policy.locate((item.title,), body, body_line), "a heading holds markup.", "write the heading in plain words.")
                     for item in unsafe_toc]
        _fail(problems or [Problem(shown, body_line, "the page holds HTML outside the allow-list.", "see README: what contributed content may contain.")])
    return html_policy.sanitize(html)


def _toc_items(items) -> list:
    out: list[AnchorLink] = []
    for item in items:
        out.append(item)
        out += _toc_items(item.children)
    return out


def on_env(env, config, files):
    """Autoescape for the templates of overrides/ (ours), not for Material's own. (Jinja asks
    for every template it renders, includes too: the answer is a set lookup.)"""
    ours = frozenset(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*") if path.suffix in (".html", ".xml"))
    env.autoescape = ours.__contains__
    return env


@event_priority(-500)  # last: the policy hashes the page's final inline scripts
def on_post_page(output, page, config):
    return csp.add(output, preview=build.run["command"] == "serve", wasm=bool(page.meta.get("search_page")))


@event_priority(60)  # before not_found.py (0) keeps its copy of the 404 page
def on_post_template(output, template_name, config):
    if template_name == "404.html":
        return csp.add(output, preview=build.run["command"] == "serve")
    return output
