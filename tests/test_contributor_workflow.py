"""Scaffold -> fill -> validate -> build, translation states, and a case first written in Spanish."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_project

FACTS = {
    "implementing: []": "implementing: [Asociación Ejemplo]",
    "countries: []": "countries: [EC]",
    "region:  ": "region: latin-america-caribbean  ",
    "places: []": "places: [Quito]",
    "start: null": "start: 2021-03",
    "end: null": "end: 2021-09",
    "participants: {}": "participants: {organisations: 8}",
    "tags: []": "tags: [partnership, capacity-building, training-workshop, local-cso, peer-learning]",
    "  - title:  ": "  - title: Informe de la asociación  ",
    "    publisher:  ": "    publisher: Asociación Ejemplo  ",
}
TEXT = {
    "es": ("Un foro de ONG en Quito", "Ocho organizaciones de Quito se reunieron para aprender a trabajar en alianza.",
           ["Contexto", "Qué se hizo", "Resultados", "Lecciones para la práctica"]),
    "en": ("An NGO forum in Quito", "Eight organisations in Quito met to learn how to work in partnership.",
           ["Context", "What was done", "Results", "Lessons for practitioners"]),
}


def run(project: Path, script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "scripts" / script), *args], cwd=project, capture_output=True, text=True)


def fill_text(path: Path, lang: str, extra: str = ""):
    title, summary, headings = TEXT[lang]
    body = "\n\n".join(f"## {h}\n\n{extra}Texto de la sección {i + 1} en {lang}." for i, h in enumerate(headings))
    path.write_text(f"---\ntitle: {title}\nsummary: {summary}\n---\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_scaffold_refuses_bad_and_existing_slugs(project):
    bad = run(project, "new_case.py", "Bad Slug")
    assert bad.returncode != 0 and "is not a valid slug" in bad.stderr
    existing = run(project, "new_case.py", "erbil-iraq")
    assert existing.returncode != 0 and "already exists" in existing.stderr
    assert sorted(p.name for p in (project / "docs/cases/erbil-iraq").iterdir()) == ["case.yml", "index.es.md", "index.md", "index.nl.md"]


def test_scaffold_fill_validate_build_translate(project, tmp_path):
    made = run(project, "new_case.py", "foro-quito", "--lang", "es")
    assert made.returncode == 0, made.stderr
    assert "Next steps" in made.stdout
    folder = project / "docs/cases/foro-quito"
    assert "## Qué se hizo" in (folder / "index.es.md").read_text(encoding="utf-8")
    assert "## Wat er is gedaan" in (folder / "index.nl.md").read_text(encoding="utf-8")
    assert "## What was done" in (folder / "index.md").read_text(encoding="utf-8")

    # the untouched scaffold does not validate, and says why, line by line
    first = run(project, "validate.py", "docs/cases/foro-quito")
    assert first.returncode == 1
    assert re.search(r"docs/cases/foro-quito/case.yml:\d+: error: 'countries' must list at least one entry", first.stdout)
    assert "docs/cases/foro-quito/index.es.md:6: error: the section '## Contexto' is empty." in first.stdout

    # fill the facts and the Spanish original; English and Dutch stay pending
    facts = (folder / "case.yml").read_text(encoding="utf-8")
    for old, new in FACTS.items():
        assert old in facts, old
        facts = facts.replace(old, new, 1)
    (folder / "case.yml").write_text(facts, encoding="utf-8")
    fill_text(folder / "index.es.md", "es")
    checked = run(project, "validate.py")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("OK: 6 cases")

    site = tmp_path / "site"
    built = build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    # English readers get the Spanish original, marked as such, not indexed
    english = BeautifulSoup((site / "cases/foro-quito/index.html").read_text(encoding="utf-8"), "lxml")
    assert english.html["lang"] == "en"
    assert english.select_one("article.case")["lang"] == "es"
    assert english.select_one("article.case h1").get_text(strip=True) == "Un foro de ONG en Quito"
    notice = english.select_one(".case-notice")
    assert "has not been translated into English yet" in notice.get_text()
    assert notice.select_one("a")["href"] == "../../es/cases/foro-quito/"
    assert english.select_one('meta[name=robots]')["content"] == "noindex"
    assert english.select_one("link[rel=canonical]")["href"] == "http://127.0.0.1:8000/es/cases/foro-quito/"
    # the Dutch draft is not published: Dutch readers get the original too
    dutch = BeautifulSoup((site / "nl/cases/foro-quito/index.html").read_text(encoding="utf-8"), "lxml")
    assert dutch.select_one("article.case")["lang"] == "es"
    assert "nog niet in het Nederlands vertaald" in dutch.select_one(".case-notice").get_text()
    spanish = BeautifulSoup((site / "es/cases/foro-quito/index.html").read_text(encoding="utf-8"), "lxml")
    assert spanish.select_one(".case-notice") is None
    assert {a["hreflang"]: a["href"] for a in spanish.select("a.md-select__link")}["en"] == "../../../cases/foro-quito/"

    # translate into English: leave pending, mark, and the English page is English
    fill_text(folder / "index.md", "en")
    still_pending = run(project, "translations.py", "--mark", "foro-quito", "en")
    assert still_pending.returncode == 1 and "remove 'en' from pending:" in still_pending.stderr, still_pending.stderr
    (folder / "case.yml").write_text(facts.replace("pending: [en, nl]", "pending: [nl]"), encoding="utf-8")
    unmarked = run(project, "validate.py", "docs/cases/foro-quito")
    assert unmarked.returncode == 1 and "translations.py --mark foro-quito en" in unmarked.stdout
    marked = run(project, "translations.py", "--mark", "foro-quito", "en")
    assert marked.returncode == 0, marked.stderr
    assert run(project, "validate.py").returncode == 0
    built = build(project, tmp_path / "site2")
    assert built.returncode == 0, built.stdout + built.stderr
    english = BeautifulSoup((tmp_path / "site2/cases/foro-quito/index.html").read_text(encoding="utf-8"), "lxml")
    assert english.select_one("article.case")["lang"] == "en"
    assert english.select_one(".case-notice") is None


def test_translation_states_and_banner(project, tmp_path):
    report = run(project, "translations.py")
    assert re.search(r"^erbil-iraq\s+original\s+up to date\s+up to date", report.stdout, flags=re.M)
    # the original's prose changes: its translations become outdated
    original = project / "docs/cases/erbil-iraq/index.md"
    original.write_text(original.read_text(encoding="utf-8").replace("## Results\n", "## Results\n\nA sentence added to the original.\n", 1), encoding="utf-8")
    report = run(project, "translations.py")
    assert re.search(r"^erbil-iraq\s+original\s+OUTDATED\s+OUTDATED", report.stdout, flags=re.M)
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    spanish = BeautifulSoup((tmp_path / "site/es/cases/erbil-iraq/index.html").read_text(encoding="utf-8"), "lxml")
    notice = spanish.select_one(".case-notice")
    assert notice["data-state"] == "outdated"
    assert "el original en inglés ha cambiado" in notice.get_text()
    assert notice.select_one("a")["href"] == "../../../cases/erbil-iraq/"
    status = BeautifulSoup((tmp_path / "site/nl/translations/index.html").read_text(encoding="utf-8"), "lxml")
    cells = {td["data-lang"]: td.get_text(strip=True) for td in status.select("tr[data-case$='erbil-iraq/'] td")}
    assert cells == {"en": "Origineel", "es": "Verouderd", "nl": "Verouderd"}
    # --mark records the Spanish translation as up to date again: its banner goes
    assert run(project, "translations.py", "--mark", "erbil-iraq", "es").returncode == 0
    assert re.search(r"^erbil-iraq\s+original\s+up to date\s+OUTDATED", run(project, "translations.py").stdout, flags=re.M)
    built = build(project, tmp_path / "site2")
    spanish = BeautifulSoup((tmp_path / "site2/es/cases/erbil-iraq/index.html").read_text(encoding="utf-8"), "lxml")
    assert spanish.select_one(".case-notice") is None
    dutch = BeautifulSoup((tmp_path / "site2/nl/cases/erbil-iraq/index.html").read_text(encoding="utf-8"), "lxml")
    assert dutch.select_one(".case-notice")["data-state"] == "outdated"


def test_mark_refuses_the_original_and_unknown_cases(project):
    assert "original language" in run(project, "translations.py", "--mark", "erbil-iraq", "en").stderr
    assert "there is no case" in run(project, "translations.py", "--mark", "nope", "es").stderr
