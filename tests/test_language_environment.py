"""Which language the scripts speak, read as POSIX and GNU gettext read it: LANGUAGE (a list,
first preferred), then the first set of LC_ALL, LC_MESSAGES, LANG; the C locale asks for none;
without any, the system's user locale (Windows has no LANG). new_case.py writes the case in the
language asked for."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from collection import make_project, text_name

from casekit import messages, yamlines
from conftest import LANGS

FIRST, LAST = LANGS[0], LANGS[-1]
needs_two = pytest.mark.skipif(len(LANGS) < 2, reason="needs a second language")


def _asked(environ, system=None) -> list:
    return [messages.match(code, LANGS) for code in messages.requested_list(None, environ, lambda: system)]


@needs_two
def test_posix_order():
    assert _asked({"LANG": f"{FIRST}.UTF-8", "LC_ALL": f"{LAST}.UTF-8"})[0] == LAST  # LC_ALL over LANG
    assert _asked({"LANG": f"{FIRST}.UTF-8", "LC_MESSAGES": f"{LAST}.UTF-8"})[0] == LAST  # LC_MESSAGES over LANG
    assert _asked({"LC_ALL": f"{FIRST}.UTF-8", "LC_MESSAGES": f"{LAST}.UTF-8"})[0] == FIRST  # LC_ALL over LC_MESSAGES
    assert _asked({"LANG": f"{FIRST}.UTF-8", "LANGUAGE": f"xx:{LAST}"})[:2] == [None, LAST]  # the list, then the locale
    assert _asked({"LC_ALL": "C", "LANGUAGE": LAST}) == []  # the C locale: no translation at all
    assert _asked({}, system=f"{LAST.replace('_', '-')}-ZZ") == [LAST]  # Windows: the user locale
    assert _asked({"LANG": f"{FIRST}.UTF-8"}, system=LAST) == [FIRST]  # a variable set wins over the system


@needs_two
def test_the_first_language_of_the_list_the_site_has_is_spoken():
    spoken = messages.for_contributor(None, LANGS, {"LANGUAGE": f"xx:{LAST}:{FIRST}", "LANG": "C.UTF-8"}, system=lambda: None)
    assert spoken is messages.ENGLISH  # the C locale
    spoken = messages.for_contributor(None, LANGS, {"LANGUAGE": f"xx:{LAST}:{FIRST}", "LANG": f"{FIRST}.UTF-8"}, system=lambda: None)
    assert spoken.code == LAST or not messages.catalogue_path(LAST).is_file()
    spoken = messages.for_contributor(None, LANGS, {}, system=lambda: f"{LAST}-ZZ")
    assert spoken.code == LAST or not messages.catalogue_path(LAST).is_file()


@needs_two
@pytest.mark.parametrize("variable", ["LANG", "LC_ALL", "LANGUAGE"])
def test_new_case_writes_in_the_language_asked_for(tmp_path, variable):
    project = make_project(tmp_path / "p")
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env[variable] = f"{LAST}.UTF-8" if variable != "LANGUAGE" else LAST
    if variable == "LANGUAGE":
        env["LANG"] = "en_US.UTF-8" if FIRST != "en" else f"{FIRST}.UTF-8"  # LANGUAGE is the list gettext reads first
    result = subprocess.run([sys.executable, "scripts/new_case.py", "water-committees-malawi"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    facts = yamlines.load((project / "docs/cases/water-committees-malawi/case.yml").read_text(encoding="utf-8")).data
    assert facts["original_language"] == LAST
    assert f"water-committees-malawi/{text_name(LAST)}" in result.stdout.split("\n\n")[-1]  # the step "write … in"
