"""Every script's --help, usage and command-line errors are in the contributor's language.

For every script in scripts/ and every language of the site that has a catalogue of messages
(none is named here: they come from the registry and the catalogues present), `--help` under
LANG (and under --lang, for a script that takes it) is said in that language: argparse's own
words (usage, the section titles, -h's help), the description and every option's help; a wrong
option gets the usage and a translated error, status 2, never a traceback. The scripts run as
contributors run them, one process each (with this test run's Python: nothing is installed)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from casekit import messages
from casekit.messages import _
from conftest import LANGS, ROOT

SCRIPTS = sorted(path.name for path in (ROOT / "scripts").glob("*.py"))
CATALOGUED = [lang for lang in LANGS if lang in messages.catalogues()]
WRONG = "--no-such-option"
# argparse's own English words for the errors a wrong option can meet first
ARGPARSE_WORDS = ("unrecognized arguments", "the following arguments are required", "invalid choice", "expected one argument")
needs_a_catalogue = pytest.mark.skipif(not CATALOGUED, reason="no language of the site has a catalogue of messages")


def _run(script: str, *args, lang: str | None = None) -> subprocess.CompletedProcess:
    """``script`` run with LANG naming ``lang`` (the C locale when None: English)."""
    env = {key: value for key, value in os.environ.items() if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = f"{lang}.UTF-8" if lang else "C.UTF-8"
    env["COLUMNS"] = "100"
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _takes_lang(english_help: str) -> bool:
    return re.search(r"^\s+--lang\b", english_help, re.M) is not None


def _passes_arguments_on(english_help: str) -> bool:
    """A script whose usage ends in argparse's "..." (REMAINDER): its arguments go to another
    program (test.py: pytest), which answers a wrong option itself."""
    return english_help.split("\n\n")[0].rstrip().endswith(" ...")


@pytest.fixture(scope="module")
def runs() -> dict:
    """Every run the tests read, two at a time: {(script, lang or None, what): result}."""
    jobs = {(script, None, "help"): (script, "--help") for script in SCRIPTS}
    for script in SCRIPTS:
        for lang in CATALOGUED:
            jobs[(script, lang, "help")] = (script, "--help")
            jobs[(script, lang, "wrong")] = (script, WRONG)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(zip(jobs, pool.map(lambda args: _run(*args[1], lang=args[0]), ((key[1], job) for key, job in jobs.items())),
                        strict=True))
    more = {}
    for script in SCRIPTS:
        if _takes_lang(done[(script, None, "help")].stdout):
            for lang in CATALOGUED:
                more[(script, lang, "--lang")] = (script, "--help", "--lang", lang)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done.update(zip(more, pool.map(lambda job: _run(*job), more.values()), strict=True))
    return done


def _prose(help_text: str) -> set:
    """The pieces of a help a contributor reads as words (its lines, each split where argparse
    puts columns: an option, then its help): not a command, an option or a usage line."""
    pieces = {piece.strip() for line in help_text.splitlines() for piece in re.split(r"\s{2,}", line)}
    return {piece for piece in pieces
            if not piece.startswith(("python3 ", "-", "[", "gh ", "cd ", "usage:"))
            and re.search(r"[a-z]{3,}\s+[a-z]{2,}\s+[a-z]{3,}", piece)}


def _description(help_text: str) -> str:
    """The description's first line: what follows the usage."""
    return help_text.split("\n\n")[1].splitlines()[0]


def _check_help(result, english, lang: str) -> None:
    language = messages.load(lang)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(language.say(_("usage:")) + " "), result.stdout
    assert re.search(rf"^{re.escape(language.say(_('options')))}:$", result.stdout, re.M), result.stdout
    assert language.say(_("show this help and exit")) in result.stdout
    assert _description(result.stdout) != _description(english.stdout), result.stdout
    untranslated = _prose(english.stdout) & _prose(result.stdout)
    assert not untranslated, untranslated


@needs_a_catalogue
@pytest.mark.parametrize("lang", CATALOGUED)
@pytest.mark.parametrize("script", SCRIPTS)
def test_help_is_in_the_language_of_the_environment(runs, script, lang):
    english = runs[(script, None, "help")]
    assert english.returncode == 0 and english.stdout.startswith("usage: "), english.stdout + english.stderr
    _check_help(runs[(script, lang, "help")], english, lang)
    if (script, lang, "--lang") in runs:  # --lang speaks the same language, whatever LANG says
        by_option = runs[(script, lang, "--lang")]
        _check_help(by_option, english, lang)
        assert by_option.stdout == runs[(script, lang, "help")].stdout


@needs_a_catalogue
@pytest.mark.parametrize("lang", CATALOGUED)
@pytest.mark.parametrize("script", SCRIPTS)
def test_a_wrong_option_is_refused_in_the_language(runs, script, lang):
    if _passes_arguments_on(runs[(script, None, "help")].stdout):
        pytest.skip(f"{script} passes its arguments on to another program")
    from casekit import cli

    language = messages.load(lang)
    result = runs[(script, lang, "wrong")]
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(language.say(_("usage:")) + " "), result.stderr
    error = result.stderr.rstrip("\n").splitlines()[-1]
    assert error.startswith(language.say(_("{prog}: error: {message}", prog=script, message=""))), result.stderr
    assert language.say(_("Fix:")) in error, error  # what is wrong, and how to fix it
    assert not any(words in error for words in ARGPARSE_WORDS), error
    if WRONG in error:  # the option is refused (not a missing argument first)
        wrong = language.say(cli.explain(f"unrecognized arguments: {WRONG}", f"python3 scripts/{script}"))
        assert error == language.say(_("{prog}: error: {message}", prog=script, message=wrong))


# --- argparse's errors, each said in the language (in this process, on a parser of our own) ----

def _refusal(capsys, language, argv) -> str:
    from casekit import cli

    parser = cli.Parser(language, _("usage:"), prog="x.py")
    parser.add_argument("name", help=_("options"))
    parser.add_argument("--kind", choices=("one", "two"))
    parser.add_argument("--port", type=int)
    parser.add_argument("--pair", nargs=2)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--left", action="store_true")
    group.add_argument("--right", action="store_true")
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


ERRORS = {  # argv: argparse's English words that must not be shown, the words of the argument named
    "required": ([], "the following arguments are required", "name"),
    "choice": (["n", "--kind", "three"], "invalid choice", "three"),
    "unrecognized": (["n", "--nope"], "unrecognized arguments", "--nope"),
    "one value": (["n", "--kind"], "expected one argument", "--kind"),
    "two values": (["n", "--pair", "a"], "expected 2 arguments", "--pair"),
    "int": (["n", "--port", "eighty"], "invalid int value", "eighty"),
    "exclusive": (["n", "--left", "--right"], "not allowed with", "--right"),
}


@needs_a_catalogue
@pytest.mark.parametrize("lang", CATALOGUED)
@pytest.mark.parametrize("kind", ERRORS)
def test_argparse_errors_are_said_in_the_language_with_a_fix(capsys, lang, kind):
    language = messages.load(lang)
    argv, english, named = ERRORS[kind]
    said = _refusal(capsys, language, argv)
    assert said.startswith(language.say(_("usage:")) + " x.py"), said
    error = said.splitlines()[-1]
    assert english not in said and named in error, said
    assert error.startswith(language.say(_("{prog}: error: {message}", prog="x.py", message="")))
    english_error = _refusal(capsys, messages.ENGLISH, argv).splitlines()[-1]
    assert error != english_error and "Fix:" in english_error


def test_an_error_argparse_words_otherwise_is_shown_as_it_is(capsys):
    from casekit import cli

    language = messages.load(CATALOGUED[0]) if CATALOGUED else messages.ENGLISH
    parser = cli.Parser(language, _("usage:"), prog="x.py")
    with pytest.raises(SystemExit) as stopped:
        parser.error("something argparse may say one day")
    assert stopped.value.code == 2
    assert "something argparse may say one day" in capsys.readouterr().err


def _bare(script: str, lang: str) -> subprocess.CompletedProcess:
    """``script --help`` run by this Python without its site-packages (-S), as a bare python3
    on a machine where .venv is ready: scripts that run before .venv exists too (bootstrap.py,
    lock.py, test.py) run again inside it, and speak."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "VIRTUAL_ENV", "PYTHONPATH")}
    env["LANG"] = f"{lang}.UTF-8"
    env["COLUMNS"] = "100"
    return subprocess.run([sys.executable, "-S", str(ROOT / "scripts" / script), "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@needs_a_catalogue
def test_help_is_in_the_language_from_a_python_without_the_packages(runs):
    import bootstrap

    if not bootstrap._ready():
        pytest.skip("needs the project's .venv, ready (python3 scripts/bootstrap.py makes it)")
    lang = CATALOGUED[0]
    # the scripts that may run before .venv exists (the others run in .venv through
    # bootstrap.use_venv: test_scripts_without_venv.py)
    early = [script for script in SCRIPTS if "speaking(" in (ROOT / "scripts" / script).read_text(encoding="utf-8")]
    assert early
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(early, pool.map(lambda script: _bare(script, lang), early), strict=True))
    for script, result in results.items():
        assert result.stdout == runs[(script, lang, "help")].stdout, (script, result.stdout + result.stderr)


@needs_a_catalogue
def test_the_language_is_known_before_the_arguments_are_parsed():
    from casekit import cli

    lang = CATALOGUED[0]
    other = next((code for code in CATALOGUED if code != lang), None)
    environ = {"LANG": f"{other}.UTF-8"} if other else {}
    expected = messages.load(lang)
    for argv in (["--lang", lang, "--help"], [f"--lang={lang}"], ["x", "--lang", lang, "--nope"]):
        assert cli.language(LANGS, argv, {}).code == expected.code, argv
    # no --lang, one the site lacks, or none given: the environment's language
    for argv in ([], ["--lang", "zz-not-a-language"], ["--lang"]):
        assert cli.language(LANGS, argv, {"LANG": f"{lang}.UTF-8"}).code == expected.code, argv
    # a script without --lang reads only the environment
    assert cli.language(LANGS, ["--lang", lang], environ, option=None).code == (other or messages.ENGLISH.code)
