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

from . import textfile
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
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


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


ALIAS_MESSAGE = "aliases (*name) are not allowed here; write the value out"


def _walk(node, path, lines, offset, visited, line):
    """Record the line of every key and item below ``node``; YamlSyntaxError at the first alias
    (a node met a second time: an alias "bomb" or a recursive alias is refused after reading
    each node once, before anything is built from it), key written twice, or key that is not
    a name."""
    if id(node) in visited:
        raise YamlSyntaxError(line, ALIAS_MESSAGE)
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise YamlSyntaxError(line, f"the key {key_node.value!r} is not a name: keys are words such as title or tags" if isinstance(key_node, yaml.ScalarNode) else "a key here is a list or mapping, not a name")
            key = key_node.value
            if key in seen:
                raise YamlSyntaxError(line, f"the key '{key}' is written twice (first on line {seen[key]}); only one can count")
            seen[key] = line
            lines.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), lines, offset, visited, line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if id(item) in visited:  # an alias: its node's mark is the anchor's, so name the list's line
                raise YamlSyntaxError(line, ALIAS_MESSAGE)
            item_line = item.start_mark.line + 1 + offset
            lines.setdefault(path + (index,), item_line)
            _walk(item, path + (index,), lines, offset, visited, item_line)


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
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlSyntaxError(line, f"{exc.problem or exc}".strip()) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(first_line, str(exc)) from None
    finally:
        loader.dispose()
    return Located(data, lines, first_line)


# MkDocs' own rule for YAML front matter (mkdocs.utils.meta.YAML_RE, MkDocs 1.6), so that what
# the checks read is what the build uses; tests/test_untrusted.py compares the two.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


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
    (one written as an escape such as "\\u202e"), else None."""
    if isinstance(data, str):
        char = textfile.bad_character(data)
        return (doc.line(path), f"the text holds the invisible character {textfile.describe(char)}") if char else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = text_problem(value, doc, path + (key,))
        if found:
            return found
    return None


def syntax_problem(shown: str, error: YamlSyntaxError, what: str) -> Problem:
    """The problem a contributor sees for YAML that cannot be parsed."""
    return Problem(shown, error.line, f"{what} cannot be read as YAML: {error.message}.",
                   "check indentation, and put text containing ': ' in double quotes.")


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
        return None, [Problem(shown, found[0], found[1] + ".", "delete it (retype the words around it): it can change how the text is shown or read.")]
    return doc, []
