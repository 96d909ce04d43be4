#!/usr/bin/env python3
"""Start a new case study: one folder with its facts and a text file for every language.

  python3 scripts/new_case.py <slug> [--lang es]

<slug> names the case and its address (/cases/<slug>/ in every language): lowercase letters,
digits and single hyphens, e.g. ngo-forum-quito. --lang is the language you write first
(default: en). The facts file lists every required fact as a placeholder with a comment; each
language file has its front matter and the four section headings in that language. The other
languages are listed as pending until their translations are written.

The script speaks the language of --lang, else of the LANG environment variable, else English
(also in the comments of case.yml).
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import messages, model, project  # noqa: E402
from casekit.messages import ENGLISH, _  # noqa: E402

FACTS = """\
# {intro}
# {invent}
# {check} python3 scripts/validate.py docs/cases/{slug}
original_language: {lang}   # {original}
implementing: []   # {implementing}
partners: []       # {partners}
funders: []        # {funders}
countries: []      # {countries}
region:            # {region}
places: []         # {places}
start: null        # {start}
end: null          # {end}
participants: {{}}   # {participants}
tags: []           # {tags}
sources:
  - title:         # {title}
    publisher:     # {publisher}
    language: {lang}   # {language}
    # url: https://…   # {url}
# {pending_intro}
# {pending_remove}
#   python3 scripts/translations.py --mark {slug} <lang>
pending: [{pending}]
added: {today}
reviewed: {today}   # {reviewed}
"""


def facts_comments() -> dict:
    """The comments of the scaffold's case.yml, as messages."""
    return {
        "intro": _("Facts of this case study that do not depend on language: written once, here."),
        "invent": _("Every fact comes from the sources; invent nothing (see CONTRIBUTING.md)."),
        "check": _("Check your work with:"),
        "original": _("the language you write first"),
        "implementing": _("organisation(s) that carried out the work, e.g. [Blumont]"),
        "partners": _("partner organisation(s), as the sources name them; keep [] if they name none"),
        "funders": _("funder(s); keep [] if the sources name none"),
        "countries": _("ISO 3166-1 alpha-2 codes in capitals, e.g. [CO]"),
        "region": _("one region id from docs/tags.yml, e.g. latin-america-caribbean"),
        "places": _("towns, cities or areas, e.g. [Rionegro]; keep [] if the sources name none"),
        "start": _("YYYY-MM (or YYYY), e.g. 2013-10; keep null if the sources give no date"),
        "end": _("YYYY-MM (or YYYY); keep null if the sources give no date"),
        "participants": _("e.g. {{people: 50}} or {{organisations: {{more_than: 12}}}}; keep {{}} if not stated"),
        "tags": _("5 to 10 ids from docs/tags.yml, e.g. [partnership, capacity-building]"),
        "title": _("the source's title; \"[Article on …]\" in brackets if it has none"),
        "publisher": _("who published it"),
        "language": _("two-letter code of the source's language"),
        "url": _("only if you have the address"),
        "pending_intro": _("Languages still to be translated. Their files are drafts: not checked, not published."),
        "pending_remove": _("Remove a language once its translation is written, then run:"),
        "reviewed": _("the day you checked the facts against the sources"),
    }

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

def scaffold(slug: str, lang: str, root: Path = project.ROOT, language=ENGLISH) -> list:
    """Write the new case ``slug``, first written in ``lang``; the files written. Comments and
    errors are in ``language``."""
    say = language.say
    languages = project.languages(root)
    if not model.SLUG.match(slug):
        raise SystemExit(say(_("error: '{slug}' is not a valid slug. Use lowercase letters, digits and single hyphens, e.g. ngo-forum-quito.", slug=slug)))
    if lang not in languages:
        raise SystemExit(say(_("error: '{lang}' is not a language of the site; use one of: {languages}.", lang=lang, languages=", ".join(languages))))
    folder = root / "docs" / "cases" / slug
    if folder.exists():
        raise SystemExit(say(_("error: {folder} already exists; choose another slug, or edit that case.", folder=f"docs/cases/{slug}/")))
    strings = project.strings_for(root)
    pending = [other for other in languages if other != lang]
    folder.mkdir(parents=True)
    written = []
    facts = folder / "case.yml"
    comments = {key: say(text) for key, text in facts_comments().items()}
    facts.write_text(FACTS.format(slug=slug, lang=lang, pending=", ".join(pending), today=datetime.date.today().isoformat(), **comments),
                     encoding="utf-8")
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
    registry = project.languages(project.ROOT)
    default = registry[0]
    parser.add_argument("--lang", help=f"the language you write first, and the script speaks (default: {default}; "
                                       "the script then speaks that of the LANG environment variable, else English)")
    args = parser.parse_args(argv)
    language = messages.for_contributor(args.lang, registry, os.environ)
    say = language.say
    lang = args.lang or default
    written = scaffold(args.slug, lang, language=language)
    root = project.ROOT
    folder = f"docs/cases/{args.slug}"
    print(say(_("Created {folder}:", folder=folder + "/")))
    for path in written:
        print(f"  {path.relative_to(root)}")
    original = model.text_filename(lang, default)
    steps = [
        _("Fill in the facts in {file}, from your sources.", file=f"{folder}/case.yml"),
        _("Write the title, summary and the four sections in {file}.", file=f"{folder}/{original}"),
        _("Check:    {command}", command=f"python3 scripts/validate.py {folder}"),
        _("Preview:  {command}   (then open {address})", command="python3 scripts/serve.py", address=f"/cases/{args.slug}/"),
        _("To add a translation: write its file, remove its language from `pending` in case.yml, and run\n               {command}",
          command=f"python3 scripts/translations.py --mark {args.slug} <lang>"),
        _("Open a pull request (see CONTRIBUTING.md)."),
    ]
    print("\n" + say(_("Next steps:")))
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {say(step)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
