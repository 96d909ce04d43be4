"""Load contributed YAML safely and remember which line each key or list item stands on.

Contributed YAML is untrusted: aliases are refused before anything is built from them (an
alias "bomb" expands a few lines into gigabytes, a recursive alias never ends), a key
written twice is an error rather than silently the last value, and every key is text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import fact_forms, textfile
from .messages import Message, _
from .problems import Problem

try:  # the C loader is several times faster; fall back to pure Python
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """Safe loader that keeps dates as text ("2013-10", "2026-11-24")."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class YamlSyntaxError(ValueError):
    """YAML that cannot be read: the line where that shows, and why in plain words."""

    def __init__(self, line: int, message: Message | str, hint: Message | str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class Located:
    """A YAML document with the 1-based line of every path in it."""

    data: object
    lines: dict = field(default_factory=dict)
    first_line: int = 1

    def line(self, path) -> int:
        """The line of ``path`` (a tuple of keys and indexes), or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


ALIAS_MESSAGE = _("aliases (*name) are not allowed here; write the value out")
ALIAS_HINT = _("write the value in full where the alias stands, and remove the &name anchor.")
# Deepest nesting of lists and mappings a contributed file may use (a case needs three): deeper
# would only exhaust the recursion of the checks after the loader.
MAX_DEPTH = 20
# Longest whole number a contributed file may write, in characters (signs, underscores and the
# 0x prefix included): Python refuses to print an integer of more than 4,300 digits.
MAX_NUMBER = 30
_INT = "tag:yaml.org,2002:int"
_STR = "tag:yaml.org,2002:str"


def _walk(node, path, lines, offset, visited, line):
    """Record the line of every key and item below ``node``; YamlSyntaxError at the first alias
    (a node met a second time: an alias "bomb" or a recursive alias is refused after reading
    each node once, before anything is built from it), key written twice, key that is not
    a name, nesting deeper than MAX_DEPTH or number longer than MAX_NUMBER characters."""
    if id(node) in visited:
        raise YamlSyntaxError(line, ALIAS_MESSAGE, ALIAS_HINT)
    visited.add(id(node))
    if len(path) > MAX_DEPTH:
        raise YamlSyntaxError(node.start_mark.line + 1 + offset, _("lists or mappings are nested more than {depth} levels deep here", depth=MAX_DEPTH),
                              _("write the value flat: a case needs no more than three levels."))
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT and len(node.value) > MAX_NUMBER:
        raise YamlSyntaxError(node.start_mark.line + 1 + offset, _("a number of {count} characters is too long", count=len(node.value)),
                              _("write a number of at most {limit} digits, or put the text in quotes.", limit=MAX_NUMBER))
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        previous = None  # the entry before, to explain a number a comma split in two ({people: 3,400})
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            split = _split_number(previous, key_node, value_node)
            if split:
                key, written, number, bound = split
                raise YamlSyntaxError(line, _("the number {written} is read as two entries: the comma ends the first", written=written),
                                      _("write numbers without separators: {key}: {{{bound}: {number}}}", key=key, bound=bound, number=number)
                                      if bound else _("write numbers without separators: {key}: {number}", key=key, number=number))
            previous = (key_node, value_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise YamlSyntaxError(line, _("the key {key} is not a name: keys are words such as title or tags", key=repr(key_node.value))
                                      if isinstance(key_node, yaml.ScalarNode) else _("a key here is a list or mapping, not a name"))
            key = key_node.value
            if key in seen:
                raise YamlSyntaxError(line, _("the key '{key}' is written twice (first on line {first}); only one can count", key=key, first=seen[key]))
            seen[key] = line
            lines.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), lines, offset, visited, line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if id(item) in visited:  # an alias: its node's mark is the anchor's, so name the list's line
                raise YamlSyntaxError(line, ALIAS_MESSAGE, ALIAS_HINT)
            item_line = item.start_mark.line + 1 + offset
            lines.setdefault(path + (index,), item_line)
            _walk(item, path + (index,), lines, offset, visited, item_line)


def _split_number(previous, key_node, value_node):
    """(the key, the number as written, the number, "about", "more_than" or None) when
    ``key_node`` is the digits after a comma that ended the number of the entry before
    (``{people: 3,400}`` reads as ``{people: 3, 400: null}``; ``{people: about 3,400}`` as
    ``{people: about 3, 400: null}``: an approximate figure, casekit.fact_forms); else None."""
    if previous is None or not isinstance(key_node, yaml.ScalarNode):
        return None
    after = key_node.value  # the digits after the comma, and maybe words ({people: 3,400 households})
    if not ((key_node.tag == _INT and after.isdigit()) or (key_node.tag == _STR and re.fullmatch(r"\d{3}(?:\s.*)?", after))):
        return None
    before_key, before = previous
    if not (isinstance(before, yaml.ScalarNode) and isinstance(before_key, yaml.ScalarNode)):
        return None
    if not (isinstance(value_node, yaml.ScalarNode) and value_node.value == ""):
        return None
    if before.tag == _INT and before.value.isdigit() and after.isdigit():
        return before_key.value, f"{before.value},{after}", int(before.value + after), None
    if re.search(r"(?<![\d.,])\d{1,3}$", before.value) and re.match(r"\d{3}(?!\d)", after):
        found = fact_forms.number(f"{before.value},{after}")
        if found:
            return before_key.value, f"{before.value},{after}", found[0], found[1]
    return None


def load(text: str, first_line: int = 1) -> Located:
    """Parse ``text``; ``first_line`` is the file line that the text's first line stands on."""
    offset = first_line - 1
    loader = _Loader(text)
    lines: dict = {}
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), lines, offset, set(), first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        line, message, hint = explain(exc, text, offset)
        raise YamlSyntaxError(line, message, hint) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(first_line, _("the YAML reader says: {reason}", reason=str(exc).strip())) from None
    finally:
        loader.dispose()
    return Located(data, lines, first_line)


def _tab(text: str, line: int, column: int):
    """(line, column), 0-based, of the tab that stops the YAML reader at ``line``, ``column``:
    the one it points at, or one in the indentation of that line; None when there is none."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    here = lines[line]
    if column < len(here) and here[column] == "\t":
        return line, column
    indent = len(here) - len(here.lstrip(" \t"))
    if "\t" in here[:max(indent, column)]:
        return line, here.index("\t")
    return None


# What libyaml (or PyYAML) says, in its words, and what a contributor reads instead.
_REASONS = (
    ("mapping values are not allowed", lambda opened: _("': ' can only follow a key; put a text that contains ': ' in double "
                                                        "quotes, or check the indentation")),
    ("expected ',' or ']'", lambda opened: _("the list opened with [ here is not closed with ]")),
    ("expected ',' or '}'", lambda opened: _("the mapping opened with {{ here is not closed with }}")),
    ("while scanning a quoted scalar", lambda opened: _("the quotation marks opened here are not closed")),
    ("could not find expected ':'", lambda opened: _("a line is neither 'key: value' nor a list item ('- value')")),
    ("expected '-' indicator", lambda opened: _("the list that starts on line {opened} goes on with a line that is not an item "
                                                 "('- value'), or the indentation is off", opened=opened)),
    ("expected <block end>", lambda opened: _("the list that starts on line {opened} goes on with a line that is not an item "
                                              "('- value'), or the indentation is off", opened=opened)),
    ("did not find expected key", lambda opened: _("a line is not indented like the lines around it")),
    ("expected node content", lambda opened: _("a value is missing here: check for a [ or {{ that is not closed, or a '-' or ':' with nothing after it")),
    ("unknown escape character", lambda opened: _("a backslash in double quotes starts an escape YAML does not know; "
                                                  "write \\\\ for a backslash, or use single quotes")),
    ("cannot start any token", lambda opened: _("a value starts with a character YAML reserves (such as @, ` or %); "
                                                "put the value in double quotes")),
    ("exceeded maximum nesting depth", lambda opened: _("lists or mappings are nested more than {depth} levels deep here", depth=MAX_DEPTH)),
    ("found another document", lambda opened: _("the text holds a second document (a line '---'); a file holds one")),
)

_AT_OPENING = frozenset({"expected ',' or ']'", "expected ',' or '}'", "while scanning a quoted scalar"})


def explain(exc: yaml.MarkedYAMLError, text: str, offset: int = 0) -> tuple:
    """(file line, message in plain words, fix or "") for a YAML error in ``text`` (whose first line is
    file line ``offset + 1``). A tab is named as the cause wherever it stops the reader."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    tab = _tab(text, line, mark.column) if mark else None
    if tab is None and "tab" in f"{exc.problem} {exc.context}":
        tab = _tab(text, line, 0) or (line, max(mark.column, 0))
    if tab is not None:
        return (tab[0] + 1 + offset, _("a tab character at line {line} column {column}; YAML needs spaces",
                                       line=tab[0] + 1 + offset, column=tab[1] + 1),
                _("replace the tab with spaces (two per level of indentation)."))
    said = f"{exc.context or ''} {exc.problem or ''}"
    opened = (exc.context_mark.line if exc.context_mark else line) + 1 + offset
    for words, message in _REASONS:
        if words in said:  # an unclosed bracket or quote is named where it opens
            return (opened if words in _AT_OPENING else line + 1 + offset), message(opened), ""
    return line + 1 + offset, _("the YAML reader says: {reason}", reason=(exc.problem or str(exc)).strip()), ""


# MkDocs' own rule for YAML front matter (mkdocs.utils.meta.YAML_RE, MkDocs 1.6), so that what
# the checks read is what the build uses; tests/test_untrusted.py compares the two.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def opens_front_matter(text: str) -> bool:
    """Whether ``text`` starts a front matter (a line of three dashes) that split_front_matter
    found no end for: its closing --- line is missing."""
    first = text.split("\n", 1)[0]
    return first.rstrip(" \t") == "---" and FRONT_MATTER.match(text) is None


def split_front_matter(text: str):
    """Split a Markdown file into (front matter text or None, body, line the body starts on),
    by the rule MkDocs uses."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    rest = text[match.end():]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, match.end()) + (len(rest) - len(body)) + 1
    return match.group(1), body, body_line


def text_problem(data, doc: Located, path=()):
    """(line, message) for the first text value in ``data`` that holds a forbidden character
    (one written as an escape such as "\\u202e") or an invisible one (a title, name or label is
    short text that a reader sees once: textfile.invisible_in_name), else None."""
    if isinstance(data, str):
        char = textfile.bad_character(data) or textfile.invisible_in_name(data)
        return (doc.line(path), _("the text holds the invisible character {character}.", character=textfile.describe(char))) if char else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = text_problem(value, doc, path + (key,))
        if found:
            return found
    return None


def syntax_problem(shown: str, error: YamlSyntaxError, what: str) -> Problem:
    """The problem a contributor sees for YAML that cannot be parsed; ``what`` names the file
    or part ("case.yml", "the front matter")."""
    hint = error.hint or _("check indentation, and put text containing ': ' in double quotes.")
    return Problem(shown, error.line, _("{what} cannot be read as YAML: {reason}.", what=what, reason=error.message), hint)


def read_file(path: Path, shown: str, what: str):
    """(Located document, []) for a contributed YAML file, or (None, [problem])."""
    try:
        doc = load(textfile.read(path))
    except textfile.ContentError as exc:
        return None, [Problem(shown, exc.line, exc.message, exc.hint)]
    except YamlSyntaxError as exc:
        return None, [syntax_problem(shown, exc, what)]
    found = text_problem(doc.data, doc)
    if found:
        return None, [Problem(shown, found[0], found[1], textfile.INVISIBLE_HINT)]
    return doc, []
