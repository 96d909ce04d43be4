"""The pages under docs/ that are not cases (home, catalogue, tag index, contribute, …): their
front matter holds a title, which they must declare, and nothing else; their prose is held to
the same allow-list as a case's."""
from __future__ import annotations

from pathlib import Path

from . import html_policy, layout, markdown_checks, markdown_shape, textfile, yamlines
from .messages import _
from .problems import Problem, display_path

META_KEYS = ("title",)


def files(docs_dir: Path, languages) -> list:
    """The page files under ``docs_dir`` (not the cases' own texts)."""
    docs_dir = Path(docs_dir)
    names = layout.text_names(languages)
    found = [docs_dir / name for name in sorted(names)]
    for folder in sorted(p for p in docs_dir.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")):
        found += [folder / name for name in sorted(names)]
    return [path for path in found if path.is_file() and not path.is_symlink()]


def meta_problems(meta: dict, doc, shown: str, allowed=META_KEYS) -> list:
    out = []
    for key, value in meta.items():
        line = doc.line((key,)) if doc is not None else 1
        if key not in allowed:
            out.append(Problem(shown, line, _("'{key}' is not a setting a page may have.", key=key),
                               _("remove it; a page's front matter holds {keys} only.", keys=", ".join(allowed))))
        elif not isinstance(value, str):
            out.append(Problem(shown, line, _("'{key}' must be text.", key=key), _("write {key}: followed by the words on the same line.", key=key)))
        elif html_policy.plain_text_problem(value):
            out.append(Problem(shown, line, html_policy.plain_text_problem(value, f"'{key}'"), _("write plain words.")))
    return out


def title_problem(meta: dict, shown: str) -> list:
    """A page outside the cases must declare its title: without one MkDocs takes it from the
    first heading, after the front matter was checked, and themes print it unescaped."""
    title = meta.get("title")
    if title is not None and (not isinstance(title, str) or title.strip()):
        return []  # a title that is not text has its own problem (meta_problems)
    return [Problem(shown, 1, _("the page has no title in its front matter."),
                    _("add a line title: followed by the page's title in plain words between the --- lines, as the other pages do."))]


def printed_title_problem(title: str, shown: str) -> list:
    """The problem of ``title`` as the build has it once MkDocs derived it, if it is not plain text."""
    problem = html_policy.plain_text_problem(title, _("the page's title"))
    return [Problem(shown, 1, problem, _("write title: and the page's title in plain words in the front matter."))] if problem else []


def front_matter_problems(raw: str, shown: str) -> tuple:
    """(whether the front matter could be read, its problems) for a page whose file holds
    ``raw``, read with our loader (no aliases, no key twice, only title, as plain text): the
    validator and the build (before MkDocs reads it with its own) check every page with this."""
    front, _body, _line = yamlines.split_front_matter(raw)
    if front is None and yamlines.opens_front_matter(raw):
        return False, [Problem(shown, 1, _("the front matter that starts on line 1 is not closed."),
                               _("end it with a line of three dashes, ---, after the title: line (see the other pages)."))]
    if front is None:
        return False, [Problem(shown, 1, _("the page has no front matter."), _("start the file with ---, then a title: line, then --- (see the other pages)."))]
    try:
        doc = yamlines.load(front, first_line=2)
    except yamlines.YamlSyntaxError as exc:
        return False, [yamlines.syntax_problem(shown, exc, _("the front matter"))]
    if not isinstance(doc.data, dict):
        return False, [Problem(shown, 2, _("the front matter must be key: value lines."), _("write title: followed by the page's title."))]
    found = yamlines.text_problem(doc.data, doc)
    invisible = [Problem(shown, found[0], found[1], textfile.INVISIBLE_HINT)] if found else []
    return True, invisible + meta_problems(doc.data, doc, shown)


def check(path: Path, docs_dir: Path, render, root=None) -> list:
    shown = display_path(path, root)
    try:
        raw = textfile.read(path)
    except textfile.ContentError as exc:
        return [Problem(shown, exc.line, exc.message, exc.hint)]
    readable, problems = front_matter_problems(raw, shown)
    if not readable:
        return problems
    front, body, body_line = yamlines.split_front_matter(raw)
    problems += title_problem(yamlines.load(front, first_line=2).data, shown)
    return problems + (markdown_shape.problems(body, body_line, shown) or markdown_checks.check(render(body), body, body_line, path, shown, docs_dir))


def problems(docs_dir: Path, languages, render, root=None) -> list:
    out = []
    for path in files(docs_dir, languages):
        out += check(path, docs_dir, render, root)
    return out
