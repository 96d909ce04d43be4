"""The trust boundary for contributed prose: what its rendered HTML may contain.

Every Markdown file under docs/ comes from outside the project. Its rendered HTML is held to
one allow-list, here, used in two ways:

- ``findings()`` parses the HTML (selectolax, an HTML5 parser) and names everything the
  allow-list does not admit, each with the line of the Markdown source it comes from, so that
  the validator and the build reject it with ``file:line`` and a fix;
- ``sanitize()`` runs the HTML through nh3 (the Ammonia sanitiser) with the same allow-list,
  so that whatever a parser difference let through is removed from the published page.

Nothing here imports MkDocs: the validator renders Markdown itself, the build passes the HTML
MkDocs rendered.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html import unescape as _unescape
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser

from .messages import Message, _

# Tags prose may use. Markdown makes most of them; the rest may be written as raw HTML.
TAGS = frozenset({
    # what Python-Markdown (with toc and admonition) writes
    "a", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
    # raw HTML a case may use for meaning Markdown has no syntax for
    "abbr", "b", "cite", "del", "details", "figcaption", "figure", "i", "ins", "kbd", "mark", "q",
    "s", "small", "span", "sub", "summary", "sup", "u",
})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Attributes per tag ("*": on every tag). No event handlers, no style, no srcset. No id but a
# heading's (its anchor, which Markdown writes) and no class but CLASSES: content may not take
# the names the site's templates and scripts find their elements by (DOM clobbering).
ATTRIBUTES = {
    "*": {"class", "title", "lang", "dir"},
    **{heading: {"id"} for heading in HEADINGS},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": set(),
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "q": set(),
    "ol": {"start"},
}
URL_ATTRIBUTES = {"a": "href", "img": "src"}
# The classes prose may carry: those Markdown writes (an admonition, a heading's permanent link)
ADMONITIONS = ("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
               "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger",
               "error", "bug", "example", "quote", "cite")
CLASSES = frozenset({"admonition", "admonition-title", "headerlink", *ADMONITIONS})
# The anchors the templates give their own elements (tests/test_untrusted.py reads every
# template's ids against these): a heading of the prose may not take one. Material's begin with _.
TEMPLATE_IDS = frozenset({"case-cite", "case-copy-status", "case-facts", "case-filters", "case-list-count", "case-related",
                          "case-sort", "case-sources", "cite-bibtex", "cite-plain", "countries", "not-found-data",
                          "offline-saved-heading", "site-search-page-query", "site-search-query"})
TEMPLATE_ID_PREFIXES = ("_", "facet-")


def template_id(value: str) -> bool:
    """Whether ``value`` is (or could be) an id the templates give an element of their own."""
    value = value.strip().lower()
    return value in TEMPLATE_IDS or value.startswith(TEMPLATE_ID_PREFIXES)
LINK_SCHEMES = frozenset({"https", "http", "mailto"})
# Where prose comes from; the HTML parser puts a fragment's text in <body>.
_DOCUMENT = frozenset({"html", "head", "body"})


@dataclass(frozen=True)
class Finding:
    """One thing the allow-list does not admit: ``message`` and ``hint`` for the contributor,
    ``needles`` the texts that find its line in the Markdown source (the first that occurs)."""

    message: Message
    hint: Message
    needles: tuple


def allowed_attributes(tag: str) -> set:
    return ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())


def link_problem(url: str, tag: str) -> tuple | None:
    """(message, hint) when ``url`` is not a target prose may use, else None."""
    image = tag == "img"
    text = url.strip()
    scheme = ""
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
    except ValueError:
        return ((_("the image target '{url}' is not a valid address.", url=url) if image else
                 _("the link target '{url}' is not a valid address.", url=url)),
                _("write a full https:// address or a path to a file next to this one."))
    squeezed = "".join(text.split()).lower()
    if scheme == "javascript" or squeezed.startswith("javascript:"):
        return (_("the image has a javascript: URL.") if image else _("the link has a javascript: URL."),
                _("link to a page or an https:// address instead."))
    read = as_browsers_read(text)
    if image:
        if scheme or read.startswith("/") or parts.netloc:
            return (_("the image '{url}' is not a file of this case.", url=url),
                    _("put the image (PNG, JPEG, WebP or GIF) in the case's folder and write its file name: readers' browsers load nothing from other sites."))
        return None
    if read.startswith("//"):
        return (_("the link '{url}' has no scheme.", url=url), _("write the full https:// address."))
    if scheme == "http":
        return (_("the link uses http://: {url}", url=url), _("use the https:// address of the page."))
    if scheme and scheme not in LINK_SCHEMES:
        return (_("the link uses '{scheme}:', which is not allowed: {url}", scheme=scheme, url=url),
                _("link to an https:// address, a mailto: address or a page of this site."))
    return None


def as_browsers_read(url: str) -> str:
    """``url`` as a browser reads it before resolving it (the WHATWG URL standard): leading and
    trailing control characters and spaces dropped, tabs and line breaks removed, and every
    backslash a slash, so that /\\host/ and /<tab>/host/ are seen as the //host/ they mean."""
    return url.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


def findings(html: str) -> list:
    """Everything in ``html`` that the allow-list does not admit, in document order."""
    out: list = []
    if not html:
        return out
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return out
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag.startswith("-") or tag in _DOCUMENT:  # comments and the parser's document
            if tag in _DOCUMENT:
                for name in node.attributes:
                    out.append(Finding(_("<{tag}> may not carry attributes ('{name}').", tag=tag, name=name),
                                       _("remove the <{tag}> tag.", tag=tag), (f"<{tag}", name)))
            continue
        if tag not in TAGS:
            out.append(Finding(_("the HTML tag <{tag}> is not allowed in a case.", tag=tag),
                               _("write it in Markdown; allowed tags are {tags}.", tags=", ".join(sorted(TAGS - {"div", "h1"}))),
                               (f"<{tag}", tag)))
            continue
        attributes = node.attributes
        for name, value in attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                out.append(Finding(_("<{tag}> has an event-handler attribute (on…=).", tag=tag), _("remove it: pages carry no inline scripts."),
                                   (name, f"<{tag}")))
            elif lowered == "style":
                out.append(Finding(_("<{tag}> has a style attribute.", tag=tag), _("remove it: the site's stylesheet sets the look of every page."),
                                   ("style", f"<{tag}")))
            elif lowered not in allowed_attributes(tag):
                out.append(Finding(_("<{tag}> has the attribute '{name}', which is not allowed.", tag=tag, name=name),
                                   _("remove it; <{tag}> may carry: {names}.", tag=tag, names=", ".join(sorted(allowed_attributes(tag)))),
                                   (name, f"<{tag}")))
            elif lowered == "class" and not set((value or "").split()) <= CLASSES:
                out.append(Finding(_("<{tag}> has the class '{name}', which is not allowed.", tag=tag,
                                     name=" ".join(sorted(set((value or "").split()) - CLASSES))),
                                   _("remove it: the site's stylesheet and scripts set the look of every page."),
                                   (value or "", "class=")))
            elif lowered == "id" and template_id(value or ""):
                out.append(Finding(_("the heading's anchor '{name}' is one the site's pages use for their own parts.", name=value),
                                   _("reword the heading, so that its anchor differs."),
                                   (value or "", node.text(deep=False).strip(), "id=")))
            elif URL_ATTRIBUTES.get(tag) == lowered:
                problem = link_problem(value or "", tag)
                if problem:
                    out.append(Finding(*problem, (value or "", name)))
        if tag == "img" and not (attributes.get("alt") or "").strip():
            out.append(Finding(_("the image has no alt text."), _("write what the image shows between the brackets: ![A workshop in Rionegro](photo.jpg)."),
                               (attributes.get("src") or "", "<img", "![")))
    return out


def locate(needles, source: str, first_line: int) -> int:
    """The line of ``source`` (which starts at ``first_line``) where the first of ``needles``
    occurs, case-insensitively; else ``first_line``."""
    lowered = source.lower()
    for needle in needles:
        needle = (needle or "").strip().lower()
        if len(needle) < 2:
            continue
        index = lowered.find(needle)
        if index >= 0:
            return first_line + lowered.count("\n", 0, index)
    return first_line


class Locator:
    """``locate`` for many needles in one source, in time linear in the source: the source is
    lowered and its line starts counted once, and each needle is looked for from where the last
    one was found (findings come in document order) before it is looked for from the start."""

    def __init__(self, source: str, first_line: int):
        self.lowered = source.lower()
        self.first_line = first_line
        self.starts = [match.start() for match in re.finditer("\n", self.lowered)]
        self.cursor = 0

    def __call__(self, needles) -> int:
        for needle in needles:
            needle = (needle or "").strip().lower()
            if len(needle) < 2:
                continue
            index = self.lowered.find(needle, self.cursor)
            if index < 0:
                index = self.lowered.find(needle, 0, self.cursor + len(needle))
            if index >= 0:
                self.cursor = index
                return self.first_line + bisect.bisect_left(self.starts, index)
        return self.first_line


def sanitize(html: str) -> str:
    """``html`` with everything outside the allow-list removed (nh3)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


def _filter_attribute(tag: str, attribute: str, value: str):
    """Drops a remote image's address, a template's id, and classes outside CLASSES."""
    if tag == "img" and attribute == "src" and link_problem(value, "img"):
        return None
    if attribute == "id" and template_id(value):
        return None
    if attribute == "class":
        return " ".join(name for name in value.split() if name in CLASSES) or None
    return value


def plain_text_problem(text: str, subject: Message | str = "") -> Message | None:
    """Why ``text`` (a title, summary, label or name, which themes print without escaping in
    places) is not plain text, as a sentence about ``subject`` (what holds it), or None.
    Allowed: any words, & among them (M&E, AT&T); not: <, > or an HTML entity, which is what
    a browser would read as one (&lt;, &#60;, and the old names it reads without a ;, &lt)."""
    subject = subject or _("the text")
    if "<" in text or ">" in text:
        return _("{subject} contains < or >, which are not allowed in this field.", subject=subject)
    if "&" in text and _unescape(text) != text:
        return _("{subject} contains an HTML entity (&…;), which is not allowed in this field.", subject=subject)
    return None


def visible_text(fragment: str) -> str:
    """The text a browser shows for the HTML ``fragment`` (tags dropped, entities read)."""
    body = LexborHTMLParser(f"<body>{fragment}</body>").body
    return body.text(deep=True, separator="") if body is not None else ""
