"""The contributor guide is the site's Contribute page, in every language of the registry, and
CONTRIBUTING.md starts by linking each: its Markdown file in the repository and its path on the
site, under the language's name as the registry (the language selector) gives it."""
from __future__ import annotations

import re

from casekit import layout, project
from conftest import DEFAULT, LANGS, ROOT, prefix


def _guide_links(text: str) -> dict:
    """{file: the line linking it} for the lines of ``text`` that link a page of the guide."""
    return {match.group(1): line for line in text.splitlines() for match in re.finditer(r"\]\((docs/contribute/[\w.]+\.md)\)", line)}


def test_the_guide_exists_in_every_language_with_a_title():
    for lang in LANGS:
        page = ROOT / "docs" / "contribute" / layout.text_filename(lang, DEFAULT)
        assert page.is_file(), lang
        assert re.search(r"^title: \S", page.read_text(encoding="utf-8"), re.M), lang


def test_contributing_starts_by_linking_the_guide_in_every_language():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    first_section = text.split("\n## ", 1)[0]
    links = _guide_links(first_section)
    names = project.language_names(ROOT)
    for lang in LANGS:
        page = f"docs/contribute/{layout.text_filename(lang, DEFAULT)}"
        assert page in links, lang
        assert f"**{names[lang]}**" in links[page] and f"`/{prefix(lang)}contribute/`" in links[page], links[page]
    assert set(links) == {f"docs/contribute/{layout.text_filename(lang, DEFAULT)}" for lang in LANGS}
