"""Two corrections to Material's markup that the Nu HTML Checker rejects.

- Its hidden checkbox toggles carry autocomplete="off", which HTML allows on text-like inputs
  only: the attribute is dropped (checkboxes are not autofilled anyway).
- Its table of contents labels a checkbox (#__toc) that only exists on pages in the sidebar;
  on other pages (cases, tag pages) the label becomes a plain heading.
"""
from __future__ import annotations

import re

TOGGLE = re.compile(r'(<input class="[^"]*md-toggle[^"]*"[^>]*?) autocomplete="off"')


def page(output: str) -> str:
    output = template(output)
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<div class="md-nav__title">', 1)
        output = re.sub(r'(<div class="md-nav__title">.*?)</label>', r"\1</div>", output, count=1, flags=re.S)
    return output


def template(output: str) -> str:
    return TOGGLE.sub(r"\1", output)
