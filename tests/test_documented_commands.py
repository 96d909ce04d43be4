"""Every command a document shows works exactly as written (the project's ground rule): the
contributor guide in every language (the files of docs/contribute/), CONTRIBUTING.md, the
README and the pull request's template. Each `python3 scripts/<x>.py …` (or its Windows form,
`py scripts\\<x>.py …`) names a script that exists, with options its --help lists and files
that exist; those that finish at once and change only the project they run in (new_case.py,
validate.py, translations.py) are run as written, in the order the document shows them, in a
copy of the project, and end without a usage error or a traceback. The guide shows the same
commands in every language."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project

# a script and what follows it up to the end of its code span, line or pipe
COMMAND = re.compile(r"(?:python3 scripts/|py scripts\\)(\w+)\.py([^`\n|]*)")
# run as written: each finishes at once and writes, if anything, only into the project it runs in
RUN = ("new_case", "validate", "translations")
GUIDE = ROOT / "docs" / "contribute"


def documents() -> list:
    """The documents that show commands: the guide in every language, then the rest."""
    return [*sorted(GUIDE.glob("*.md")), ROOT / "CONTRIBUTING.md", ROOT / "README.md", *sorted((ROOT / ".github").glob("*.md"))]


def commands(text: str) -> list:
    """(script, arguments) of every command ``text`` shows, in order, each once; a comment
    after the command (`  # …`) is not part of it."""
    found = []
    for match in COMMAND.finditer(text):
        command = (match.group(1), match.group(2).split(" #")[0].strip().rstrip(".,;:"))
        if command not in found:
            found.append(command)
    return found


def _help(script: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / f"{script}.py"), "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    return result.stdout


def static_problems(text: str, helps: dict) -> list:
    """What is wrong with the commands ``text`` shows, without running them: a script that does
    not exist, an option its --help does not list, a file named that does not exist (except
    one the same text had a command make: the folder of a case new_case.py started)."""
    out = []
    started = {f"docs/cases/{args.split()[0]}" for script, args in commands(text) if script == "new_case" and args}
    for script, args in commands(text):
        if not (ROOT / "scripts" / f"{script}.py").is_file():
            out.append(f"scripts/{script}.py does not exist")
            continue
        if script not in helps:
            helps[script] = _help(script)
        for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", args):
            if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", helps[script]):
                out.append(f"{script}.py has no option {option}")
        for token in args.split():
            if "/" in token and "<" not in token and not (ROOT / token).exists() and token.rstrip("/") not in started:
                out.append(f"{script}.py {args}: {token} does not exist")
    return out


@pytest.fixture(scope="module")
def helps() -> dict:
    return {}


@pytest.mark.parametrize("document", documents(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_command_a_document_shows_names_what_exists(document, helps):
    assert static_problems(document.read_text(encoding="utf-8"), helps) == []


@pytest.mark.parametrize("document", documents(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_quick_command_a_document_shows_runs_as_written(document, tmp_path):
    shown = [(script, args) for script, args in commands(document.read_text(encoding="utf-8"))
             if script in RUN and "<" not in args and "[" not in args]
    if not shown:
        pytest.skip("no command to run")
    project = copy_project(tmp_path / "p")
    for script, args in shown:
        result = subprocess.run([sys.executable, f"scripts/{script}.py", *shlex.split(args)], cwd=project,
                                capture_output=True, text=True, timeout=300)
        said = result.stdout + result.stderr
        assert result.returncode in (0, 1), (script, args, said)  # 2: a usage error
        assert "Traceback" not in said and "usage:" not in said, (script, args, said)


def test_the_guide_shows_the_same_commands_in_every_language():
    pages = sorted(GUIDE.glob("*.md"))
    assert len(pages) > 1
    shown = {page.name: commands(page.read_text(encoding="utf-8")) for page in pages}
    first = shown[pages[0].name]
    assert first
    assert {name: found for name, found in shown.items() if found != first} == {}


def test_the_check_finds_a_missing_script_an_unknown_option_and_a_missing_file():
    text = ("Run `python3 scripts/validate.py --no-such-option` and `py scripts\\no_such_script.py`,\n"
            "then `python3 scripts/test.py tests/test_no_such_file.py`; `python3 scripts/validate.py --lang es` is fine,\n"
            "and so is `python3 scripts/new_case.py a-new-case --lang es`, then `python3 scripts/validate.py docs/cases/a-new-case`.\n")
    assert static_problems(text, {}) == ["validate.py has no option --no-such-option", "scripts/no_such_script.py does not exist",
                                         "test.py tests/test_no_such_file.py: tests/test_no_such_file.py does not exist"]
    assert commands("```\npython3 scripts/translations.py          # every case\n```") == [("translations", "")]

