"""What a reviewer checks in the prose of a case: raw HTML, images and links."""
from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem

IMAGE_LIMIT = 300 * 1024  # bytes: a case is read on phones and slow links
SAFE_TAGS = frozenset({
    "abbr", "b", "br", "cite", "code", "del", "details", "em", "figcaption", "figure", "i", "img",
    "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "u",
})
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
EVENT_ATTR = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _blank(match) -> str:
    return " " * len(match.group(0))


def _lines(body: str, first_line: int):
    """(line number, text) of the body outside fenced code blocks, with inline code blanked."""
    fence = None
    for offset, line in enumerate(body.split("\n")):
        stripped = line.lstrip()
        marker = stripped[:3]
        if fence is None and marker in ("```", "~~~"):
            fence = marker
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        yield first_line + offset, CODE_SPAN.sub(_blank, line) if "`" in line else line


def check(body: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    problems = []
    folder = Path(path).parent
    if "<" not in body and "](" not in body:
        return problems  # no HTML, no link, no image
    docs_dir = Path(docs_dir).resolve()
    for number, line in _lines(body, first_line):
        if "<" not in line and "](" not in line:
            continue
        for match in TAG.finditer(line):
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if attrs.startswith(":") or "@" in name:  # an autolink such as <https://…>
                continue
            if name not in SAFE_TAGS:
                if not closing:
                    problems.append(Problem(shown, number, f"the HTML tag <{name}> is not allowed in a case.",
                                            "write it in Markdown; allowed tags are " + ", ".join(sorted(SAFE_TAGS)) + "."))
                continue
            if EVENT_ATTR.search(attrs):
                problems.append(Problem(shown, number, f"<{name}> has an event-handler attribute (on…=).", "remove it: pages carry no inline scripts."))
            if JS_URL.search(attrs):
                problems.append(Problem(shown, number, f"<{name}> has a javascript: URL.", "link to a page or an https:// address instead."))
            if name == "img" and not re.search(r"""\balt\s*=\s*["'][^"']+["']""", attrs):
                problems.append(Problem(shown, number, "the image has no alt text.", "add alt=\"…\" that says what the image shows."))
        for match in LINK.finditer(line):
            is_image, text, target = match.group(1) == "!", match.group(2).strip(), match.group(3)
            problems += _check_target(is_image, text, target, number, shown, folder, docs_dir)
    return problems


def _check_target(is_image, text, target, number, shown, folder: Path, docs_dir: Path) -> list:
    kind = "image" if is_image else "link"
    if is_image and not text:
        return [Problem(shown, number, "the image has no alt text.", "write what the image shows between the brackets: ![A workshop in Rionegro](photo.jpg).")]
    lowered = target.lower()
    if lowered.startswith("javascript:"):
        return [Problem(shown, number, f"the {kind} has a javascript: URL.", "link to a page or an https:// address instead.")]
    if lowered.startswith("http://"):
        return [Problem(shown, number, f"the {kind} uses http://: {target}", "use the https:// address of the page.")]
    if not target or lowered.startswith(("https://", "mailto:", "#")):
        return []
    rel = target.split("#", 1)[0].split("?", 1)[0]
    resolved = (folder / rel).resolve()
    if rel.endswith("/") or resolved.is_dir():
        ok = resolved.is_dir() and any(resolved.glob("index*.md"))
    else:
        ok = resolved.is_file()
    try:
        resolved.relative_to(docs_dir)
    except ValueError:
        ok = False
    if not ok:
        hint = "point it at a file next to this one." if is_image else "link to another case as ../<slug>/index.md, or to a page under docs/."
        return [Problem(shown, number, f"the {kind} target '{target}' does not exist.", hint)]
    size = resolved.stat().st_size if is_image else 0
    if size > IMAGE_LIMIT:
        size //= 1024
        return [Problem(shown, number, f"the image '{target}' is {size} KB; the limit is {IMAGE_LIMIT // 1024} KB.",
                        "resize it (e.g. 1200 px wide) and compress it, or use WebP.")]
    return []
