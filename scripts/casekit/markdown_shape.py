"""Shapes of Markdown that the renderer cannot take in bounded time, refused before it runs.

Python-Markdown (MkDocs' renderer) reads some texts in time that grows with the square or the
cube of their size, and recurses once per level of nesting: 8 KB of `[` keeps it busy for
minutes, lists or emphasis nested a thousand levels deep end in a RecursionError. A case's
prose needs none of that, so a contributed text is held to limits no real paragraph reaches,
checked here in one pass over its lines, by the validator and by the build before either
renders it (the build then gives MkDocs nothing of the page to render).
"""
from __future__ import annotations

import re

from .messages import Number, _
from .problems import Problem

MAX_BLOCK = 16_000  # characters of one block: a paragraph, a list or a table without a blank line
MAX_BRACKETS = 30  # [ in one paragraph or list item (a link or image takes one)
MAX_EMPHASIS = 100  # * and _ in one paragraph or list item
MAX_DEPTH = 12  # lists and quotes nested in each other, and indentation in steps of four columns
MAX_HEADINGS = 200  # lines that start with # or underline a heading (a case has a dozen)
# tags opened and never closed (a '<' and a letter, '/', '!' or '?' with no '>' before the next
# '<'): Python-Markdown reads on to the end of the text for each, so thousands of them (`<a/<a/…`)
# take minutes; real prose has none, or a few where it meant the sign
MAX_UNCLOSED = 50
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _is_item(line: str) -> bool:
    """Whether ``line`` starts an item of a list ('- ', '* ', '+ ', '1. ')."""
    text = line.lstrip(" ")
    if text[:1] in ("-", "*", "+"):
        return text[1:2] in (" ", "\t")
    digits = len(text) - len(text.lstrip("0123456789"))
    return bool(digits) and text[digits: digits + 1] == "." and text[digits + 1: digits + 2] in (" ", "\t")


def _depth(line: str) -> int:
    """How deep ``line`` nests: its quote marks and list markers at the start, and the
    indentation before them in steps of four columns (a tab is four)."""
    depth = columns = index = 0
    length = len(line)
    while index < length:
        char = line[index]
        if char in " \t" and depth:  # the space after a marker
            pass
        elif char == " ":
            columns += 1
        elif char == "\t":
            columns += 4
        elif char == ">":
            depth += 1
        elif char in "-*+" and line[index + 1: index + 2] in (" ", "\t"):
            depth += 1
        elif char.isdigit():
            end = index
            while end < length and line[end].isdigit():
                end += 1
            if line[end: end + 1] not in (".", ")") or line[end + 1: end + 2] not in (" ", "\t"):
                break
            depth, index = depth + 1, end + 1
            continue
        else:
            break
        index += 1
    return depth + columns // 4


# thirteen characters that could each open a level at the start of a line: a line without them
# cannot nest more than MAX_DEPTH levels
_DEEP = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_DEPTH + 1}}}", re.M)


def unclosed_tag(source: str) -> int | None:
    """The index in ``source`` of the tag that opens one more than MAX_UNCLOSED never closed;
    None when there are not so many. One pass: each stretch between two '<' is read once."""
    count = 0
    for match in _TAG_START.finditer(source):
        start = match.start()
        following = source.find("<", start + 1)
        if source.find(">", start + 1, len(source) if following == -1 else following) == -1:
            count += 1
            if count > MAX_UNCLOSED:
                return start
    return None


def within_limits(source: str) -> bool:
    """True when ``source`` cannot exceed the limits (the common case, decided without a pass
    over its lines)."""
    return (len(source) <= MAX_BLOCK and source.count("[") <= MAX_BRACKETS and source.count("<") <= MAX_UNCLOSED
            and source.count("*") + source.count("_") <= MAX_EMPHASIS and not _DEEP.search(source)
            and source.count("\n#") + source.count("\n=") + source.count("\n-") < MAX_HEADINGS)


def problems(source: str, first_line: int, shown: str) -> list:
    """The places where ``source`` (Markdown whose first line is file line ``first_line``)
    exceeds the limits above, one problem per block or line."""
    if within_limits(source):
        return []
    out: list = []
    unclosed = unclosed_tag(source)
    if unclosed is not None:
        out.append(Problem(shown, first_line + source.count("\n", 0, unclosed),
                           _("this text opens more than {limit} HTML tags it never closes ('<' and a letter with no '>' after it); here is one more.",
                             limit=MAX_UNCLOSED),
                           _("close each tag with '>', or write the sign < as &lt; (or as words).")))
    size = brackets = emphasis = 0
    start, listed = None, False  # the index of the first line of the current block
    lines = source.split("\n")

    def close(end: int) -> None:
        if start is None:
            return
        line = first_line + start
        if size > MAX_BLOCK:
            out.append(Problem(shown, line, _("this paragraph (or list, or table) is {count} characters long without a blank line; at most {limit}.",
                                             count=Number(size), limit=Number(MAX_BLOCK)),
                               _("split it with blank lines into paragraphs of a few sentences.")))
        if brackets > MAX_BRACKETS:
            out.append(Problem(shown, line, _("this paragraph holds {count} '[' characters; at most {limit} (a link or image takes one).",
                                             count=Number(brackets), limit=MAX_BRACKETS),
                               _("split it with blank lines, or write fewer links in it.")))
        if emphasis > MAX_EMPHASIS:
            out.append(Problem(shown, line, _("this paragraph holds {count} '*' and '_' characters; at most {limit}.",
                                             count=Number(emphasis), limit=MAX_EMPHASIS),
                               _("split it with blank lines, or emphasise fewer words.")))

    headings = 0
    for index, line in enumerate(lines):
        if line.startswith("#") or (line.strip(" ") and not line.strip(" ").strip(line[0]) and line[0] in "=-"):
            headings += 1
            if headings == MAX_HEADINGS + 1:
                out.append(Problem(shown, first_line + index, _("this is heading number {count}; a text may have at most {limit}.", count=headings, limit=MAX_HEADINGS),
                                   _("write fewer headings: a case has its four sections and a few headings inside them.")))
        if not line.strip():
            close(index)
            start, size, brackets, emphasis = None, 0, 0, 0
            continue
        if start is None:
            start, listed = index, _is_item(line)
        elif listed and _is_item(line):  # Python-Markdown renders each item of a list on its own
            close(index)
            start, size, brackets, emphasis = index, 0, 0, 0
        size += len(line) + 1
        brackets += line.count("[")
        emphasis += line.count("*") + line.count("_")
        depth = _depth(line)
        if depth > MAX_DEPTH:
            out.append(Problem(shown, first_line + index, _("this line is nested {count} levels deep (lists, quotes or indentation); at most {limit}.",
                                                          count=depth, limit=MAX_DEPTH),
                               _("write the list or quote flatter, and indent by at most {columns} spaces.", columns=4 * MAX_DEPTH)))
    close(len(lines))
    return out
