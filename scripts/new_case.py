#!/usr/bin/env python3
"""Start a new case study: one folder with its facts and a text file for every language.

  python3 scripts/new_case.py <slug> [--lang es]

<slug> names the case and its address (/cases/<slug>/ in every language): lowercase letters,
digits and single hyphens, e.g. ngo-forum-quito. --lang is the language you write first
(default: en). The facts file lists every required fact as a placeholder with a comment; each
language file has its front matter and the four section headings in that language. The other
languages are listed as pending until their translations are written.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import model, project  # noqa: E402

FACTS = """\
# Facts of this case study that do not depend on language: written once, here.
# Every fact comes from the sources; invent nothing (see CONTRIBUTING.md).
# Check your work with: python3 scripts/validate.py docs/cases/{slug}
original_language: {lang}   # the language you write first
implementing: []   # organisation(s) that carried out the work, e.g. [Blumont]
partners: []       # partner organisation(s), as the sources name them; keep [] if they name none
funders: []        # funder(s); keep [] if the sources name none
countries: []      # ISO 3166-1 alpha-2 codes in capitals, e.g. [CO]
region:            # one region id from docs/tags.yml, e.g. latin-america-caribbean
places: []         # towns, cities or areas, e.g. [Rionegro]; keep [] if the sources name none
start: null        # YYYY-MM (or YYYY), e.g. 2013-10; keep null if the sources give no date
end: null          # YYYY-MM (or YYYY); keep null if the sources give no date
participants: {{}}   # e.g. {{people: 50}} or {{organisations: {{more_than: 12}}}}; keep {{}} if not stated
tags: []           # 5 to 10 ids from docs/tags.yml, e.g. [partnership, capacity-building]
sources:
  - title:         # the source's title; "[Article on …]" in brackets if it has none
    publisher:     # who published it
    language: {lang}   # two-letter code of the source's language
    # url: https://…   # only if you have the address
# Languages still to be translated. Their files are drafts: not checked, not published.
# Remove a language once its translation is written, then run:
#   python3 scripts/translations.py --mark {slug} <lang>
pending: [{pending}]
added: {today}
reviewed: {today}   # the day you checked the facts against the sources
"""

TEXT = """\
---
title: ""     # {title_hint}
summary: ""   # {summary_hint}
---

## {context}

<!-- {context_hint} -->

## {what_was_done}

<!-- {done_hint} -->

## {results}

<!-- {results_hint} -->

## {lessons}

<!-- {lessons_hint} -->
"""

def scaffold(slug: str, lang: str, root: Path = project.ROOT) -> list:
    languages = project.languages(root)
    if not model.SLUG.match(slug):
        raise SystemExit(f"error: '{slug}' is not a valid slug. Use lowercase letters, digits and single hyphens, e.g. ngo-forum-quito.")
    if lang not in languages:
        raise SystemExit(f"error: '{lang}' is not a language of the site; use one of: {', '.join(languages)}.")
    folder = root / "docs" / "cases" / slug
    if folder.exists():
        raise SystemExit(f"error: docs/cases/{slug}/ already exists; choose another slug, or edit that case.")
    strings = project.strings_for(root)
    pending = [other for other in languages if other != lang]
    folder.mkdir(parents=True)
    written = []
    facts = folder / "case.yml"
    facts.write_text(FACTS.format(slug=slug, lang=lang, pending=", ".join(pending), today=datetime.date.today().isoformat()), encoding="utf-8")
    written.append(facts)
    for other in languages:
        t = strings(other)
        path = folder / model.text_filename(other, languages[0])
        path.write_text(TEXT.format(
            context=t("sections.context"), what_was_done=t("sections.what_was_done"),
            results=t("sections.results"), lessons=t("sections.lessons"),
            title_hint=t("scaffold.title"), summary_hint=t("scaffold.summary"), context_hint=t("scaffold.context"),
            done_hint=t("scaffold.what_was_done"), results_hint=t("scaffold.results"), lessons_hint=t("scaffold.lessons")),
            encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slug", help="the case's name in its address, e.g. ngo-forum-quito")
    default = project.languages(project.ROOT)[0]
    parser.add_argument("--lang", default=default, help=f"the language you write first (default: {default})")
    args = parser.parse_args(argv)
    written = scaffold(args.slug, args.lang)
    root = project.ROOT
    print(f"Created docs/cases/{args.slug}/:")
    for path in written:
        print(f"  {path.relative_to(root)}")
    original = model.text_filename(args.lang, project.languages(root)[0])
    print(f"""
Next steps:
  1. Fill in the facts in docs/cases/{args.slug}/case.yml, from your sources.
  2. Write the title, summary and the four sections in docs/cases/{args.slug}/{original}.
  3. Check:    python3 scripts/validate.py docs/cases/{args.slug}
  4. Preview:  python3 scripts/serve.py   (then open /cases/{args.slug}/)
  5. To add a translation: write its file, remove its language from `pending` in case.yml, and run
               python3 scripts/translations.py --mark {args.slug} <lang>
  6. Open a pull request (see CONTRIBUTING.md).""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
