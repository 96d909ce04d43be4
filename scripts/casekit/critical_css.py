"""The first paint of a page without waiting for its stylesheets.

On a slow link every request costs a round trip (two seconds on the "slow 3G" of the reader
issue), and stylesheets in the head block the first paint: the page would appear only after
two round trips. Instead, each page carries in its head the rules of its stylesheets that can
apply to its own elements (its "critical" CSS), and links the stylesheets where the templates
put MARKER (in the head, so that the browser requests them with the page's first bytes) with
media="print": a stylesheet for another medium neither holds up the first paint nor the page's
scripts. assets/javascripts/stylesheets.js applies them (media="all") together once all have
arrived: applied one by one, the first would override the inline rules of the next until that
one came (a box laid out twice, the header's colours changing); a reader without scripts gets
them from a <noscript>. When they are applied they style what scripts add; for the page's own
elements they change nothing, because every rule that could match one of them is already inline.

A rule is kept when each of its selectors' class, id, type and attribute conditions is met by
some element of the page; pseudo-classes (:hover, :checked, :not() …) and combinators are not
evaluated, so a rule that might apply is kept (a superset, never a subset). :is()/:where()
count when one of their selectors is met. At-rules other than @media and @supports are kept
whole.

The stylesheets are the theme's own files (never contributed text); the page is read with an
HTML parser (selectolax: its elements, and the head's links), the stylesheets with a CSS parser
(tinycss2). A link is moved only when its text, as the parser writes it back, is found in the
head as is (Material and overrides/ write them plainly); otherwise the page keeps its links.
"""
from __future__ import annotations

import re

import tinycss2
from selectolax.lexbor import LexborHTMLParser

# Where the templates want the stylesheets linked (overrides/main.html, in the head)
MARKER = "<!--stylesheets-->"
# The attribute that holds a stylesheet's media until stylesheets.js applies it
MEDIA = "data-media"
_STYLE_END = re.compile(r"</(?=style)", re.I)  # would end the <style> element early
_ANY_OF = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})


class CriticalCss:
    """The rules of one set of stylesheets (their texts, in the order the page links them), and
    the subset a page needs."""

    def __init__(self, texts: list):
        rules = tinycss2.parse_stylesheet("\n".join(texts), skip_comments=True, skip_whitespace=True)
        self._rules = _compile(rules)
        self._named = frozenset(_named(self._rules))  # what the selectors name
        self._reader = _TokenReader(self._named)
        self._by_tokens: dict = {}  # pages whose elements match the same selectors share one result
        self._print_links: dict = {}  # (a link as written, its media) -> the same for print

    def for_page(self, tree) -> str:
        """The critical CSS of the page parsed as ``tree``."""
        return self.for_tokens(self._reader.tokens(tree))

    def for_print(self, link: str, media) -> str:
        """The link ``link`` for print (see _for_print): pages at one depth link the same."""
        if (link, media) not in self._print_links:
            self._print_links[link, media] = _for_print(link, media)
        return self._print_links[link, media]

    def for_tokens(self, found: frozenset) -> str:
        found = found & self._named
        if found not in self._by_tokens:
            kept = _keep(self._rules, found)
            self._by_tokens[found] = _STYLE_END.sub(r"<\\/", "".join(_write(kept, _used_properties(kept))))
        return self._by_tokens[found]


def inline(html: str, critical_for) -> str:
    """``html`` with the stylesheet links of its head replaced by its critical CSS, and the links
    moved to MARKER, for print until stylesheets.js applies them (see above). ``critical_for(hrefs)``
    gives the CriticalCss of the stylesheets at those addresses, or None to leave the page as it
    is, as is a page without MARKER (not made from the site's main template)."""
    if MARKER not in html:
        return html
    tree = LexborHTMLParser(html)
    nodes = tree.css('head > link[rel="stylesheet"][href]')
    links = [(node.html, node.attributes["href"]) for node in nodes]
    head_end = html.find("</head>")
    head, rest = html[:head_end], html[head_end:]
    if not links or any(text not in head for text, _href in links):
        return html
    critical = critical_for([href for _text, href in links])
    if critical is None:
        return html
    first = head.find(links[0][0])
    for text, _href in links:
        head = head.replace(text, "", 1)
    head = head[:first] + f"<style>{critical.for_page(tree)}</style>" + head[first:]
    for_print = "".join(critical.for_print(text, node.attributes.get("media")) for (text, _href), node in zip(links, nodes, strict=True))
    moved = for_print + "<noscript>" + "".join(text for text, _href in links) + "</noscript>"
    if MARKER in head:
        return head.replace(MARKER, moved, 1) + rest
    return head + rest.replace(MARKER, moved, 1)


def _for_print(link: str, media) -> str:
    """The link ``link`` (as the parser writes it) for print, its own media kept in MEDIA."""
    tree = LexborHTMLParser(link)
    node = tree.css_first("link")
    node.attrs["media"] = "print"
    node.attrs[MEDIA] = media or "all"
    return node.html


def page_tokens(tree) -> frozenset:
    """Each element's type, classes, id, attribute names and name=value pairs, as selectors write them."""
    found = set()
    add = found.add
    for node in tree.css("*"):  # every element, listed by the parser's own selector engine
        add(node.tag)
        for name, value in node.attributes.items():
            add(f"[{name}]")
            if value is None:
                continue
            add(f"[{name}={value}]")
            if name == "class":
                found.update(["." + word for word in value.split()])
            elif name == "id":
                add("#" + value)
    return frozenset(found)


class _TokenReader:
    """page_tokens(tree) & named, without writing out the tokens no selector names (an href's
    [href=...], most attributes): two thirds of the time of page_tokens on a case page."""

    def __init__(self, named: frozenset):
        self._tags = frozenset(token for token in named if token[0] not in ".#[")
        self._classes = {token[1:]: token for token in named if token[0] == "."}
        self._ids = {token[1:]: token for token in named if token[0] == "#"}
        self._names, self._pairs = {}, {}  # attribute name -> "[name]"; (name, value) -> "[name=value]"
        for token in named:
            if token[0] == "[":
                name, equals, value = token[1:-1].partition("=")
                if equals:
                    self._pairs[name, value] = token
                else:
                    self._names[name] = token
        self._valued = frozenset(name for name, _value in self._pairs)

    def tokens(self, tree) -> frozenset:
        found = set()
        add = found.add
        tags, classes, ids, names, pairs, valued = self._tags, self._classes, self._ids, self._names, self._pairs, self._valued
        if tree.root is None:  # selectolax types it as optional
            return frozenset()
        for node in tree.root.traverse():  # the elements page_tokens lists, listed in half the time of css("*") (selectolax 1.0)
            tag = node.tag
            if tag in tags:
                add(tag)
            for name, value in node.attributes.items():
                if name in names:
                    add(names[name])
                if value is None:
                    continue
                if name == "class":
                    for word in value.split():
                        if word in classes:
                            add(classes[word])
                elif name == "id":
                    if value in ids:
                        add(ids[value])
                if name in valued and (name, value) in pairs:
                    add(pairs[name, value])
        return frozenset(found)


def _compile(rules) -> list:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            out.append(("rule", _selectors(rule.prelude), (tinycss2.serialize(rule.prelude).strip(), _declarations(rule.content))))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and _print_only(rule.prelude):
            continue  # paints nothing on a screen; the stylesheet brings it for printing
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            out.append(("group", "@" + rule.at_keyword + tinycss2.serialize(rule.prelude), _compile(inner)))
        elif rule.type == "at-rule":
            out.append(("keep", None, (rule.serialize(), frozenset(_references(rule.prelude + (rule.content or []))))))
    return out


def _declarations(content) -> tuple:
    """A rule's declarations: (the custom property it sets, or None; its text; the custom
    properties its value reads). Anything else in the block is kept as it is."""
    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            value = "".join(" " if token.type == "whitespace" else token.serialize() for token in item.value if token.type != "comment")
            text = f"{item.name}:{value.strip()}" + ("!important" if item.important else "")
            out.append((item.name if item.name.startswith("--") else None, text, frozenset(_references(item.value))))
        else:
            out.append((None, item.serialize(), frozenset(_references(getattr(item, "content", None) or []))))
    return tuple(out)


def _references(tokens):
    """The custom properties var() reads in ``tokens``."""
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var":
                names = [arg for arg in token.arguments if arg.type == "ident"]
                if names:
                    yield names[0].value
            yield from _references(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _references(token.content)


def _print_only(prelude) -> bool:
    for query in tinycss2.serialize(prelude).lower().split(","):
        words = query.split()
        if words[:1] == ["only"]:
            words = words[1:]
        if words[:1] != ["print"]:
            return False
    return True


def _keep(rules: list, found: frozenset) -> list:
    """The rules that can apply to a page with the elements ``found``."""
    out = []
    for kind, condition, body in rules:
        if kind == "rule":
            if any(_met(selector, found) for selector in condition):
                out.append((kind, None, body))
        elif kind == "group":
            inner = _keep(body, found)
            if inner:
                out.append((kind, condition, inner))
        else:
            out.append((kind, None, body))
    return out


def _used_properties(kept: list) -> set:
    """The custom properties the kept rules read, and those these read, and so on."""
    reads, sets = set(), {}

    def collect(items):
        for kind, _condition, body in items:
            if kind == "group":
                collect(body)
            elif kind == "keep":
                reads.update(body[1])
            else:
                for name, _text, refs in body[1]:
                    if name is None:
                        reads.update(refs)
                    else:
                        sets.setdefault(name, set()).update(refs)
    collect(kept)
    used, todo = set(), list(reads)
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(sets.get(name, ()))
    return used


def _write(kept: list, used: set) -> list:
    """The kept rules as text, without the custom properties no kept rule reads."""
    out = []
    for kind, condition, body in kept:
        if kind == "group":
            inner = _write(body, used)
            if inner:
                out.append(condition + "{" + "".join(inner) + "}")
        elif kind == "keep":
            out.append(body[0])
        else:
            prelude, declarations = body
            texts = [text for name, text, _refs in declarations if name is None or name in used]
            if texts:
                out.append(prelude + "{" + ";".join(texts) + "}")
    return out


def _named(rules: list):
    for kind, condition, text in rules:
        if kind == "rule":
            yield from _selector_tokens(condition)
        elif kind == "group":
            yield from _named(text)


def _selector_tokens(selectors):
    for needed, any_of in selectors:
        yield from needed
        for group in any_of:
            yield from _selector_tokens(group)


def _met(selector, found: frozenset) -> bool:
    needed, any_of = selector
    return needed <= found and all(any(_met(option, found) for option in group) for group in any_of)


def _selectors(tokens) -> list:
    """A selector list as (tokens every match needs, groups of which one selector must be met)."""
    out, needed, any_of = [], set(), []
    tokens = list(tokens)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "literal" and token.value == ",":
            out.append((frozenset(needed), tuple(any_of)))
            needed, any_of = set(), []
        elif token.type == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            i += 1
            needed.add("." + tokens[i].value)
        elif token.type == "hash":
            needed.add("#" + token.value)
        elif token.type == "[] block":
            needed.update(_attribute(token.content))
        elif token.type == "literal" and token.value == ":":
            i += 1
            if i < len(tokens) and tokens[i].type == "literal" and tokens[i].value == ":":
                i += 1  # a pseudo-element
            if i < len(tokens) and tokens[i].type == "function" and tokens[i].lower_name in _ANY_OF:
                any_of.append(_selectors(tokens[i].arguments))
        elif token.type == "ident":
            needed.add(token.lower_value)
        i += 1
    out.append((frozenset(needed), tuple(any_of)))
    return out


def _attribute(content) -> set:
    """What an attribute selector needs: the name=value pair for [name=value], the name for
    any other test of it, nothing when it is not a plain name (a namespace: not evaluated)."""
    parts = [token for token in content if token.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident" or (len(parts) > 1 and parts[1].type == "literal" and parts[1].value == "|"):
        return set()
    name = parts[0].lower_value
    if len(parts) == 3 and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
        return {f"[{name}={parts[2].value}]"}
    return {f"[{name}]"}
