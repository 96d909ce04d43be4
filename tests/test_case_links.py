"""Links between cases: the form the validator accepts works in the strict build of every
language, from every page that shows a case's text (a case shown untranslated included); every
other natural way to name a case is refused by the validator, at its line, with the form to use,
in the contributor's language."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from collection import SLUG, _facts, _text, make_project, text_name, write_case

from casekit import messages
from conftest import DEFAULT, LANGS, build, prefix

OTHERS = LANGS[1:]
LAST = LANGS[-1]
LINK = "with a [link](https://example.org/page)"  # in every section of the fixture's texts


def _validate(project: Path, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": f"{lang or 'en'}.UTF-8"}
    return subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, env=env, capture_output=True, text=True)


def _link(path: Path, *targets: str) -> None:
    """Put links to ``targets`` in the text at ``path``, one per section."""
    text = path.read_text(encoding="utf-8")
    for target in targets:
        assert LINK in text
        text = text.replace(LINK, f"with a [link]({target})", 1)
    path.write_text(text, encoding="utf-8")


def _pending_case(docs: Path, slug: str) -> Path:
    """A case written in the default language only, every other language pending."""
    case = write_case(docs, slug)
    for lang in OTHERS:
        (case / text_name(lang)).unlink()
    if OTHERS:
        with (case / "case.yml").open("a", encoding="utf-8") as handle:
            handle.write(f"pending: [{', '.join(OTHERS)}]\n")
    return case


def _case_written_in(docs: Path, slug: str, lang: str) -> Path:
    """A case written only in ``lang`` (its original), no other language recorded."""
    case = docs / "cases" / slug
    case.mkdir()
    (case / "case.yml").write_text(_facts(docs / "tags.yml", lang), encoding="utf-8")
    (case / text_name(lang)).write_text(_text(lang), encoding="utf-8")
    return case


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """The fixture collection with cases that link to each other: one pending in every other
    language, one written only in the last language; each links to the others."""
    project = make_project(tmp_path_factory.mktemp("links") / "p")
    docs = project / "docs"
    pending = _pending_case(docs, "pending-case")
    alone = _case_written_in(docs, "written-once", LAST)
    _link(pending / text_name(DEFAULT), f"../{SLUG}/index.md", "../written-once/index.md")
    _link(alone / text_name(LAST), "../pending-case/index.md", f"../{SLUG}/index.md")
    for lang in LANGS:
        _link(docs / "cases" / SLUG / text_name(lang), "../pending-case/index.md", "../written-once/index.md")
    return project


def test_links_between_cases_pass_the_validator_and_the_strict_build(linked, tmp_path):
    result = _validate(linked)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    result = build(linked, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    slugs = (SLUG, "pending-case", "written-once")
    for lang in LANGS:
        for slug in slugs:
            page = site / prefix(lang) / "cases" / slug / "index.html"
            prose = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
            hrefs = [a["href"] for a in prose.select("a[href]") if re.match(r"\.\./[a-z0-9-]+/", a["href"])]
            others = {href.split("/")[1] for href in hrefs}
            assert others >= set(slugs) - {slug}, (lang, slug, hrefs)
            for href in hrefs:  # the other case's page in the same language
                target = (page.parent / href.split("#")[0]).resolve() / "index.html"
                assert target.is_file(), (lang, slug, href)
                assert target.is_relative_to((site / prefix(lang)).resolve()) and (
                    lang != DEFAULT or not any(target.is_relative_to((site / other).resolve()) for other in OTHERS)), (lang, slug, href)


FORMS = [
    ("folder", "../{slug}/"),
    ("folder-without-slash", "../{slug}"),
    ("published-file", "../{slug}/index.html"),
    ("site-address", "/cases/{slug}/"),
    ("section", "../{slug}/index.md#results"),  # each language names its sections in its words
]
if OTHERS:
    FORMS += [("language-file", "../{slug}/index.{lang}.md"), ("language-address", "/{lang}/cases/{slug}/")]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("forms") / "p")
    _pending_case(project / "docs", "other-case")
    return project


@pytest.mark.parametrize("name,form", FORMS, ids=[name for name, _form in FORMS])
def test_other_forms_are_refused_with_the_form_to_use(tmp_path, pristine, name, form):
    project = tmp_path / "p"
    shutil.copytree(pristine, project)
    target = form.format(slug="other-case", lang=LAST)
    text = project / "docs" / "cases" / SLUG / text_name(DEFAULT)
    _link(text, target)
    line = next(number for number, content in enumerate(text.read_text(encoding="utf-8").split("\n"), 1) if target in content)
    for lang in LANGS:
        result = _validate(project, lang)
        assert result.returncode == 1, result.stdout
        found = [row for row in result.stdout.splitlines() if f"{text_name(DEFAULT)}:{line}:" in row]
        assert len(found) == 1 and "../other-case/index.md" in found[0].split(f"'{target}'")[-1], (lang, result.stdout)
        if lang != DEFAULT and messages.catalogue_path(lang).is_file():
            english = _validate(project).stdout
            assert [row for row in english.splitlines() if f":{line}:" in row] != found, lang  # said in the language


def test_the_page_form_of_a_case_written_in_another_language_is_accepted(tmp_path):
    """A case with no text in the default language has no index.md on disk; its page exists in
    every language all the same."""
    if not OTHERS:
        pytest.skip("needs a second language")
    project = make_project(tmp_path / "p")
    docs = project / "docs"
    _case_written_in(docs, "written-once", LAST)
    _link(docs / "cases" / SLUG / text_name(DEFAULT), "../written-once/index.md")
    result = _validate(project)
    assert result.returncode == 0, result.stdout


def test_a_link_is_resolved_as_the_file_system_resolves_it(tmp_path):
    """links._Site resolves each link's folder once for all the links into it: the same path
    as Path.resolve, through symbolic links and '..' alike (the layout check refuses links
    under docs/, but the link check must not depend on it)."""
    from casekit.links import _Site
    docs = tmp_path / "docs"
    (docs / "cases" / "a").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (docs / "cases" / "b").symlink_to(tmp_path / "outside", target_is_directory=True)
    (docs / "cases" / "a" / "f.png").symlink_to(tmp_path / "outside")
    site = _Site(docs.resolve())
    folder = docs / "cases" / "a"
    for rel in ("x.md", "../b/index.md", "../b/../a/x.md", "f.png", "../../cases/a/", "..", ".", "../b", "../b/../../x"):
        assert site.resolve(folder / rel) == (folder / rel).resolve(), rel
        assert site.resolve(folder / rel) == (folder / rel).resolve(), rel  # from the remembered folder too
