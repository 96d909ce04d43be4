"""Reading contributed text files: bytes to text with a clear error, and characters checked.

A contributed file may be in any encoding, binary, huge, or carry invisible characters that
change how text reads (bidirectional overrides) or break the tools after us (control
characters). Every reader of contributed files goes through ``read``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .messages import Number, _

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
            raise ContentError(1, _("the file is {size} KB; the limit is {limit} KB.", size=Number(size // 1024), limit=Number(limit // 1024)),
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


# Unicode's default-ignorable code points (DerivedCoreProperties.txt, Unicode 15): characters
# that show nothing. In a title, name or label they hide a difference a reader cannot see (two
# tags that look the same, a name that searches do not find, text smuggled in tag characters).
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in DEFAULT_IGNORABLE) + "]")
# The scripts whose letters join or not as the writer says with U+200C (zero width non-joiner)
# and U+200D (zero width joiner): Persian, Urdu and the Indic scripts need them in ordinary words.
JOINING_SCRIPTS = frozenset({
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA",
    "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "KHMER", "MYANMAR", "TIBETAN",
})
# Marks that set the direction of neutral characters (U+200E, U+200F, U+061C): right-to-left text
# needs them, and they hide nothing.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")


def _joining_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" and unicodedata.name(char, "").split(" ", 1)[0] in JOINING_SCRIPTS


def _emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or 0x1F3FB <= ord(char) <= 0x1F3FF


def invisible_in_name(text: str) -> str | None:
    """The first default-ignorable character of ``text`` (a title, name or label) that is not
    one of the exceptions, or None. Allowed: the direction marks; U+200C and U+200D between two
    letters of a script that needs them (JOINING_SCRIPTS), and U+200D between two emoji (👩‍🌾);
    a variation selector (U+FE0E, U+FE0F) after an emoji or symbol, a Mongolian one after a
    Mongolian letter. Refused: the rest (zero width space, word joiner, tag characters, Hangul
    fillers, soft hyphen, invisible operators …)."""
    for found in _IGNORABLE.finditer(text):
        char, index = found.group(0), found.start()
        before, after = text[index - 1: index], text[index + 1: index + 2]
        if char in DIRECTION_MARKS:
            continue
        if char in "\u200c\u200d" and before and after and _joining_letter(before) and _joining_letter(after):
            continue
        if char == "\u200d" and before and after and (_emoji(before) or unicodedata.category(before) == "Mn") and _emoji(after):
            continue
        if "\ufe00" <= char <= "\ufe0f" and before and unicodedata.category(before) in ("So", "Sm", "Sk", "Nd", "Po"):
            continue
        if "\u180b" <= char <= "\u180d" and before and unicodedata.name(before, "").startswith("MONGOLIAN"):
            continue
        return char
    return None


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
