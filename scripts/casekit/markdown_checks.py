"""What a reviewer checks in the prose of a page, read on its rendered HTML (never its lines):
everything html_policy does not admit, and links and images whose target does not exist
(casekit/links.py)."""
from __future__ import annotations

from pathlib import Path

from . import html_policy
from .links import target_problems
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


def check(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    return policy_problems(html, source, first_line, shown) + target_problems(html, source, first_line, path, shown, docs_dir)
