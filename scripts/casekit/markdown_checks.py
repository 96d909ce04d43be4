"""What a reviewer checks in the prose of a page, read on its rendered HTML (never its lines):
everything html_policy does not admit, and links and images whose target does not exist."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, process
from selectolax.lexbor import LexborHTMLParser

from . import html_policy
from .messages import _, _n
from .problems import Problem

# Problems of one kind reported for one file: a contributor acts on the first ones, and a file
# built to produce tens of thousands would otherwise keep the checks busy for minutes.
MAX_REPORTED = 100


def policy_problems(html: str, source: str, first_line: int, shown: str) -> list:
    """One problem per thing in ``html`` the allow-list does not admit, at the line of
    ``source`` (the Markdown it was rendered from, starting at ``first_line``); past
    MAX_REPORTED, one problem that counts the rest. Time linear in the size of ``html``."""
    locate = html_policy.Locator(source, first_line)
    out: dict = {}
    findings = html_policy.findings(html)
    for index, finding in enumerate(findings):
        if len(out) == MAX_REPORTED:
            more = _n("and {count} more thing outside the allow-list in this file.", "and {count} more things outside the allow-list in this file.",
                      len(findings) - index)
            return _capped(list(out), more)
        out.setdefault(Problem(shown, locate(finding.needles), finding.message, finding.hint), None)
    return list(out)


def _capped(problems: list, more) -> list:
    """``problems`` and one more, at the line of the last, that says ``more`` were left out."""
    last = problems[-1]
    return problems + [Problem(last.path, last.line, more, _("fix the ones above first; the check lists the rest once they are gone."))]


def target_problems(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    """Relative links and images of ``html`` (rendered from the file at ``path``) that lead
    to no file under ``docs_dir``."""
    out: dict = {}
    locate = html_policy.Locator(source, first_line)
    folder = os.path.realpath(Path(path).parent)  # below it no link is allowed (layout.py): paths are joined, not resolved
    docs_dir = Path(docs_dir).resolve()
    below_docs = os.path.join(str(docs_dir), "")
    more = 0  # past MAX_REPORTED: counted, not located
    for node in LexborHTMLParser(html).css("a[href], img[src]"):
        is_image = node.tag == "img"
        target = (node.attributes.get("src" if is_image else "href") or "").strip()
        if not target or target.startswith("#") or "\\" in target or html_policy.link_problem(target, node.tag):
            continue  # a target link_problem refuses (or that urlsplit cannot read) is reported by policy_problems
        parts = urlsplit(target)
        rel = unquote(parts.path)
        if parts.scheme or parts.netloc or not rel:
            continue
        resolved = os.path.normpath(os.path.join(folder, rel))
        if rel.endswith("/") or os.path.isdir(resolved):
            ok = os.path.isdir(resolved) and any(Path(resolved).glob("index*.md"))
        else:
            ok = os.path.isfile(resolved)
        ok = ok and resolved.startswith(below_docs)
        resolved = Path(resolved)
        if not ok and len(out) >= MAX_REPORTED:
            more += 1
        elif not ok:
            if is_image:
                message, hint = _("the image target '{target}' does not exist.", target=target), _("point it at a file next to this one.")
            else:
                message = _("the link target '{target}' does not exist.", target=target)
                closest = _closest_case(resolved, docs_dir, target)
                hint = (_("did you mean {target}?", target=closest) if closest else
                        _("link to another case as ../<slug>/index.md, or to a page under docs/."))
            out.setdefault(Problem(shown, locate((target,)), message, hint), None)
    if more:
        return _capped(list(out), _n("and {count} more link or image whose target does not exist.", "and {count} more links or images whose target does not exist.", more))
    return list(out)


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
