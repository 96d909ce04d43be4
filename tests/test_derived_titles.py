"""The title MkDocs derives from a page's first heading (when its front matter gives none) is
checked by the build once the page is rendered, as the templates will print it: a setext or
unspaced heading of entities is refused, plain words pass."""
from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from casekit.plugin import boundary

HOSTILE = [
    "Contribute &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n===\n",
    "#Contribute &#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;\n",
    "Contribute &#x3c;img src=x onerror=alert(1)&#x3e;\n=\n",
    "# Contribute &LT;script&GT;\n",
]


def _rendered(tmp_path, body: str) -> Page:
    docs = tmp_path / "docs"
    (docs / "page").mkdir(parents=True)
    (docs / "page" / "index.md").write_text("---\n{}\n---\n\n" + body + "\nSome words.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("page/index.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


@pytest.mark.parametrize("body", HOSTILE)
def test_a_derived_title_with_markup_is_refused(tmp_path, body):
    page = _rendered(tmp_path, body)
    assert "&" in page.title  # MkDocs did derive it from the heading
    problems = boundary.check_title(page, lambda: ("docs/page/index.md", ""))
    assert problems and problems[0].path == "docs/page/index.md"


def test_a_derived_title_of_plain_words_passes(tmp_path):
    page = _rendered(tmp_path, "Contribute a case study\n===\n")
    assert page.title == "Contribute a case study"
    assert boundary.check_title(page, lambda: ("docs/page/index.md", "")) == []
