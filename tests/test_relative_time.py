"""The validator warns, in every language, on words that date events from the reader's today
("recently"), each at its line; a warning does not fail the check."""
from __future__ import annotations

import subprocess
import sys

import pytest
from collection import SLUG, languages, make_project, text_name

from conftest import ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from casekit import project as project_mod
    dest = make_project(tmp_path_factory.mktemp("relative") / "p")
    strings = project_mod.strings_for(ROOT)
    for lang in languages():
        phrase = strings(lang).get("checks.relative_time")[0]
        path = dest / "docs" / "cases" / SLUG / text_name(lang)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("A paragraph of results", f"{phrase.capitalize()} a paragraph of results", 1), encoding="utf-8")
    return dest


def test_every_language_has_relative_time_words():
    from casekit import project as project_mod
    for lang in languages():
        words = project_mod.strings_for(ROOT)(lang).get("checks.relative_time")
        assert isinstance(words, list) and words, lang


def test_relative_time_is_a_warning_at_its_line_in_every_language(project):
    result = subprocess.run([sys.executable, str(project / "scripts" / "validate.py")], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    for lang in languages():
        rel = f"docs/cases/{SLUG}/{text_name(lang)}"
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        line = next(i for i, text in enumerate(lines, 1) if "a paragraph of results" in text)
        assert f"{rel}:{line}: warning: " in result.stdout, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("OK: ")


def guide_words(lang: str, root=ROOT) -> set:
    """The words of the style guide's "Relative time" line for ``lang`` (CONTRIBUTING.md, in the
    section headed with the language's English name)."""
    from babel import Locale
    name = Locale.parse("en").languages[lang]
    guide = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split(f"\n### {name}", 1)[1].split("\n#", 1)[0]
    bullet = section.split("\n- Relative time:", 1)[1].split("\n- ", 1)[0].split("\n\n", 1)[0]
    return {word.strip().rstrip(".") for word in " ".join(bullet.split()).split(",")}


def test_the_validator_checks_the_words_the_style_guide_bans_in_every_language():
    from casekit import project as project_mod
    for lang in languages():
        words = set(project_mod.strings_for(ROOT)(lang).get("checks.relative_time"))
        assert guide_words(lang) == words, lang


@pytest.fixture(scope="module")
def every_word(tmp_path_factory):
    """The fixture case with every relative-time word of its language, one a line."""
    from casekit import project as project_mod
    dest = make_project(tmp_path_factory.mktemp("every-word") / "p")
    strings = project_mod.strings_for(ROOT)
    for lang in languages():
        phrases = strings(lang).get("checks.relative_time")
        path = dest / "docs" / "cases" / SLUG / text_name(lang)
        lines = "\n\n".join(f"It happened {phrase}, it says." for phrase in phrases)
        path.write_text(path.read_text(encoding="utf-8").replace("A paragraph of results", lines + "\n\nA paragraph of results", 1), encoding="utf-8")
    return dest


def test_every_relative_time_word_is_found_in_every_language(every_word):
    """"now", "ahora", "nu" and the others: each word of each language's list is warned about
    at its own line."""
    from casekit import project as project_mod
    result = subprocess.run([sys.executable, str(every_word / "scripts" / "validate.py")], cwd=every_word,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    for lang in languages():
        rel = f"docs/cases/{SLUG}/{text_name(lang)}"
        lines = (every_word / rel).read_text(encoding="utf-8").splitlines()
        for phrase in project_mod.strings_for(ROOT)(lang).get("checks.relative_time"):
            line = lines.index(f"It happened {phrase}, it says.") + 1
            assert f"{rel}:{line}: warning: " in result.stdout, (lang, phrase, result.stdout)


def test_relative_time_in_the_summary_is_a_warning_at_its_line(tmp_path):
    """The summary is shown alone on cards and in the feed: a word that dates it is warned about
    at its line too, as in the prose."""
    from casekit import project as project_mod
    dest = make_project(tmp_path / "p")
    strings = project_mod.strings_for(ROOT)
    for lang in languages():
        phrase = strings(lang).get("checks.relative_time")[0]
        path = dest / "docs" / "cases" / SLUG / text_name(lang)
        text = path.read_text(encoding="utf-8")
        assert "summary: A made-up case" in text
        path.write_text(text.replace("summary: A made-up case", f"summary: {phrase.capitalize()}, a made-up case", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, str(dest / "scripts" / "validate.py")], cwd=dest,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    for lang in languages():
        rel = f"docs/cases/{SLUG}/{text_name(lang)}"
        line = next(i for i, text in enumerate((dest / rel).read_text(encoding="utf-8").splitlines(), 1) if text.startswith("summary:"))
        assert f"{rel}:{line}: warning: " in result.stdout, result.stdout
