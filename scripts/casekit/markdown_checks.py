"""What a reviewer checks in the prose of a page, read on its rendered HTML (never its lines):
everything html_policy does not admit, and links and images whose target does not exist."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from . import html_policy
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
            kind = "image" if is_image else "link"
            hint = "point it at a file next to this one." if is_image else "link to another case as ../<slug>/index.md, or to a page under docs/."
            problem = Problem(shown, html_policy.locate((target,), source, first_line), f"the {kind} target '{target}' does not exist.", hint)
            if problem not in out:
                out.append(problem)
    return out


def check(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    return policy_problems(html, source, first_line, shown) + target_problems(html, source, first_line, path, shown, docs_dir)
