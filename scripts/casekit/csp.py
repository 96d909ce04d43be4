"""The Content-Security-Policy of every page: scripts from the site itself and the inline
scripts the templates write (each allowed by its hash), nothing from another host.

Contributed prose cannot add a script (html_policy removes it); this is the second wall, for
whatever a future template or a parser difference might let through. So the hashes never come
from the finished page: they are the hashes of the inline scripts of the theme's and our
templates, rendered for the page's place in the site (plugin/inline_scripts.py), the same for
every page of a kind. A script that got into a page any other way is refused by the browser.
"""
from __future__ import annotations

import base64
import hashlib

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


def source_hash(body: str) -> str:
    """The CSP source that allows an inline script whose text is ``body``."""
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy(hashes=(), wasm: bool = False) -> str:
    """The policy that allows the inline scripts of ``hashes`` (see source_hash) and no other.
    ``wasm``: the page runs WebAssembly (the search page: Pagefind's engine)."""
    directives = {name: list(values) for name, values in BASE.items()}
    directives["script-src"] += sorted(set(hashes))
    if wasm:
        directives["script-src"].append("'wasm-unsafe-eval'")
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add(html: str, hashes=(), wasm: bool = False) -> str:
    """``html`` with the policy as the first thing after the charset declaration."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, wasm)}">'
    if _CHARSET in html:
        return html.replace(_CHARSET, _CHARSET + "\n  " + meta, 1)
    return html.replace("<head>", "<head>" + meta, 1)
