"""The headings of a Markdown text, found as Python-Markdown (MkDocs' renderer) finds them, in
one pass over its lines with string operations (no backtracking pattern: a contributed line of
any length is read in time proportional to it).

What counts, as Python-Markdown 3 reads it:
- `#` to `######` at the start of a line, anywhere in a paragraph: a heading of that level,
  with or without a space after the hashes (`#Title` too); closing hashes are dropped;
- a line under which the next line is only `=` or only `-` (and spaces), at the start of a block:
  a heading of level 1 (`=`) or 2 (`-`), a "setext" heading;
- a line that starts with `<h1` written as HTML: the page's heading of level 1 all the same;
- the same in a quote (`> # …`) or an item of a list (`- # …`).
Not: lines in a fenced code block (``` or ~~~ closed by the same fence), in an indented code
block, or in an HTML comment.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # as written, without the hashes and the spaces around it
    line: int  # the file line it stands on
    markup: str  # how it is written: "#", "##", … or "===", "---" under its line, or "<h1>"

    def shown(self) -> str:
        """The heading as a contributor would write it: '## Results'."""
        return f"{'#' * self.level} {self.title}"


def _fence(line: str) -> str | None:
    """The fence (``` or ~~~, three or more) that ``line`` opens a code block with, or None."""
    char = line[:1]
    if char not in ("`", "~"):
        return None
    fence = line[: len(line) - len(line.lstrip(char))]
    return fence if len(fence) >= 3 else None


def _underline(line: str) -> str | None:
    """'=' or '-' when ``line`` underlines the line above as a heading, else None."""
    text = line.rstrip(" ")
    if text and not text.strip(text[0]) and text[0] in "=-":  # one kind of character
        return text[0]
    return None


def _rule(line: str) -> bool:
    """Whether ``line`` is a horizontal rule: three or more -, _ or * (one kind), spaces between."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or not text:
        return False
    squeezed = text.replace(" ", "")
    return len(squeezed) >= 3 and squeezed[0] in "-_*" and not squeezed.strip(squeezed[0])


def _item(line: str) -> int | None:
    """The length of the list marker ('- ', '* ', '+ ', '1. ' and the spaces after it) that
    starts ``line`` (after at most three spaces), else None."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3:
        return None
    if text[:1] in ("-", "*", "+"):
        marker = 1
    else:
        digits = len(text) - len(text.lstrip("0123456789"))
        marker = digits + 1 if digits and text[digits: digits + 1] == "." else 0
    if not marker or text[marker: marker + 1] not in (" ", "\t"):
        return None
    return len(line) - len(text[marker:].lstrip(" \t"))


def _inside(line: str, listed: bool) -> str:
    """``line`` without the quote marks ('>') and, in a list, the list markers it starts with:
    what a heading in a quote or a list item starts with."""
    while True:
        text = line.lstrip(" ")
        if text[:1] == ">" and len(line) - len(text) <= 3:
            line = text[2:] if text[1:2] == " " else text[1:]
        elif listed and (length := _item(line)) is not None:
            line = line[length:]
        else:
            return line


def _atx(line: str) -> tuple:
    """(level, title) of a line that starts with '#'."""
    level = min(len(line) - len(line.lstrip("#")), 6)
    header = line[level:]
    stripped = header.rstrip("#")
    if stripped != header and (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        stripped += "#"  # an escaped hash is text
    return level, stripped.strip()


def _closing_fences(lines: list) -> dict:
    """For each fence, the sorted indexes of the lines that could close it."""
    out: dict = {}
    for index, line in enumerate(lines):
        fence = _fence(line)
        if fence is not None and not line[len(fence):].strip(" "):
            out.setdefault(fence, []).append(index)
    return out


def _closed_at(line: str, index: int, closers: dict) -> int | None:
    """The index of the line that closes the fence ``line`` opens, or None (no fence, or one
    nothing closes: then it is text)."""
    fence = _fence(line)
    ends = closers.get(fence, []) if fence else []
    after = bisect.bisect_right(ends, index)
    return ends[after] if after < len(ends) else None


def find(body: str, first_line: int) -> list:
    """The headings of ``body`` (a Markdown text whose first line is file line ``first_line``)."""
    lines = body.expandtabs(4).split("\n")  # as Python-Markdown reads tabs
    closers = _closing_fences(lines)
    out: list = []
    block_start = True  # the line is the first of a block (after a blank line, a heading, a fence)
    in_comment = in_code = listed = False  # listed: in a list, whose items hold blocks of their own
    index = 0
    while index < len(lines):
        line = lines[index]
        blank = not line.strip(" \t") and (index > 0 or not line)  # as Python-Markdown blanks lines of spaces
        if in_code and not blank and not line.startswith(("    ", "\t")):
            in_code, block_start = False, True  # the code block ends at a line that is not indented
        if not in_comment and line[:1].isalpha() and not (block_start and index + 1 < len(lines) and _underline(lines[index + 1])):
            block_start = False  # prose (the most common line): no heading starts here
            index += 1
            continue
        if in_comment:
            in_comment = "-->" not in line
            block_start = not in_comment
        elif blank:
            block_start, in_code = True, False
            listed = listed and index + 1 < len(lines) and lines[index + 1].startswith((" ", "\t"))
        elif in_code:
            pass
        elif (end := _closed_at(line, index, closers)) is not None:  # a fenced code block
            index, block_start = end + 1, True
            continue
        elif block_start and line.startswith(("    ", "\t")):
            in_code = True  # an indented code block, to the next blank line
        elif line.startswith("#"):
            level, title = _atx(line)
            out.append(Heading(level, title, first_line + index, "#" * level))
            block_start = True
        elif block_start and index + 1 < len(lines) and (mark := _underline(lines[index + 1])):
            out.append(Heading(1 if mark == "=" else 2, line.strip(), first_line + index, "===" if mark == "=" else "---"))
            index, block_start = index + 2, True
            continue
        elif _rule(line):
            block_start = True  # a horizontal rule ends the block it stands in
        elif (inner := _inside(line, listed or (block_start and _item(line) is not None))).startswith("#"):
            level, title = _atx(inner)
            out.append(Heading(level, title, first_line + index, "#" * level))
            listed = listed or (block_start and inner != line and not line.lstrip(" ").startswith(">"))
            block_start = True
        elif block_start and _item(line) is not None:
            listed, block_start = True, False
        elif block_start and line.startswith("<!--"):
            in_comment = "-->" not in line[4:]
            block_start = not in_comment
        elif block_start and line[:3].lower() == "<h1" and line[3:4] in (">", " ", "\t", ""):
            out.append(Heading(1, line, first_line + index, "<h1>"))
            block_start = False
        else:
            block_start = False
        index += 1
    return out


def without_comments(text: str) -> str:
    """``text`` without its HTML comments (an unclosed one runs to the end)."""
    out, start = [], 0
    while (opening := text.find("<!--", start)) >= 0:
        out.append(text[start:opening])
        closing = text.find("-->", opening + 4)
        if closing < 0:
            return "".join(out)
        start = closing + 3
    out.append(text[start:])
    return "".join(out)
