"""scripts/translations.py tells a language left for later on purpose (listed under pending: in
case.yml) from one simply missing: its own state, in the contributor's language, in the report
and in its counts, as the pull request's summary says it (casekit.pull_request.state_label)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import translations
from collection import SLUG, make_project, text_name

from casekit import messages
from casekit.pull_request import state_label
from conftest import LANGS

LAST = LANGS[-1]


@pytest.fixture(scope="module")
def pending_project(tmp_path_factory):
    if len(LANGS) < 2:
        pytest.skip("needs a second language")
    project = make_project(tmp_path_factory.mktemp("pending") / "p")
    case = project / "docs" / "cases" / SLUG
    (case / text_name(LAST)).unlink()
    with (case / "case.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"pending: [{LAST}]\n")
    return project


def _report(project, lang: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "LANG": f"{lang}.UTF-8"}
    result = subprocess.run([sys.executable, "scripts/translations.py"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_a_pending_language_is_reported_as_pending(pending_project, lang):
    say = messages.load(lang).say
    pending, missing = say(state_label("pending")), say(state_label("missing"))
    assert pending != missing
    out = _report(pending_project, lang)
    row = next(line for line in out.splitlines() if line.startswith(SLUG))
    assert row.rstrip().endswith(pending), (lang, row)
    assert missing not in row, (lang, row)
    # the counts: one pending, none missing
    counts = out.strip().splitlines()[-1].split(", ")
    assert say(translations._counted("pending", 1)) in counts, (lang, counts)
    assert say(translations._counted("missing", 0)) in counts, (lang, counts)


@pytest.mark.parametrize("fingerprint", ["927772234564", "012345670123", "0123456789ab", "abcdef012345"])
def test_the_recorded_fingerprint_reads_back_as_text(fingerprint):
    """The line translations.py --mark writes (and the pull request's warning says to paste): a
    fingerprint of digits alone, which YAML reads as a number, is quoted (Hypothesis found one)."""
    from casekit import model, yamlines
    assert yamlines.load(model.translated_from_line(fingerprint) + "\n").data == {"translated_from": fingerprint}
