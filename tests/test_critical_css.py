"""Each page's first paint: the rules of its stylesheets that can apply to its elements are in its
head, and the stylesheets are linked where the templates put the marker, for print until a
script applies them (casekit/critical_css.py). Fixture
stylesheets and pages; the built site is checked in test_first_paint_browser.py."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casekit import critical_css
from casekit.critical_css import MARKER, CriticalCss

SHEET = """
@charset "UTF-8";
@font-face{font-family:X;src:local(X)}
html{color:black}
.card{margin:1px}
.absent{margin:2px}
#facts{padding:3px}
#nowhere{padding:4px}
a:hover{color:red}
.card:not(.absent)::before{content:"*"}
button{border:0}
[data-scheme=default]{--fg:blue;--unread:0;--shade:var(--base);--base:#333}
[data-scheme=slate]{--fg:white}
:root{--icon:url("data:image/svg+xml,<svg/>");--line:var(--shade)}
.card{color:var(--fg);border-color:var(--line)}
[hidden]{display:none}
.card :is(.absent,em){font-style:italic}
.card :is(.absent,.gone){font-weight:bold}
@media (min-width:60em){.card{margin:5px}.absent{margin:6px}}
@media print{.card{display:none}}
@media screen,print{.card{padding:7px}}
/* a comment */ .card>p{line-height:1.5 /* inside */}
"""

PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="../a.css">
<title>t</title>
<link rel="stylesheet" href="../b.css">
</head><body data-scheme="default"><div class="card" id="facts"><p><a href="#">x</a> <em>y</em></p></div>
{MARKER}<script src="s.js"></script></body></html>"""


def _critical(page: str = PAGE, sheet: str = SHEET) -> str:
    out = critical_css.inline(page, lambda hrefs: CriticalCss([sheet]))
    return out[out.index("<style>") + len("<style>"):out.index("</style>")]


def test_keeps_the_rules_that_can_apply_to_the_page_on_a_screen_and_no_other():
    css = _critical()
    for kept in ("html{color:black}", ".card{margin:1px}", "#facts{padding:3px}", "a:hover{color:red}",
                 '.card:not(.absent)::before{content:"*"}',
                 "[data-scheme=default]{--fg:blue;--shade:var(--base);--base:#333}", ":root{--line:var(--shade)}",
                 ".card{color:var(--fg);border-color:var(--line)}", "@media screen,print{.card{padding:7px}}",
                 ".card :is(.absent,em){font-style:italic}", "@media (min-width:60em){.card{margin:5px}}",
                 "@font-face{font-family:X;src:local(X)}", ".card>p{line-height:1.5}"):
        assert kept in css, kept
    for dropped in (".absent{margin:2px}", "#nowhere", "button{", "slate", "[hidden]", ":is(.absent,.gone)",
                    "@media print", "display:none", "margin:6px", "comment", "inside",
                    "--unread", "--icon"):  # custom properties no kept rule reads
        assert dropped not in css, dropped


def test_links_move_to_the_marker_in_their_order_and_the_rules_take_their_place():
    out = critical_css.inline(PAGE, lambda hrefs: CriticalCss([SHEET]))
    head, body = out.split("</head>")
    assert head.index("<style>") < head.index("<title>")  # where the first link was
    assert MARKER not in out
    assert body.index('href="../a.css"') < body.index('href="../b.css"') < body.index('<script src="s.js">')


def test_links_in_the_head_are_for_print_until_a_script_applies_them_and_without_scripts_as_they_were():
    page = PAGE.replace("</head>", MARKER + '<link rel="stylesheet" href="../c.css" media="screen"></head>').replace(MARKER + "<script", "<script")
    out = critical_css.inline(page, lambda hrefs: CriticalCss([SHEET]))
    head, body = out.split("</head>")
    assert 'rel="stylesheet"' not in body and MARKER not in out
    assert head.index("<style>") < head.index("<title>") < head.index('href="../a.css"')  # the rules first, then the sheets
    linked, noscript = head.split("<noscript>")
    assert linked.count('media="print"') == 3
    assert linked.index('href="../a.css" media="print" data-media="all"') < linked.index('href="../b.css" media="print" data-media="all"') \
        < linked.index('href="../c.css" media="print" data-media="screen"')
    assert noscript.index('<link rel="stylesheet" href="../a.css">') < noscript.index('<link rel="stylesheet" href="../b.css">') \
        < noscript.index('<link rel="stylesheet" href="../c.css" media="screen">') < noscript.index("</noscript>")


def test_the_stylesheets_asked_for_are_the_links_of_the_head():
    asked = []
    critical_css.inline(PAGE, lambda hrefs: asked.append(hrefs) or CriticalCss([""]))
    assert asked == [["../a.css", "../b.css"]]


def test_a_page_stays_as_it_is_without_the_marker_or_when_a_stylesheet_is_not_known():
    without = PAGE.replace(MARKER, "")
    assert critical_css.inline(without, lambda hrefs: CriticalCss([SHEET])) == without
    assert critical_css.inline(PAGE, lambda hrefs: None) == PAGE


def test_a_stylesheet_cannot_end_the_style_element():
    css = _critical(sheet='.card::after{content:"</style><script>x()</script>"}')
    assert "</style" not in css.lower() and "<\\/style" in css


def test_pages_with_the_same_matched_selectors_share_one_result():
    critical = CriticalCss([SHEET])
    one = critical_css.inline(PAGE, lambda hrefs: critical)
    other = critical_css.inline(PAGE.replace('id="facts"', 'id="facts" title="another"'), lambda hrefs: critical)
    assert one.split("<style>")[1].split("</style>")[0] == other.split("<style>")[1].split("</style>")[0]



def test_the_tokens_of_a_page_are_those_of_every_element_it_holds():
    """page_tokens lists the parser's elements (tree.css("*")): the root, the head and every
    nested element count, as a walk of the whole tree finds them; text and comments do not."""
    from selectolax.lexbor import LexborHTMLParser
    html = ('<!doctype html><html lang="es"><head><meta charset="utf-8"></head><body class="a b">'
            '<!-- <i class="comment"> --><div id="x"><p hidden>t <em data-k="v">e</em></p>'
            '<table><tr><td class="c">1</td></tr></table></div><svg><path d="M0"/></svg></body></html>')
    tree = LexborHTMLParser(html)
    walked = set()
    for node in tree.root.traverse():
        if node.tag.startswith("-"):  # a comment ("-comment"): no element
            continue
        walked.add(node.tag)
        for name, value in node.attributes.items():
            walked |= {f"[{name}]"} | ({f"[{name}={value}]"} if value is not None else set())
            walked |= {"." + word for word in (value or "").split()} if name == "class" else set()
            walked |= {"#" + value} if name == "id" and value else set()
    tokens = critical_css.page_tokens(tree)
    assert tokens == walked
    assert {"html", "head", "meta", "tbody", "path", ".a", ".b", ".c", "#x", "[hidden]", "[data-k=v]", "[lang=es]"} <= tokens
    assert ".comment" not in tokens


# Pages made of the elements, classes, ids and attributes SHEET names, and of others it does not
_ELEMENT = st.tuples(
    st.sampled_from(["div", "p", "a", "em", "button", "span", "svg", "section"]),
    st.lists(st.sampled_from(["card", "absent", "gone", "other", "card-x", ""]), max_size=3),
    st.sampled_from([None, "facts", "nowhere", "elsewhere", ""]),
    st.lists(st.tuples(st.sampled_from(["data-scheme", "hidden", "lang", "title", "href"]),
                       st.sampled_from([None, "default", "slate", "", "x y", "default "])), max_size=3),
)


def _html(elements) -> str:
    out = []
    for tag, classes, id_, attributes in elements:
        attrs = "".join(f' {name}' if value is None else f' {name}="{value}"' for name, value in dict(attributes).items())
        attrs += f' class="{" ".join(classes)}"' if classes else ""
        attrs += "" if id_ is None else f' id="{id_}"'
        out.append(f"<{tag}{attrs}>t")
    return "<!doctype html><html><head></head><body>" + "".join(out) + "</body></html>"


@given(st.lists(_ELEMENT, max_size=12))
def test_a_page_gets_the_rules_of_all_its_tokens_though_only_those_the_selectors_name_are_read(elements):
    """for_page reads only the tokens some selector names (no [href=...] for every link); its
    result is the one the page's every token gives."""
    from selectolax.lexbor import LexborHTMLParser
    critical = CriticalCss([SHEET])
    tree = LexborHTMLParser(_html(elements))
    assert critical.for_page(tree) == critical.for_tokens(critical_css.page_tokens(tree))
