"""Load YAML and remember which line each key or list item stands on."""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

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


def _walk(node, path, lines, offset):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines.setdefault(path + (key,), key_node.start_mark.line + 1 + offset)
            _walk(value_node, path + (key,), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(path + (index,), item.start_mark.line + 1 + offset)
            _walk(item, path + (index,), lines, offset)


def load(text: str, first_line: int = 1) -> Located:
    """Parse ``text``; ``first_line`` is the file line that the text's first line stands on."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlSyntaxError(line, f"{exc.problem or exc}".strip()) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(first_line, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict = {}
    if node is not None:
        _walk(node, (), lines, offset)
    return Located(data, lines, first_line)


def split_front_matter(text: str):
    """Split a Markdown file into (front matter text or None, body, line the body starts on)."""
    if not text.startswith("---"):
        return None, text, 1
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None, text, 1
