"""Adding a language is one command: right after `scripts/new_language.py`, before anything is
translated, the validator passes and the strict build makes every page in the new language
(cases shown in their original with the usual notice)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, ROOT, SLUGS, build, copy_project

NEW = next(code for code in ("fr", "pt", "de", "it", "sw") if code not in LANGS)


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("language") / "p")
    (project / ".github").mkdir()
    for name in ("CODEOWNERS", "ISSUE_TEMPLATE"):
        source = ROOT / ".github" / name
        if source.is_dir():
            import shutil
            shutil.copytree(source, project / ".github" / name)
        elif source.exists():
            (project / ".github" / name).write_bytes(source.read_bytes())
    (project / "CONTRIBUTING.md").write_bytes((ROOT / "CONTRIBUTING.md").read_bytes())
    result = subprocess.run([sys.executable, str(project / "scripts" / "new_language.py"), NEW], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_the_language_joins_the_registry_and_the_checks_pass(added):
    from casekit import project
    assert project.languages(added)[-1] == NEW
    checked = subprocess.run([sys.executable, str(added / "scripts" / "validate.py")], cwd=added, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    assert f"in {len(LANGS) + 1} languages" in checked.stdout
    owners = (added / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert f"*.{NEW}.md" in owners and f"i18n/{NEW}.yml" in owners
    # the case proposal form is made again from the data: it offers the language, and is up to date
    form = subprocess.run([sys.executable, str(added / "scripts" / "make_issue_form.py"), "--check"], cwd=added, capture_output=True, text=True)
    assert form.returncode == 0, form.stdout + form.stderr
    assert f"({NEW})" in (added / ".github" / "ISSUE_TEMPLATE" / "propose-case.yml").read_text(encoding="utf-8")
    # its contributor guide: the default language's, to translate, linked from CONTRIBUTING.md
    # under its name with its file and its path on the site, after the other languages' lines
    guide = added / "docs" / "contribute" / f"index.{NEW}.md"
    assert guide.read_bytes() == (ROOT / "docs" / "contribute" / "index.md").read_bytes()
    lines = (added / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()
    (line,) = [line for line in lines if f"(docs/contribute/index.{NEW}.md)" in line]
    assert f"**{project.language_names(added)[NEW]}**" in line and f"`/{NEW}/contribute/`" in line
    assert lines.index(line) == 1 + max(i for i, other in enumerate(lines) if "](docs/contribute/index" in other and other != line)
    # its section of the style guide: the default language's, with the relative-time words its
    # UI strings start with (test_relative_time keeps the two the same)
    from test_relative_time import guide_words
    assert guide_words(NEW, added) == set(project.strings_for(added)(NEW).get("checks.relative_time"))
    # its pages start in the regional variant CLDR finds most likely (fr_FR), not the default language's
    assert project.strings_for(added)(NEW)("site.locale").startswith(f"{NEW}_")


def test_the_strict_build_makes_every_page_in_the_new_language(added, tmp_path):
    result = build(added, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for slug in SLUGS:
        page = BeautifulSoup((site / NEW / "cases" / slug / "index.html").read_text(encoding="utf-8"), "lxml")
        assert page.html["lang"] == NEW
        assert page.select_one(".case-notice") is not None  # not translated yet: the original, marked
    for rel in ("", "cases/", "tags/", "search/", "translations/", "data/", "contribute/"):
        assert (site / NEW / rel / "index.html").is_file(), rel
    selector = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").select("a.md-select__link")
    assert NEW in {a["hreflang"] for a in selector}


def test_a_language_already_there_or_unknown_is_refused(added):
    env = {**os.environ}
    for code in (LANGS[0], "qqq-not-a-language"):
        result = subprocess.run([sys.executable, str(added / "scripts" / "new_language.py"), code], cwd=added,
                                capture_output=True, text=True, env=env)
        assert result.returncode != 0 and "error:" in result.stderr and "Traceback" not in result.stderr


def test_a_right_to_left_language_builds_with_dir_wherever_lang_is(tmp_path):
    rtl = next(code for code in ("ar", "fa", "he", "ur") if code not in LANGS)
    project = copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, str(project / "scripts" / "new_language.py"), rtl], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    page = BeautifulSoup((tmp_path / "site" / rtl / "cases" / SLUGS[0] / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.body["dir"] == "rtl"
    from casekit import views
    marked = page.select("[lang]")
    assert marked
    for element in marked:
        if element.name == "html":
            continue
        assert element.get("dir") == views.text_direction(element["lang"]), element.name
    assert any(element.get("dir") == "rtl" for element in marked)


def test_the_registry_and_vocabulary_are_edited_as_yaml_keeping_the_rest_byte_for_byte():
    """new_language.py edits mkdocs.yml and docs/tags.yml as YAML (a round-trip reader and
    writer), so a list or mapping written in another style is found too, and every line it does
    not change stays as it was, comments included."""
    import new_language

    config = ("# the site\nplugins:\n  - i18n:\n      languages: [{locale: xa, default: true, name: Xa}, {locale: xb, name: Xb}]\n"
              "      # languages end here\n  - search\n")
    added = new_language.add_to_registry(config, "xc", "Xc")
    assert added == config.replace("{locale: xb, name: Xb}]", "{locale: xb, name: Xb}, {locale: xc, name: Xc, build: true}]")
    vocabulary = ("facets:\n  theme: {xa: Theme, xb: \"Tema\"}  # labels\n"
                  "tags:\n  one:\n    description:\n      xa: One thing.   # kept\n      xb: Una cosa.\n    facet: theme\n")
    added = new_language.add_to_vocabulary(vocabulary, "xa", "xc")
    lines = added.splitlines()
    assert lines[1].startswith('  theme: {xa: Theme, xb: "Tema", xc: Theme}') and lines[1].endswith("# labels")
    assert "      xa: One thing.   # kept" in lines and "      xc: One thing." in lines
    assert lines[-1] == "    facet: theme"
