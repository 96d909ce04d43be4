"""The content model's building blocks: line numbers, messages, strings, formatting."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from casekit import strings, views, yamlines
from casekit.problems import Problem, report
from conftest import LANGS, ROOT


def test_yaml_lines_point_at_keys_and_items():
    doc = yamlines.load("a: 1\nlist:\n  - x\n  - y\nmap:\n  deep: 2\n", first_line=2)
    assert doc.line(("a",)) == 2
    assert doc.line(("list", 1)) == 5
    assert doc.line(("map", "deep")) == 7
    assert doc.line(("map", "missing")) == 6  # falls back to the parent
    assert doc.data["list"] == ["x", "y"]


def test_yaml_keeps_dates_as_text():
    assert yamlines.load("start: 2013-10\nday: 2026-11-24\n").data == {"start": "2013-10", "day": "2026-11-24"}


def test_yaml_syntax_error_has_a_line():
    with pytest.raises(yamlines.YamlSyntaxError) as err:
        yamlines.load("a: 1\nb: [unclosed\nc: 3\n")
    assert err.value.line >= 2


def test_front_matter_split_reports_body_line():
    # MkDocs' rule: the body starts after the blank lines that follow the front matter
    front, body, line = yamlines.split_front_matter("---\ntitle: x\n---\n\n## A\n")
    assert front == "title: x\n" and body.startswith("## A") and line == 5


def test_problem_format_is_one_line():
    text = Problem("docs/cases/x/case.yml", 7, "missing required fact 'countries'.", "add countries: [CO].").format()
    assert text == "docs/cases/x/case.yml:7: error: missing required fact 'countries'. Fix: add countries: [CO]."
    assert report([Problem("a", 1, "m.")]).splitlines()[-1] == "1 problem found."


def test_every_language_has_the_same_ui_strings():
    keys = {lang: strings.flat_keys(yaml.safe_load((ROOT / "overrides/i18n" / f"{lang}.yml").read_text(encoding="utf-8"))) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys["en"], f"{lang}.yml differs from en.yml: {keys[lang] ^ keys['en']}"


@pytest.mark.parametrize("lang,one,many", [("en", "1 organisation", "13 organisations"),
                                           ("es", "1 organización", "13 organizaciones"),
                                           ("nl", "1 organisatie", "13 organisaties")])
def test_plural_forms(lang, one, many):
    t = strings.load(ROOT / "overrides/i18n", lang)
    assert t("facts.organisations", count=1) == one
    assert t("facts.organisations", count=13) == many


@pytest.mark.parametrize("lang,expected", [("en", "October 2013 – June 2014"),
                                           ("es", "octubre de 2013 – junio de 2014"),
                                           ("nl", "oktober 2013 – juni 2014")])
def test_period_is_written_as_the_language_writes_it(lang, expected):
    t = strings.load(ROOT / "overrides/i18n", lang)
    assert views.format_period("2013-10", "2014-06", lang, t) == expected


def test_period_with_one_end_or_none():
    t = strings.load(ROOT / "overrides/i18n", "es")
    assert views.format_period("2020", None, "es", t) == "Desde 2020"
    assert views.format_period(None, "2021-03-05", "es", t) == "Hasta 5 de marzo de 2021"
    assert views.format_period(None, None, "es", t) is None


@pytest.mark.parametrize("script", ["bootstrap.py", "serve.py", "test.py"])
def test_scripts_explain_themselves(script):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--help"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})  # in English (test_cli_language.py: the others)
    assert result.returncode == 0
    assert "usage" in result.stdout.lower() and len(result.stdout.splitlines()) > 3


def _cases(tags_by_slug: dict) -> dict:
    from types import SimpleNamespace
    return {slug: SimpleNamespace(facts={"tags": tags}) for slug, tags in tags_by_slug.items()}


def test_related_cases_are_those_sharing_the_most_tags_ties_by_slug():
    cases = _cases({"a": ["x", "y", "z"], "b": ["x", "y"], "c": ["x"], "d": ["z"], "e": ["q"]})
    found = views.related(cases, limit=2)
    assert found["a"] == ["b", "c"]  # b shares two tags; c and d one each, c first by slug
    assert found["e"] == []
    assert found["c"] == ["a", "b"]


def test_related_cases_weigh_a_bounded_number_of_candidates_rarest_tags_first(monkeypatch):
    """Each case weighs at most RELATED_CANDIDATES others, taken from its rarest tags first, so
    that the work grows with the collection and not with its square."""
    tags = {"x": ["t1", "t2"], "zz": ["t1", "t2"]}
    tags.update({f"a{n}": ["t1"] for n in range(10)})
    tags.update({f"b{n:02}": ["t2"] for n in range(20)})
    assert views.related(_cases(tags))["x"] == ["zz", "a0", "a1"]  # all weighed: zz shares both tags
    monkeypatch.setattr(views, "RELATED_CANDIDATES", 5)
    found = views.related(_cases(tags))
    assert found["x"] == ["a0", "a1", "a2"]  # the first five of the rarer tag: zz lies beyond them
    assert found["b00"] == ["b01", "b02", "b03"]
