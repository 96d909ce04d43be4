"""What a reviewer checks in the prose of a page, read on its rendered HTML (never its lines):
everything html_policy does not admit, and links and images whose target does not exist
(casekit/links.py)."""
from __future__ import annotations

from pathlib import Path

from . import html_policy
from .links import target_problems
from .messages import _n
from .problems import MAX_REPORTED, Problem, capped


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
            return capped(list(out), more)
        out.setdefault(Problem(shown, locate(finding.needles), finding.message, finding.hint), None)
    return list(out)


def check(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    return policy_problems(html, source, first_line, shown) + target_problems(html, source, first_line, path, shown, docs_dir)
