"""Problems found in contributed files, each reported as one line a contributor can act on.

A problem's message and fix are messages (casekit.messages): they read in English, and
``format`` and ``report`` say them in the language they are given."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .messages import ENGLISH, Language, _, _n


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as given to the reader: relative to the repository where possible
    line: int
    message: str
    hint: str = ""
    level: str = "error"  # or "warning": reported, but the case is published

    def format(self, language: Language = ENGLISH) -> str:
        """``path:line: error: message Fix: hint``, in ``language`` (English unless given)."""
        say = language.say
        if self.level == "error":
            text = say(_("{path}:{line}: error: {message}", path=self.path, line=self.line, message=say(self.message)))
        else:
            text = say(_("{path}:{line}: warning: {message}", path=self.path, line=self.line, message=say(self.message)))
        if self.hint:
            text = say(_("{problem} Fix: {hint}", problem=text, hint=say(self.hint)))
        return visible(text)


# Problems of one kind reported for one file: a contributor acts on the first ones, and a file
# built to produce tens of thousands would otherwise keep the checks busy for minutes.
MAX_REPORTED = 100


def capped(problems: list, more) -> list:
    """``problems`` and one more, at the line of the last, that says ``more`` were left out."""
    last = problems[-1]
    return problems + [Problem(last.path, last.line, more, _("fix the ones above first; the check lists the rest once they are gone."))]


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


def report(problems, language: Language = ENGLISH) -> str:
    """All problems, one a line, then a count, in ``language``."""
    problems = sorted(problems)
    lines = [p.format(language) for p in problems]
    lines.append(language.say(_n("{count} problem found.", "{count} problems found.", len(problems))))
    return "\n".join(lines)
