"""The inline scripts the templates write, for the Content-Security-Policy (casekit/csp.py).

Every template the theme can render (Material's and ours in overrides/, trusted files of the
project and its locked dependencies) is read once per Jinja environment; the text of each of
its inline <script> elements (not those with a src, not JSON data) is compiled as a template
of its own. For a page, each is rendered with the page's context, and the hashes of the
results are the inline scripts the page may run: what the templates write there, whatever
the page's content holds. The result depends on the page's place in the site (base_url)
only, so it is computed once for each place.
"""
from __future__ import annotations

import re

import jinja2

from .. import csp

# Template sources (trusted files), not contributed text: the scripts are found by their tags.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\b(src\s*=|type\s*=\s*["']?application/(ld\+)?json)""", re.I)


class InlineScripts:
    def __init__(self, env: jinja2.Environment):
        plain = env.overlay(keep_trailing_newline=True, autoescape=False)
        escaped = env.overlay(keep_trailing_newline=True, autoescape=True)
        self.scripts = []
        for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
            source = env.loader.get_source(env, name)[0]
            for match in _SCRIPT.finditer(source):
                if _NOT_JS.search(match.group("attrs")):
                    continue
                try:
                    self.scripts.append((escaped if _autoescaped(env, name) else plain).from_string(match.group("body")))
                except jinja2.TemplateSyntaxError:  # a script cut by a block of its template: not one Material or we write
                    continue
        self.by_place: dict = {}

    def hashes(self, context: dict) -> tuple:
        """The CSP sources of the inline scripts the templates write on a page with ``context``."""
        key = context.get("base_url")
        if key not in self.by_place:
            out = set()
            for script in self.scripts:
                try:
                    out.add(csp.source_hash(script.render(context)))
                except Exception:  # noqa: BLE001,S112 - a script of a template this page does not use (its variables are missing)
                    continue
            self.by_place[key] = tuple(sorted(out))
        return self.by_place[key]


def _autoescaped(env, name: str) -> bool:
    return bool(env.autoescape(name)) if callable(env.autoescape) else bool(env.autoescape)
