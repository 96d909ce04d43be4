"""The licence of texts and data (mkdocs.yml, extra.licence) stands in every page's footer and on
the data page in the page's language, and in cases.json; the footer has no English left."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import LANGS, ROOT, prefix


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
LICENCE = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["extra"]["licence"]


def _t(lang):
    from casekit import project
    return project.strings_for(ROOT)(lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "cases/", "data/", "404.html"])
def test_footer_names_the_licence_in_the_page_language(site, lang, page):
    soup = site.soup(prefix(lang) + page)
    footer = soup.select_one(".md-copyright")
    link = footer.select_one('a[rel="license"]')
    assert link["href"] == LICENCE["url"] and link.get_text(strip=True) == LICENCE["name"]
    text = " ".join(footer.get_text(" ").split())
    assert _t(lang)("footer.licence") in text and _t(lang)("footer.made_with") in text


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_names_the_licence(site, lang):
    link = site.soup(prefix(lang) + "data/").select_one('article a[rel="license"]')
    assert link is not None and link["href"] == LICENCE["url"]


def test_open_data_carries_the_licence(site):
    data = json.loads((site.path / "cases.json").read_text(encoding="utf-8"))
    assert data["licence"] == LICENCE
