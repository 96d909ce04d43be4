"""Reading contributed text files: bytes to text with a clear error, and characters checked.

A contributed file may be in any encoding, binary, huge, or carry invisible characters that
change how text reads (bidirectional overrides) or break the tools after us (control
characters). Every reader of contributed files goes through ``read``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .messages import _

# Largest file of each kind, in bytes: a case is read on phones and slow links, and a bigger
# file is a mistake (or an attack on the build) rather than a case.
LIMITS = {".md": 200 * 1024, ".yml": 256 * 1024}
DEFAULT_LIMIT = 200 * 1024
# Bidirectional embeddings, overrides and isolates: they reorder how text is shown, so that
# what a reviewer reads is not what the page says. (Marks such as U+200F stay allowed.)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class ContentError(ValueError):
    """A file that cannot be used, with the line where that shows (1 when the whole file)."""

    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def read(path: Path, limit: int | None = None) -> str:
    """The text of ``path`` (UTF-8, a byte-order mark allowed), or ContentError."""
    path = Path(path)
    limit = limit or LIMITS.get(path.suffix, DEFAULT_LIMIT)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ContentError(1, _("the file is {size} KB; the limit is {limit} KB.", size=size // 1024, limit=limit // 1024),
                               _("shorten it, or split what is not the case's own text into another case."))
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(1, _("the file cannot be read ({reason}).", reason=error.strerror or error),
                           _("check that it exists and is a plain file.")) from None
    return decode(data)


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(1, _("the file is saved as UTF-16."), _("save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)."))
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ContentError(line, _("the file holds binary data (a NUL byte), not text."), _("save it as plain UTF-8 text."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError(line, _("the file is not UTF-8 text (byte {byte} cannot be read).", byte=f"0x{data[error.start]:02x}"),
                           _("save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8).")) from None
    check_characters(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it (universal newlines)


INVISIBLE_HINT = _("delete it (retype the words around it): it can change how the text is shown or read.")
# Control characters (Unicode category Cc) other than tab and line ends, the bidi controls, the
# line and paragraph separators and a byte-order mark inside the text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def bad_character(text: str) -> str | None:
    """The first character of ``text`` that contributed text may not hold, or None."""
    found = _FORBIDDEN.search(text)
    return found.group(0) if found else None


def describe(char: str) -> str:
    """The code point and Unicode name of ``char``: U+202E (right-to-left override)."""
    name = unicodedata.name(char, "").lower() or (_("a control character") if unicodedata.category(char) == "Cc" else _("an invisible character"))
    return _("{code} ({name})", code=f"U+{ord(char):04X}", name=name)


def check_characters(text: str) -> None:
    """ContentError at the line of the first forbidden character of ``text``."""
    char = bad_character(text)
    if char is None:
        return
    index = text.index(char)
    line = text.count("\n", 0, index) + 1
    raise ContentError(line, _("the text holds the invisible character {character}.", character=describe(char)),
                       INVISIBLE_HINT)
