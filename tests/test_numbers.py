"""Numbers are written as each language writes them: one convention per language (the pages'
regional variant, site.locale, through Babel; CONTRIBUTING.md, Numbers), in every string that
prints a count, in the bare counts of the tag index and the places list, and in the counts the
catalogue's script writes (Intl.NumberFormat with the same locale). The scripts write the
figures they print (durations, sizes, lengths) as the contributor's language writes numbers:
"1,25 s" where it writes a decimal comma."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from babel.numbers import format_decimal, get_decimal_symbol
from collection import make_project

from casekit import markdown_shape, messages, project
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


@pytest.mark.parametrize("lang", LANGS)
def test_a_figure_in_a_message_is_written_as_the_contributor_s_language_writes_numbers(lang):
    """A float and a Number (with or without a pattern) in a message: the language's decimal
    sign and grouping; a whole number given as it is (a line, a value to type) stays as it is."""
    language = messages.load(lang)
    say = language.say
    assert say(messages.Number(1.25, "0.00")) == format_decimal(1.25, format="0.00", locale=language.locale)
    assert say(1.25) == format_decimal(1.25, locale=language.locale)
    assert say(messages.Number(BIG)) == format_decimal(BIG, locale=language.locale)
    assert say(BIG) == str(BIG)
    decimal = get_decimal_symbol(language.locale)
    assert say(messages.Number(1.25, "0.00")) == f"1{decimal}25"


@pytest.mark.parametrize("lang", LANGS)
def test_a_length_in_a_problem_is_written_as_the_contributor_s_language_writes_numbers(lang):
    """A paragraph longer than the limit: its length and the limit, grouped as the language groups."""
    language = messages.load(lang)
    source = "word " * (markdown_shape.MAX_BLOCK // 5 + 10)
    found = [problem.format(language) for problem in markdown_shape.problems(source, 1, "index.md")]
    assert len(found) == 1, found
    limit = format_decimal(markdown_shape.MAX_BLOCK, locale=language.locale)
    assert limit != str(markdown_shape.MAX_BLOCK), "every language groups a five-digit number"
    assert limit in found[0] and str(markdown_shape.MAX_BLOCK) not in found[0], found[0]


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("numbers") / "p")


@pytest.mark.parametrize("lang", LANGS)
def test_the_validator_s_time_is_written_with_the_language_s_decimal_sign(fixture_project, lang):
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": f"{lang}.UTF-8"}
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=fixture_project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    decimal = get_decimal_symbol(messages.load(lang).locale)
    assert re.search(rf"\(\d+{re.escape(decimal)}\d\d s\)", result.stdout), (lang, result.stdout)
