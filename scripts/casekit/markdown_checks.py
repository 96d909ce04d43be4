"""What a reviewer checks in the prose of a page, read on its rendered HTML (never its lines):
everything html_policy does not admit, and links and images whose target does not exist."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, process
from selectolax.lexbor import LexborHTMLParser

from . import html_policy
from .messages import _
from .problems import Problem


def policy_problems(html: str, source: str, first_line: int, shown: str) -> list:
    """One problem per thing in ``html`` the allow-list does not admit, at the line of
    ``source`` (the Markdown it was rendered from, starting at ``first_line``)."""
    out = []
    for finding in html_policy.findings(html):
        line = html_policy.locate(finding.needles, source, first_line)
        problem = Problem(shown, line, finding.message, finding.hint)
        if problem not in out:
            out.append(problem)
    return out


def target_problems(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    """Relative links and images of ``html`` (rendered from the file at ``path``) that lead
    to no file under ``docs_dir``."""
    out = []
    folder = Path(path).parent
    docs_dir = Path(docs_dir).resolve()
    for node in LexborHTMLParser(html).css("a[href], img[src]"):
        is_image = node.tag == "img"
        target = (node.attributes.get("src" if is_image else "href") or "").strip()
        parts = urlsplit(target) if "\\" not in target else None
        if not target or target.startswith("#") or parts is None or parts.scheme or parts.netloc or html_policy.link_problem(target, node.tag):
            continue
        rel = unquote(parts.path)
        if not rel:
            continue
        resolved = (folder / rel).resolve()
        if rel.endswith("/") or resolved.is_dir():
            ok = resolved.is_dir() and any(resolved.glob("index*.md"))
        else:
            ok = resolved.is_file()
        try:
            resolved.relative_to(docs_dir)
        except ValueError:
            ok = False
        if not ok:
            if is_image:
                message, hint = _("the image target '{target}' does not exist.", target=target), _("point it at a file next to this one.")
            else:
                message = _("the link target '{target}' does not exist.", target=target)
                closest = _closest_case(resolved, docs_dir, target)
                hint = (_("did you mean {target}?", target=closest) if closest else
                        _("link to another case as ../<slug>/index.md, or to a page under docs/."))
            problem = Problem(shown, html_policy.locate((target,), source, first_line), message, hint)
            if problem not in out:
                out.append(problem)
    return out


def _closest_case(resolved: Path, docs_dir: Path, target: str) -> str | None:
    """``target`` with the name of the case it most likely means, when it leads into a case
    folder that does not exist (a misspelt slug); else None."""
    cases = docs_dir / "cases"
    try:
        slug = resolved.relative_to(cases).parts[0]
    except (ValueError, IndexError):
        return None
    if (cases / slug).is_dir() or slug not in target:
        return None
    slugs = [p.name for p in cases.iterdir() if p.is_dir() and not p.name.startswith(".")]
    found = process.extractOne(slug, slugs, scorer=fuzz.ratio, score_cutoff=70)
    if not found:
        return None
    head, _sep, tail = target.rpartition(slug)
    return head + found[0] + tail


def check(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    return policy_problems(html, source, first_line, shown) + target_problems(html, source, first_line, path, shown, docs_dir)
