"""Problems found in contributed files, each reported as one line a contributor can act on."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as given to the reader: relative to the repository where possible
    line: int
    message: str
    hint: str = ""
    level: str = "error"  # or "warning": reported, but the case is published

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.level}: {self.message}"
        if self.hint:
            text += f" Fix: {self.hint}"
        return visible(text)


def visible(text: str) -> str:
    """``text`` on one line: characters that do not print (a newline in a file name) as escapes."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def display_path(path, root=None) -> str:
    """``path`` relative to ``root`` (or the working directory) when it lies below it."""
    path = os.path.abspath(path)
    base = os.path.abspath(root or os.getcwd())
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # other drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def report(problems) -> str:
    """All problems, one a line, then a count."""
    problems = sorted(problems)
    lines = [p.format() for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found.")
    return "\n".join(lines)
