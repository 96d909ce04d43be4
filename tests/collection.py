"""A fixture collection of the tests' own: the project's machinery (scripts, theme, hooks,
mkdocs.yml, the pages and the vocabulary) with one made-up case written in every language of
the registry, instead of the real cases. Machinery tests break and build this, so that no
test depends on which cases the collection holds today."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT

SLUG = "fixture-case"


def languages() -> tuple:
    from casekit import project
    return project.languages(ROOT)


def _strings(lang):
    from casekit import project
    return project.strings_for(ROOT)(lang)


def _flow(value) -> str:
    """A fact as case.yml writes it on one line: a list in brackets, no value as null, a year
    given as text quoted, a year given as a number bare (start: 2019, as contributors write it)."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return f'"{value}"' if isinstance(value, str) and value.isdigit() else str(value)


def _facts(vocab_path: Path, original: str, **overrides) -> str:
    """The fixture case's case.yml; ``overrides`` replace its countries, venue, start, end,
    participants (as case.yml writes them, e.g. "{people: {about: 3400}}"), tags or added (e.g.
    start=None for a case whose sources give no date, venue="not-stated" for one whose sources do
    not say where it took place). Its regions come from its countries."""
    from casekit import vocab
    tags, _problems = vocab.load(vocab_path, languages())
    regions = tags.ids("region")
    others = [tag for tag in tags.ids() if tag not in regions][:2]
    facts = {"countries": ["CO"], "venue": None, "start": "2020-01", "end": "2020-06", "tags": others,
             "participants": "{people: 12}", "added": "2026-01-01"} | overrides
    venue = f"venue: {facts['venue']}\n" if facts["venue"] else ""
    return (
        f"original_language: {original}\n"
        "implementing: [Fixture Organisation]\npartners: []\nfunders: []\n"
        f"countries: {_flow(facts['countries'])}\n{venue}places: [Fixture Town]\n"
        f"start: {_flow(facts['start'])}\nend: {_flow(facts['end'])}\nparticipants: {facts['participants']}\n"
        f"tags: {_flow(facts['tags'])}\n"
        "sources:\n  - title: A fixture report\n    publisher: Fixture Publisher\n    language: en\n    published: 2019-05\n"
        "    url: https://example.org/report\n"
        f"added: {facts['added']}\nreviewed: 2026-01-02\n"
    )


def _text(lang: str, translated_from: str | None = None, title=None) -> str:
    """The fixture case's text in ``lang``: the same words, marked with the language outside the
    default one, so that each translation differs from the original as a real one would.
    ``title``: a function giving the title in a language, instead of the fixture's own."""
    t = _strings(lang)
    mark = "" if lang == languages()[0] else f" ({lang})"
    heading = json.dumps(title(lang), ensure_ascii=False) if title else f"A fixture case about a workshop{mark}"
    front = (f"---\ntitle: {heading}\n"
             f"summary: A made-up case that the tests build and break on purpose.{mark}\n")
    if translated_from:
        front += f"translated_from: {translated_from}\n"
    sections = "".join(f"## {t('sections.' + key)}\n\nA paragraph of {key}{mark} with a [link](https://example.org/page).\n\n"
                       for key in ("context", "what_was_done", "results", "lessons"))
    return front + "---\n\n" + sections


def text_name(lang: str) -> str:
    return "index.md" if lang == languages()[0] else f"index.{lang}.md"


def make_project(dest: Path, **facts) -> Path:
    """A copy of the project with the fixture case as its only case; returns ``dest``.
    ``facts``: facts of the case's own (see _facts)."""
    dest = Path(dest)
    for name in ("overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs",
                    ignore=lambda folder, names: names if Path(folder).parent.name == "cases" else [])
    for folder in (dest / "docs" / "cases").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    write_case(dest / "docs", **facts)
    return dest


def write_case(docs_dir: Path, slug: str = SLUG, *, title=None, **facts) -> Path:
    """Write the fixture case, valid and translated into every language, as docs/cases/<slug>/.
    ``title``: a function giving its title in a language; ``facts``: facts of its own (see _facts)."""
    case = Path(docs_dir) / "cases" / slug
    case.mkdir()
    langs = languages()
    original = langs[0]
    (case / "case.yml").write_text(_facts(Path(docs_dir) / "tags.yml", original, **facts), encoding="utf-8")
    (case / text_name(original)).write_text(_text(original, title=title), encoding="utf-8")
    from casekit import model
    fingerprint = model.Text(original, case / text_name(original), *_parsed(case / text_name(original))).prose_hash
    for lang in langs[1:]:
        (case / text_name(lang)).write_text(_text(lang, fingerprint, title), encoding="utf-8")
    return case


def _parsed(path: Path) -> tuple:
    from casekit import yamlines
    front, body, body_line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
    return yamlines.load(front).data, body, body_line
