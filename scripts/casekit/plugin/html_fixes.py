"""Two corrections to Material's markup that the Nu HTML Checker rejects.

- Its hidden checkbox toggles carry autocomplete="off", which HTML allows on text-like inputs
  only: the attribute is dropped (checkboxes are not autofilled anyway).
- Its table of contents labels a checkbox (#__toc) that only exists on pages in the sidebar;
  on other pages (cases, tag pages) the label becomes a plain heading.
"""
from __future__ import annotations

import re

TOGGLE = re.compile(r'(<input class="[^"]*md-toggle[^"]*"[^>]*?) autocomplete="off"')


TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def page(output: str) -> str:
    output = template(output)
    start = output.find(TOC_LABEL) if 'id="__toc"' not in output else -1
    end = output.find("</label>", start) if start >= 0 else -1
    if end >= 0:  # the label, to its end, as a heading (string search: a regex scanned the whole page)
        output = output[:start] + '<div class="md-nav__title">' + output[start + len(TOC_LABEL):end] + "</div>" + output[end + len("</label>"):]
    return output


def template(output: str) -> str:
    return TOGGLE.sub(r"\1", output)
