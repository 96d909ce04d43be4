"""The Content-Security-Policy of every page: scripts from the site itself and the inline
scripts its templates print (each allowed by its hash), nothing from another host.

Contributed prose cannot add a script (html_policy removes it); this is the second wall, for
whatever a future template or a parser difference might let through.
"""
from __future__ import annotations

import base64
import hashlib
import re

# Our own templates' output, not contributed text: inline scripts are found by their tags.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\btype\s*=\s*["']?(application/(ld\+)?json)""", re.I)
_CHARSET = '<meta charset="utf-8">'

BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],  # Material sets style attributes
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_hashes(html: str) -> list:
    out = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs.lower() or _NOT_JS.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in out:
            out.append(token)
    return out


def policy(html: str, preview: bool = False, wasm: bool = False) -> str:
    """The policy for ``html``. ``preview``: the live preview's reload script is inline and
    changes on every load, so there inline scripts are allowed instead of hashed. ``wasm``:
    the page runs WebAssembly (the search page: Pagefind's engine)."""
    directives = {name: list(values) for name, values in BASE.items()}
    directives["script-src"] += ["'unsafe-inline'"] if preview else inline_hashes(html)
    if wasm:
        directives["script-src"].append("'wasm-unsafe-eval'")
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add(html: str, preview: bool = False, wasm: bool = False) -> str:
    """``html`` with its policy as the first thing after the charset declaration."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, preview, wasm)}">'
    if _CHARSET in html:
        return html.replace(_CHARSET, _CHARSET + "\n  " + meta, 1)
    return html.replace("<head>", "<head>" + meta, 1)
