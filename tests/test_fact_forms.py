"""Facts as people write them (a number with the separators of their language, an approximate
figure, a date with slashes or a month's name): the validator names the line and suggests the
form case.yml wants, with their value in it, in the contributor's language. A language left
pending on purpose is called pending, not missing."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from babel import Locale
from babel.dates import get_month_names
from babel.numbers import format_decimal
from collection import SLUG, make_project

from casekit import project
from conftest import LANGS, ROOT, built_fixture, prefix

LAST = LANGS[-1]
MONTH = get_month_names("wide", locale=LAST)[1]  # January, in the last language of the registry

# what is written in case.yml (replacing the participants or a date), what the fix must say
FORMS = [
    ("grouped-comma", "participants: {people: 12}", "participants:\n  people: 3,400", "people: 3400"),
    ("grouped-space", "participants: {people: 12}", "participants: {people: 3 400}", "people: 3400"),
    # the form the scaffold's comment shows ({people: 50}), with a comma: YAML reads two entries
    ("grouped-comma-in-braces", "participants: {people: 12}", "participants: {people: 3,400}", "people: 3400"),
    ("grouped-point", "participants: {people: 12}", "participants:\n  people: 3.400", "people: 3400"),
    # an approximate figure is a fact of its own ({about: N}); a lower bound is {more_than: N}
    ("approximate", "participants: {people: 12}", "participants:\n  people: about 3,400", "people: {about: 3400}"),
    ("approximate-sign", "participants: {people: 12}", "participants: {people: ~3400}", "people: {about: 3400}"),
    ("approximate-circa", "participants: {people: 12}", "participants:\n  people: c. 3.400 households", "people: {about: 3400}"),
    ("lower-bound", "participants: {people: 12}", "participants:\n  people: more than 3,400", "people: {more_than: 3400}"),
    ("lower-bound-sign", "participants: {people: 12}", "participants: {people: 3400+}", "people: {more_than: 3400}"),
    ("with-a-noun", "participants: {people: 12}", "participants:\n  people: 3,400 households", "people: 3400"),
    ("approximate-after", "participants: {people: 12}", "participants:\n  people: 3400 (approx.)", "people: {about: 3400}"),
    # in braces, the comma of the number ends the entry: the fix is still the form to use
    ("approximate-in-braces", "participants: {people: 12}", "participants: {people: about 3,400}", "people: {about: 3400}"),
    ("with-a-noun-in-braces", "participants: {people: 12}", "participants: {people: 3,400 households}", "people: 3400"),
    # a source's address with http://, its language by name (in the last language of the registry)
    ("source-http", "url: https://example.org/report", "url: http://example.org/report", "url: https://example.org/report"),
    ("source-language-name", "    language: en", f"    language: {Locale.parse(LAST).languages['en']}", "language: en"),
    ("date-slashes", "published: 2019-05", "published: 2023/05", "published: 2023-05"),
    ("month-year", "published: 2019-05", "published: 05/2023", "published: 2023-05"),
    ("month-name", "start: 2020-01", f"start: {MONTH} 2019", "start: 2019-01"),
    ("day-month-name", "end: 2020-06", f"end: 15 {MONTH} 2021", "end: 2021-01-15"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("forms") / "p")


def _run(project, *args, lang=None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": f"{lang or 'en'}.UTF-8"}
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("name,old,new,fix", FORMS, ids=[form[0] for form in FORMS])
def test_the_form_people_write_gets_the_form_to_use(tmp_path, pristine, name, old, new, fix):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    facts = project / "docs" / "cases" / SLUG / "case.yml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new), encoding="utf-8")
    line = next(number for number, content in enumerate(facts.read_text(encoding="utf-8").split("\n"), 1)
                if new.split("\n")[-1].strip() in content)
    for lang in LANGS:
        result = _run(project, lang=lang)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
        rows = [row for row in result.stdout.splitlines() if f"case.yml:{line}:" in row]
        assert len(rows) == 1, (lang, result.stdout)
        value = new.split("\n")[-1].split(":", 1)[1].strip()
        assert fix in rows[0].split(value)[-1], (lang, rows[0])  # suggested after the value quoted


@pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")
def test_a_pending_language_is_called_pending(tmp_path, pristine):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    case = project / "docs" / "cases" / SLUG
    (case / f"index.{LAST}.md").unlink()
    with (case / "case.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"pending: [{LAST}]\n")
    summary = tmp_path / "summary.md"
    result = _run(project, "--format", "github", "--summary", str(summary), "--changed", f"docs/cases/{SLUG}/case.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in summary.read_text(encoding="utf-8").splitlines() if f"`{SLUG}`" in line and "|" in line)
    assert row.split("|")[-2].strip() == "pending", row
    assert f"index.{LAST}.md" not in result.stdout  # no warning that it is missing


STRINGS = project.strings_for(ROOT)
FIGURE = 3400  # a figure every language's convention groups


def _before_count(key: str, lang: str) -> str:
    """The words a UI string of ``lang`` puts before its {count} ("more than", "about")."""
    return str(STRINGS(lang).get(key)).split("{count}")[0].strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bound", ["about", "more_than"])
def test_an_approximate_figure_or_a_lower_bound_in_the_language_s_words(tmp_path, pristine, lang, bound):
    """"about 3,400", "more than 3,400" in the words the site itself uses in each language and its
    separators: the fix is the form case.yml wants for an approximate figure or a lower bound."""
    project_dir = tmp_path / "p"
    shutil.copytree(pristine, project_dir)
    facts = project_dir / "docs" / "cases" / SLUG / "case.yml"
    written = f"{_before_count(f'facts.{bound}_people', lang)} {format_decimal(FIGURE, locale=STRINGS(lang)('site.locale'))}"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("participants: {people: 12}", f"participants:\n  people: {written}"), encoding="utf-8")
    line = next(number for number, content in enumerate(facts.read_text(encoding="utf-8").split("\n"), 1) if written in content)
    result = _run(project_dir, lang=lang)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    rows = [row for row in result.stdout.splitlines() if f"case.yml:{line}:" in row]
    assert len(rows) == 1, (lang, result.stdout)
    assert f"people: {{{bound}: {FIGURE}}}" in rows[0].split(written)[-1], (lang, rows[0])


def test_an_approximate_figure_written_as_case_yml_wants_it_passes(tmp_path, pristine):
    project_dir = tmp_path / "p"
    shutil.copytree(pristine, project_dir)
    facts = project_dir / "docs" / "cases" / SLUG / "case.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("participants: {people: 12}", f"participants:\n  people: {{about: {FIGURE}}}\n  organisations: 12"),
                     encoding="utf-8")
    result = _run(project_dir)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def about_site(tmp_path_factory):
    return built_fixture(tmp_path_factory, "about", participants=f"{{people: {{about: {FIGURE}}}, organisations: 12}}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_facts_box_says_the_figure_is_approximate(about_site, lang):
    t = STRINGS(lang)
    row = about_site.soup(f"{prefix(lang)}cases/{SLUG}/").select_one('.case-facts__row[data-fact="participants"] dd')
    shown = row.get_text(" ", strip=True)
    assert shown.startswith(t("facts.about_people", count=FIGURE)), (lang, shown)
    assert not shown.startswith(t("facts.people", count=FIGURE)), (lang, shown)  # not as if it were exact
    assert t.number(FIGURE) in shown and str(FIGURE) not in shown, (lang, shown)  # the language's separators
    assert t("facts.organisations", count=12) in shown, (lang, shown)


def test_the_open_data_flag_the_approximate_figure(about_site):
    record = json.loads((about_site.path / "cases.json").read_text(encoding="utf-8"))["cases"][0]
    assert record["participants_people"] == FIGURE and record["participants_organisations"] == 12
    assert record["participants_approximate"] is True and record["participants_more_than"] is False
    row = next(csv.DictReader(io.StringIO((about_site.path / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert row["participants_people"] == str(FIGURE) and row["participants_approximate"] == "true"
    for lang in LANGS:  # the codebook explains the flag
        codebook = about_site.soup(f"{prefix(lang)}data/").get_text(" ", strip=True)
        assert "participants_approximate" in codebook and STRINGS(lang)("data.fields.participants_approximate") in codebook
