"""Every script a page's body loads from a file is moved to its head, deferred
(casekit/script_order.py): the browser requests it with the page's first bytes. Fixture pages;
the built site is checked in test_loading_browser.py."""
from __future__ import annotations

from casekit.script_order import defer_in_head

PAGE = """<!doctype html><html><head><title>t</title><script src="early.js" defer></script></head>
<body><p>text</p><script src="theme.js"></script><script>inline()</script><script src="mine.js" defer></script>
<script type="application/json" id="c">{"a": 1}</script><script src="side.js" async></script><script type="module" src="m.js"></script>
<script src="last.js" data-x="1" defer></script></body></html>"""


def test_the_bodys_scripts_from_files_go_to_the_head_deferred_the_deferred_first():
    head, body = defer_in_head(PAGE).split("</head>")
    assert head.index('src="early.js"') < head.index('<script src="mine.js" defer>') < head.index('<script src="last.js" data-x="1" defer>') \
        < head.index('<script defer src="theme.js">')
    for name in ("theme.js", "mine.js", "last.js"):
        assert name not in body
    # inline scripts, data, async scripts and modules stay where they are
    for kept in ("<script>inline()</script>", '<script type="application/json" id="c">{"a": 1}</script>',
                 '<script src="side.js" async></script>', '<script type="module" src="m.js"></script>', "<p>text</p>"):
        assert kept in body and kept not in head


def test_a_page_without_scripts_in_its_body_or_without_a_body_stays_as_it_is():
    plain = "<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>"
    assert defer_in_head(plain) == plain
    fragment = '<p>x</p><script src="a.js"></script>'
    assert defer_in_head(fragment) == fragment
