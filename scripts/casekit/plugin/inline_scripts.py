"""The inline scripts the templates write, for the Content-Security-Policy (casekit/csp.py).

Every HTML template of the theme (Material's and ours in overrides/, trusted files of the
project and its locked dependencies) is read; the text of each of its inline <script>
elements (not those with a src, not JSON data) is one the pages may run. A text without Jinja
syntax is hashed as it is; one with (e.g. Material's, which prints base_url) is compiled as a
template of its own and, for a page, rendered with the page's context. The hashes of the
results are the inline scripts the page may run: what the templates write there, whatever the
page's content holds. They depend on the page's place in the site (base_url) only, so they are
computed once for each place and build.

The templates' texts are read again only when a template file changes (the live preview
rebuilds after every edit); what is compiled belongs to one build's Jinja environment.
"""
from __future__ import annotations

import os
import re

import jinja2

from .. import csp

# Template sources (trusted files), not contributed text: the scripts are found by their tags.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\b(src\s*=|type\s*=\s*["']?application/(ld\+)?json)""", re.I)


class InlineScripts:
    """The inline scripts of the theme's templates, read once and again when a file changes."""

    def __init__(self):
        self.read: dict = {}  # template file -> (its mtime, the texts of its inline scripts)

    def for_build(self, env: jinja2.Environment) -> PageScripts:
        """The inline scripts of the templates ``env`` (one build's Jinja environment) renders."""
        static, dynamic = set(), []
        plain = escaped = None
        for name, path in _templates(env.loader):
            mtime = os.stat(path).st_mtime_ns
            if self.read.get(path, (None,))[0] != mtime:
                with open(path, encoding="utf-8") as handle:
                    source = handle.read()
                self.read[path] = (mtime, tuple(match.group("body") for match in _SCRIPT.finditer(source)
                                                if not _NOT_JS.search(match.group("attrs"))))
            for body in self.read[path][1]:
                if "{{" not in body and "{%" not in body:
                    static.add(csp.source_hash(body))
                    continue
                if plain is None:
                    plain = env.overlay(keep_trailing_newline=True, autoescape=False)
                    escaped = env.overlay(keep_trailing_newline=True, autoescape=True)
                try:
                    dynamic.append((escaped if _autoescaped(env, name) else plain).from_string(body))
                except jinja2.TemplateSyntaxError:  # a script cut by a block of its template: not one Material or we write
                    continue
        return PageScripts(frozenset(static), dynamic)


class PageScripts:
    """One build's inline scripts: their hashes for a page, by its place in the site."""

    def __init__(self, static: frozenset, dynamic: list):
        self.static, self.dynamic = static, dynamic
        self.by_place: dict = {}

    def hashes(self, context) -> tuple:
        """The CSP sources of the inline scripts the templates write on a page with ``context``."""
        key = context.get("base_url")
        if key not in self.by_place:
            out = set(self.static)
            for script in self.dynamic:
                try:
                    out.add(csp.source_hash(script.render(context)))
                except Exception:  # noqa: BLE001,S112 - a script of a template this page does not use (its variables are missing)
                    continue
            self.by_place[key] = tuple(sorted(out))
        return self.by_place[key]


def _autoescaped(env, name: str) -> bool:
    return bool(env.autoescape(name)) if callable(env.autoescape) else bool(env.autoescape)


def _templates(loader) -> list:
    """(name, file) of each HTML template of ``loader`` (MkDocs' FileSystemLoader of the
    theme's folders, the first folder's file winning, as Jinja finds them), without walking the
    theme's icon folders (.icons: thousands of SVG files)."""
    found: dict = {}
    for folder in loader.searchpath:
        for path, dirs, files in os.walk(folder):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            rel = os.path.relpath(path, folder)
            for name in files:
                if name.endswith(".html"):
                    found.setdefault(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"), os.path.join(path, name))
    return sorted(found.items())
