"""Every script a page names, requested with the page's first bytes and run once it is parsed.

On a slow link a script at the end of the body is requested only once the browser has read
that far (or its preload scanner has: after the head's critical CSS and the page's text), and
a script without defer there stops the parser while it comes. The templates write their
scripts where they belong (Material's at the end of the body, the catalogue's after its
filters); this moves every script the body loads from a file into the head, deferred, after
what the head already holds (stylesheets.js, which applies the stylesheets). Deferred scripts
run in the order they are written, once the page is parsed: those that were deferred keep their
order, and those that were not (Material's bundle, which the body's inline scripts before it
do not need) come after them, so that the site's own scripts do not wait for the theme's.

Only scripts the templates write are in a page's body: contributed prose cannot hold one
(casekit/html_policy.py removes it). A page without a head or a body is left as it is.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_SCRIPT = re.compile(r"<script\b[^>]*>\s*</script>", re.I)


def defer_in_head(html: str) -> str:
    """``html`` with the scripts its body loads from a file moved to the end of its head, deferred."""
    head_end, body_start = html.find("</head>"), _body_start(html)
    if head_end < 0 or body_start < 0 or body_start < head_end:
        return html
    body = html[body_start:]
    matches = list(_SCRIPT.finditer(body))
    # the tags alone, parsed together (one parse a page): each <script …></script> is an element
    nodes = LexborHTMLParser("".join(match.group(0) for match in matches)).css("script") if matches else []
    if len(nodes) != len(matches):  # not one element a tag: leave the page as it is
        return html
    deferred, blocking, kept = [], [], []
    last = 0
    for match, node in zip(matches, nodes, strict=True):
        attributes = node.attributes
        if not attributes.get("src") or "async" in attributes or attributes.get("type", "text/javascript") not in ("text/javascript", ""):
            continue  # inline, async or a module: where it is
        kept.append(body[last:match.start()])
        last = match.end()
        if "defer" in attributes:
            deferred.append(match.group(0))
        else:
            blocking.append(match.group(0).replace("<script", "<script defer", 1))
    if not deferred and not blocking:
        return html
    kept.append(body[last:])
    return html[:head_end] + "".join(deferred + blocking) + html[head_end:body_start] + "".join(kept)


def _body_start(html: str) -> int:
    match = re.search(r"<body\b", html, re.I)
    return match.start() if match else -1
