"""The contributor scripts speak the contributor's language, in plain words, once per cause.

validate.py, new_case.py and translations.py say their messages in the language of --lang,
else of LANG, else English, from the gettext catalogues (scripts/casekit/locale/); a language
of the site without a catalogue is spoken in English. Every check runs on the fixture collection
(tests/collection.py). No test names a language: they come from the registry and the catalogues
present, and what a message should read is what that catalogue says."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from collection import SLUG, make_project, text_name

from casekit import vocab as casekit_vocab
from conftest import DEFAULT, LANGS, ROOT

CASE = f"docs/cases/{SLUG}"
LOCALE = Path("scripts") / "casekit" / "locale"


def _catalogued() -> list:
    """The languages of the site with a catalogue of messages (not the message ids' English)."""
    present = {path.name for path in (ROOT / LOCALE).iterdir() if (path / "LC_MESSAGES" / "casekit.po").is_file()} \
        if (ROOT / LOCALE).is_dir() else set()
    return [lang for lang in LANGS if lang in present]


CATALOGUED = _catalogued()
needs_a_catalogue = pytest.mark.skipif(not CATALOGUED, reason="no language of the site has a catalogue of messages")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("messages") / "p")


@pytest.fixture
def project(tmp_path, pristine):
    shutil.copytree(pristine, tmp_path / "p")
    return tmp_path / "p"


def _run(project: Path, script: str, *args, lang_env: str | None = None) -> subprocess.CompletedProcess:
    """Run a script of ``project`` with LANG set to ``lang_env`` (unset when None)."""
    env = {key: value for key, value in os.environ.items() if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    if lang_env is not None:
        env["LANG"] = lang_env
    return subprocess.run([sys.executable, str(project / "scripts" / script), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def _validate(project: Path, *args, lang_env: str | None = None) -> subprocess.CompletedProcess:
    return _run(project, "validate.py", *args, lang_env=lang_env)


def _edit(project: Path, rel: str, old: str, new: str) -> Path:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old[3:], new, text, count=1, flags=re.S) if old.startswith("re:") else text.replace(old, new, 1)
    assert changed != text, f"{old!r} not in {rel}"
    path.write_text(changed, encoding="utf-8")
    return path


def _line_of(path: Path, marker: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in text)


def _problems(result: subprocess.CompletedProcess) -> list:
    """The problem lines of a validator's report (not its count or the warnings)."""
    return [line for line in result.stdout.strip().splitlines()[:-1] if re.match(r"^\S+:\d+: ", line)]


def _language(lang: str):
    from casekit import messages
    return messages.load(lang, ROOT / LOCALE)


def _posix_locale(lang: str) -> str:
    """A LANG value naming ``lang`` as a shell would: its language, the territory CLDR gives it
    most likely, and the encoding (nl_NL.UTF-8)."""
    from babel.core import get_global
    locale = Locale.parse(lang.replace("-", "_"))
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = locale.territory or Locale.parse(likely).territory if likely else locale.territory
    return f"{locale.language}_{territory or locale.language.upper()}.UTF-8"


# --- the language of the messages ---------------------------------------------------------


def _broken_source_url(project: Path) -> Path:
    return _edit(project, f"{CASE}/case.yml", "re:url: https://\\S+", "url: http://example.org/report")


@needs_a_catalogue
@pytest.mark.parametrize("lang", CATALOGUED)
def test_lang_option_and_lang_environment_choose_the_language(project, lang):
    from casekit.messages import _, _n
    from casekit.wording import subject
    _broken_source_url(project)
    english = _validate(project)
    assert english.returncode == 1
    say = _language(lang).say
    for result in (_validate(project, "--lang", lang), _validate(project, lang_env=_posix_locale(lang))):
        assert result.returncode == 1, result.stderr
        lines = result.stdout.strip().splitlines()
        assert lines[-1] == say(_n("{count} problem found.", "{count} problems found.", 1)), result.stdout
        assert lines[-1] != english.stdout.strip().splitlines()[-1], "the catalogue says the count as English does"
        said = say(_("{subject} has the wrong format: {value}.", subject=subject(("sources", 0, "url")), value=repr("http://example.org/report")))
        assert said in lines[0], result.stdout
    # --lang wins over LANG
    other = next((code for code in LANGS if code != lang), None)
    if other is not None:
        chosen = _validate(project, "--lang", lang, lang_env=_posix_locale(other))
        assert chosen.stdout == _validate(project, "--lang", lang).stdout


@needs_a_catalogue
def test_a_clean_collection_says_ok_in_the_language(project):
    from casekit.messages import _n
    lang = CATALOGUED[-1]
    result = _validate(project, "--lang", lang)
    assert result.returncode == 0, result.stdout
    ok = _language(lang).say(_n("OK: {count} case in {languages} languages checked, no problems ({seconds} s).",
                                "OK: {count} cases in {languages} languages checked, no problems ({seconds} s).",
                                1, languages=len(LANGS), seconds="SECONDS"))
    before, after = ok.split("SECONDS")
    assert result.stdout.startswith(before) and result.stdout.rstrip("\n").endswith(after), result.stdout


def test_english_without_lang_or_for_a_language_the_site_does_not_have(project):
    _broken_source_url(project)
    plain = _validate(project)
    assert plain.stdout.strip().splitlines()[-1] == "1 problem found."
    assert _validate(project, lang_env="C.UTF-8").stdout == plain.stdout
    unknown = next(code for code in ("zu", "xh", "yo", "ig", "ha") if code not in LANGS)
    assert _validate(project, lang_env=_posix_locale(unknown)).stdout == plain.stdout
    refused = _validate(project, "--lang", unknown)
    assert refused.returncode == 2 and unknown in refused.stderr and "Traceback" not in refused.stderr


@needs_a_catalogue
def test_a_registry_language_without_a_catalogue_falls_back_to_english(project):
    lang = CATALOGUED[0]
    shutil.rmtree(project / LOCALE / lang.replace("-", "_"))
    _broken_source_url(project)
    english = _validate(project)
    for result in (_validate(project, "--lang", lang), _validate(project, lang_env=_posix_locale(lang))):
        assert result.returncode == 1 and not result.stderr, result.stderr
        assert result.stdout == english.stdout


@needs_a_catalogue
def test_new_case_and_translations_speak_the_language(project):
    from casekit.messages import _
    lang = CATALOGUED[-1]
    say = _language(lang).say
    made = _run(project, "new_case.py", "fixture-new", "--lang", lang)
    assert made.returncode == 0, made.stderr
    assert say(_("Next steps:")) in made.stdout and say(_("Next steps:")) != "Next steps:"
    facts = (project / "docs" / "cases" / "fixture-new" / "case.yml").read_text(encoding="utf-8")
    assert f"# {say(_('the day you checked the facts against the sources'))}" in facts
    again = _run(project, "new_case.py", "fixture-new", lang_env=_posix_locale(lang))
    assert again.returncode != 0
    assert say(_("error: {folder} already exists; choose another slug, or edit that case.", folder="docs/cases/fixture-new/")) in again.stderr
    report = _run(project, "translations.py", "--lang", lang)
    assert report.stdout.split()[0] == say(_("case")), report.stdout
    english = _run(project, "translations.py")
    assert english.stdout.split()[0] == "case"


# --- plain words -------------------------------------------------------------------------


def test_schema_paths_are_said_in_plain_words(project):
    facts = _edit(project, f"{CASE}/case.yml", "re:url: https://\\S+",
                  "url: https://example.org/report\n  - title: A second report\n    publisher: Fixture Publisher\n"
                  "    language: en\n    url: http://example.org/second")
    _edit(project, f"{CASE}/case.yml", "re:countries: \\[[^]\n]*\\]", "countries: [[CO]]")
    result = _validate(project)
    assert result.returncode == 1
    assert "the second source's address has the wrong format: 'http://example.org/second'." in result.stdout, result.stdout
    assert "the first country must be text, not ['CO']." in result.stdout, result.stdout
    assert not re.search(r"'(sources|countries)\.\d", result.stdout), result.stdout
    line = _line_of(facts, "http://example.org/second")
    assert any(row.startswith(f"{CASE}/case.yml:{line}: error: the second source's address") for row in _problems(result))


@needs_a_catalogue
@pytest.mark.parametrize("lang", CATALOGUED)
def test_plain_words_in_each_catalogue(project, lang):
    from casekit.messages import _
    from casekit.wording import subject
    _edit(project, f"{CASE}/case.yml", "re:countries: \\[[^]\n]*\\]", "countries: [CO, [CO]]")
    result = _validate(project, "--lang", lang)
    say = _language(lang).say
    expected = say(_("{subject} must be {expected}, not {value}.", subject=subject(("countries", 1)),
                     expected=_("text"), value=repr(["CO"])))
    assert expected in result.stdout, result.stdout
    assert "countries.1" not in result.stdout


def test_a_tab_is_named_with_its_line_and_column(project):
    facts = _edit(project, f"{CASE}/case.yml", "partners: []", "partners:\n\t- Fixture Partner")
    line = _line_of(facts, "\t- Fixture Partner")
    result = _validate(project)
    problems = _problems(result)
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"{CASE}/case.yml:{line}: error: ")
    assert f"a tab character at line {line} column 1; YAML needs spaces" in problems[0]
    # in a text's front matter, the line and column are those of the file
    rel = f"{CASE}/{text_name(LANGS[-1])}"
    text = _edit(project, rel, "summary:", "\tsummary:")
    tab = _line_of(text, "\tsummary:")
    result = _validate(project)
    assert f"{rel}:{tab}: error: the front matter cannot be read as YAML: a tab character at line {tab} column 1; YAML needs spaces" in result.stdout, result.stdout


# --- one root cause, one message ------------------------------------------------------------


def _original_elsewhere(project: Path) -> str:
    """Make the fixture case first written in the last language; its text's path."""
    lang = LANGS[-1]
    _edit(project, f"{CASE}/case.yml", f"original_language: {DEFAULT}", f"original_language: {lang}")
    return f"{CASE}/{text_name(lang)}"


def _front_matter_syntax(project):
    rel = _original_elsewhere(project)
    _edit(project, rel, "summary:", "summary: [")
    return rel, "summary: ["


def _front_matter_not_a_mapping(project):
    rel = f"{CASE}/{text_name(LANGS[-1])}"
    path = project / rel
    text = path.read_text(encoding="utf-8")
    path.write_text("---\nA title written without its key\n" + text[text.index("\n---\n") + 1:], encoding="utf-8")
    return rel, "A title written without its key"


def _misspelt_key(project):
    _edit(project, f"{CASE}/case.yml", "  - title:", "  - titel:")
    return f"{CASE}/case.yml", "titel:"


def _misspelt_fact(project):
    _edit(project, f"{CASE}/case.yml", "funders: []", "funder: []")
    return f"{CASE}/case.yml", "funder:"


def _unreadable_vocabulary(project):
    path = project / "docs" / "tags.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntags:\n", "\ntags: [\n", 1), encoding="utf-8")
    return "docs/tags.yml", "tags: ["


def _impossible_start(project):
    _edit(project, f"{CASE}/case.yml", "re:start: [^\n]*\nend: [^\n]*", "start: 2021-02-30\nend: 2021-01")
    return f"{CASE}/case.yml", "start:"


@pytest.mark.parametrize("cause", [_front_matter_syntax, _front_matter_not_a_mapping, _misspelt_key, _misspelt_fact,
                                   _unreadable_vocabulary, _impossible_start],
                         ids=lambda cause: cause.__name__.strip("_"))
@pytest.mark.skipif(len(LANGS) < 2, reason="the causes include a translation's front matter")
def test_one_root_cause_gives_one_message_at_its_line(project, cause):
    rel, marker = cause(project)
    result = _validate(project)
    problems = _problems(result)
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"{rel}:{_line_of(project / rel, marker)}: error: "), result.stdout
    assert "does not exist" not in result.stdout and "missing required" not in result.stdout


# --- did you mean ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_country_written_as_its_name_in_any_language_suggests_its_code(project, lang):
    code = "PE"
    name = Locale.parse(lang.replace("-", "_")).territories[code]
    facts = _edit(project, f"{CASE}/case.yml", "re:countries: \\[[^]\n]*\\]", f"countries: [{name}]")
    result = _validate(project)
    english = Locale.parse("en").territories[code]
    line = _line_of(facts, "countries:")
    assert f"{CASE}/case.yml:{line}: error: '{name}' is not an ISO 3166-1 alpha-2 country code. Fix: did you mean {code} ({english})?" in result.stdout, result.stdout
    for other in CATALOGUED:  # the country's name in the reader's language
        said = _validate(project, "--lang", other).stdout
        assert f"{code} ({Locale.parse(other.replace('-', '_')).territories[code]})" in said, said


def _labelled_tag(lang: str) -> tuple:
    """A tag (not a region) whose label in ``lang`` names it and no other tag, in any language.
    A label may be the same word in several languages (a language just added has copies of the
    default's labels): what counts is how many tags it names, not how often it is written."""
    vocab, _ = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
    named: dict = {}  # label -> the tags it names, in any language
    for tag in vocab.tags.values():
        for label in tag.label.values():
            named.setdefault(label, set()).add(tag.id)
    for tag in vocab.tags.values():
        if tag.facet != "region" and named.get(tag.label.get(lang)) == {tag.id}:
            return tag.id, tag.label
    raise AssertionError(f"no tag of docs/tags.yml has a label in {lang} of its own")


@pytest.mark.parametrize("lang", LANGS)
def test_a_tag_written_as_its_label_in_any_language_suggests_its_id(project, lang):
    tag, labels = _labelled_tag(lang)
    facts = _edit(project, f"{CASE}/case.yml", "tags: [", f"tags: [{labels[lang]}, ")
    result = _validate(project)
    line = _line_of(facts, "tags:")
    assert (f"{CASE}/case.yml:{line}: error: tag '{labels[lang]}' is not in the vocabulary (docs/tags.yml). "
            f"Fix: did you mean '{tag}' ({labels[DEFAULT]})?") in result.stdout, result.stdout


def test_a_link_to_a_misspelt_case_suggests_the_case(project):
    rel = f"{CASE}/{text_name(DEFAULT)}"
    wrong = SLUG[:-1]
    text = _edit(project, rel, "re:(\n## [^\n]+\n\n)", f"\\1See [the other case](../{wrong}/index.md).\n\n")
    result = _validate(project)
    line = _line_of(text, f"../{wrong}/index.md")
    assert (f"{rel}:{line}: error: the link target '../{wrong}/index.md' does not exist. "
            f"Fix: did you mean ../{SLUG}/index.md?") in result.stdout, result.stdout


# --- the catalogues ------------------------------------------------------------------------


def test_every_catalogue_translates_every_message():
    from casekit import messages
    assert messages.check(ROOT / "scripts", ROOT / LOCALE) == []


@needs_a_catalogue
def test_the_catalogue_check_finds_a_new_message_and_a_broken_placeholder(tmp_path):
    from babel.messages.pofile import read_po, write_po

    from casekit import messages
    scripts = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts", scripts, ignore=shutil.ignore_patterns("__pycache__"))
    module = scripts / "casekit" / "problems.py"
    module.write_text(module.read_text(encoding="utf-8") + '\n\nNEW = _("a message no catalogue has yet: {name}", name="x")\n', encoding="utf-8")
    found = messages.check(scripts, scripts / "casekit" / "locale")
    assert len([line for line in found if "a message no catalogue has yet" in line]) == len(CATALOGUED), found
    # a translation that drops a {name} of its message id
    lang = CATALOGUED[0]
    path = messages.catalogue_path(lang, scripts / "casekit" / "locale")
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang.replace("-", "_"))
    entry = catalog.get("the image is {size} KB; the limit is {limit} KB.")
    entry.string = entry.string.replace("{limit}", "{limt}")
    with open(path, "wb") as handle:
        write_po(handle, catalog)
    found = messages.check(scripts, scripts / "casekit" / "locale")
    assert any("the image is {size} KB" in line and f"({lang})" in line for line in found), found


def test_a_message_whose_words_are_not_written_out_is_refused(tmp_path):
    from casekit import messages
    module = tmp_path / "m.py"
    module.write_text('words = "x"\nmessage = _(words)\n', encoding="utf-8")
    with pytest.raises(ValueError, match="written out"):
        messages.extract([module])


def test_the_build_stays_in_english():
    """Messages read in English wherever no language is asked for (the build, every caller)."""
    from casekit.messages import _
    from casekit.problems import Problem
    from casekit.wording import subject
    message = _("{subject} has the wrong format: {value}.", subject=subject(("sources", 1, "url")), value="'x'")
    assert message == "the second source's address has the wrong format: 'x'."
    assert Problem("a", 1, message, _("remove it.")).format() == "a:1: error: the second source's address has the wrong format: 'x'. Fix: remove it."
