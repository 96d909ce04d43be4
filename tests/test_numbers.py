"""Numbers are written as each language writes them: one convention per language (the pages'
regional variant, site.locale, through Babel; CONTRIBUTING.md, Numbers), in every string that
prints a count, in the bare counts of the tag index and the places list, and in the counts the
catalogue's script writes (Intl.NumberFormat with the same locale)."""
from __future__ import annotations

import pytest
from babel.numbers import format_decimal

from casekit import project
from conftest import LANGS, ROOT, prefix, serve

STRINGS = project.strings_for(ROOT)
BIG = 12345  # a number every convention groups


@pytest.mark.parametrize("lang", LANGS)
def test_a_count_in_a_string_is_written_as_the_language_writes_numbers(lang):
    t = STRINGS(lang)
    written = format_decimal(BIG, locale=t("site.locale"))
    assert written != str(BIG), "the convention groups the digits of a five-digit number"
    assert t.number(BIG) == written
    assert written in t("catalogue.count", count=BIG)
    assert str(BIG) not in t("catalogue.count", count=BIG)


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_s_script_writes_numbers_as_the_build_does(fixture_site, browser, lang):
    """The catalogue gives its script the pages' locale; the browser's Intl.NumberFormat with
    it writes a number as Babel does for the build."""
    t = STRINGS(lang)
    filters = fixture_site.soup(f"{prefix(lang)}cases/").select_one("#case-filters")
    locale = filters["data-locale"]
    assert locale == t("site.locale").replace("_", "-")
    with serve(fixture_site.path) as address:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{address}{prefix(lang)}cases/")
        assert page.evaluate("([locale, n]) => new Intl.NumberFormat(locale).format(n)", [locale, BIG]) == t.number(BIG)
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_script_is_given_the_locale_its_counts_are_written_in(fixture_site, lang):
    """Every search form (the header's, the search page's) names the pages' locale, and the
    not-found page gives it for every language (its script points the form at the path's
    language): search.js writes its counts with Intl.NumberFormat in it."""
    import json
    wanted = STRINGS(lang)("site.locale").replace("_", "-")
    for path in (f"{prefix(lang)}", f"{prefix(lang)}search/"):
        forms = fixture_site.soup(path).select("form[data-search]")
        assert forms, path
        assert {form.get("data-search-locale") for form in forms} == {wanted}, path
    script = fixture_site.soup(f"{prefix(lang)}404.html").select_one("script[type='application/json']")
    assert script is not None
    data = json.loads(script.string)
    assert data["languages"][lang]["search"]["locale"] == wanted
