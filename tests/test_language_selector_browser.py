"""The language selector names the page's language (not a bare icon) and marks it in its menu,
in every language of the registry, on a phone and on a desktop."""
from __future__ import annotations

import pytest

from conftest import LANGS, ROOT, prefix


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_selector_names_and_marks_the_current_language(server, visit, lang, width):
    from casekit import project
    names = project.language_names(ROOT)
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server + prefix(lang))
    button = page.locator(".language-button")
    assert button.is_visible()
    assert button.inner_text().strip() == names[lang]
    assert names[lang] in button.get_attribute("aria-label")
    current = page.locator('a.md-select__link[aria-current="true"]')
    assert current.count() == 1 and current.get_attribute("hreflang") == lang
    assert page.locator("a.md-select__link").count() == len(LANGS)
