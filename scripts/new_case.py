#!/usr/bin/env python3
"""Start a new case study: one folder with its facts and a text file for every language.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import datetime
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, messages, model, project, urls  # noqa: E402
from casekit.messages import ENGLISH, _  # noqa: E402

DESCRIPTION = _("""\
Start a new case study: one folder with its facts and a text file for every language.

  python3 scripts/new_case.py <slug> [--lang es]

<slug> names the case and its address (/cases/<slug>/ in every language): lowercase letters,
digits and single hyphens, e.g. ngo-forum-quito. --lang is the language you write first
(default: the one your environment asks for, when the site has it). The facts file lists every
required fact as a placeholder with a comment; each language file has its front matter and the
four section headings in that language. The other languages are listed as pending until their
translations are written.

The script speaks the language of --lang, else of the environment (LANGUAGE, LC_ALL,
LC_MESSAGES or LANG), else English (also in the comments of case.yml).""")

FACTS = """\
# {c_intro}
# {c_invent}
# {c_check} python3 scripts/validate.py docs/cases/{slug}
original_language: {lang}   # {c_original}
implementing: {implementing}   # {c_implementing}
partners: {partners}       # {c_partners}
funders: {funders}        # {c_funders}
countries: {countries}      # {c_countries}
{venue}
places: {places}         # {c_places}
start: {start}        # {c_start}
end: {end}          # {c_end}
participants: {participants}   # {c_participants}
tags: {tags}           # {c_tags}
sources:
{sources}
# {c_pending_intro}
# {c_pending_remove}
#   python3 scripts/translations.py --mark {slug} <lang>
pending: [{pending}]
added: {today}
reviewed: {today}   # {c_reviewed}
"""

# The placeholder source of a new case: its keys to fill in, with a comment on each.
SOURCE_PLACEHOLDER = """\
  - title:         # {c_title}
    publisher:     # {c_publisher}
    language: {lang}   # {c_language}
    # url: https://…   # {c_url}"""

# Texts written without quotes: ids, codes (CO, es) and dates (2019-03) ...
PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?")
# ... except the words YAML 1.1 reads as true, false or null (NO is Norway, no Norwegian).
YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})

TEXT = """\
---
{title}
{summary}
---

## {context}

{context_text}

## {what_was_done}

{what_was_done_text}

## {results}

{results_text}

## {lessons}

{lessons_text}
"""


def facts_comments() -> dict:
    """The comments of the scaffold's case.yml, as messages."""
    return {
        "intro": _("Facts of this case study that do not depend on language: written once, here."),
        "invent": _("Every fact comes from the sources; invent nothing (see the guide docs/contribute/index.md)."),
        "check": _("Check your work with:"),
        "original": _("the language you write first"),
        "implementing": _("organisation(s) that carried out the work, e.g. [Blumont]"),
        "partners": _("partner organisation(s), as the sources name them; keep [] if they name none"),
        "funders": _("funder(s); keep [] if the sources name none"),
        "countries": _("ISO 3166-1 alpha-2 codes in capitals, e.g. [CO]"),
        "venue": _("only when the sources do not say where the case took place and its countries are those its examples come from"),
        "places": _("towns, cities or areas, e.g. [Rionegro]; keep [] if the sources name none"),
        "start": _("YYYY-MM (or YYYY), e.g. 2013-10; keep null if the sources give no date"),
        "end": _("YYYY-MM (or YYYY); keep null if the sources give no date"),
        "participants": _("e.g. {{people: 50}}, {{people: {{about: 3400}}}} or {{organisations: {{more_than: 12}}}}; keep {{}} if not stated"),
        "tags": _("5 to 10 ids from docs/tags.yml, e.g. [partnership, capacity-building]"),
        "title": _("the source's title; \"[Article on …]\" in brackets if it has none"),
        "publisher": _("who published it"),
        "language": _("two-letter code of the source's language"),
        "url": _("only if you have the address"),
        "pending_intro": _("Languages still to be translated. Their files are drafts: not checked, not published."),
        "pending_remove": _("Remove a language once its translation is written, then run:"),
        "reviewed": _("the day you checked the facts against the sources"),
    }


def yaml_text(value: str) -> str:
    """``value`` as YAML that is read back as this one string and nothing else, whatever it
    holds (quotes, colons, newlines, '# comments', '[', '{'): as it is when it is an id, a code
    or a date that YAML cannot take for anything else, else double-quoted, with characters that
    do not print written as escapes."""
    if PLAIN.fullmatch(str(value)) and str(value).lower() not in YAML_WORDS:
        return str(value)
    out = []
    for char in str(value):
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif not char.isprintable():
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def yaml_flow(value) -> str:
    """A list, mapping, number, text or None as YAML flow, on one line: texts quoted by
    ``yaml_text``, keys only as the schema's own names."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        raise TypeError("case facts hold no true/false values")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return yaml_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        if not all(isinstance(key, str) and model.SLUG.fullmatch(key.replace("_", "-")) for key in value):
            raise ValueError(f"not a name of the schema among {list(value)}")
        return "{" + ", ".join(f"{key}: {yaml_flow(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a fact")


def check_new(slug: str, lang: str, root: Path = project.ROOT, language=ENGLISH) -> Path:
    """The folder a new case ``slug`` first written in ``lang`` goes to: SystemExit with what is
    wrong (in ``language``) when the slug is not a valid name, the language is not the site's,
    or the case exists."""
    say = language.say
    languages = project.languages(root)
    if not model.SLUG.fullmatch(slug):
        raise SystemExit(say(_("error: '{slug}' is not a valid slug. Use lowercase letters, digits and single hyphens, e.g. ngo-forum-quito.", slug=slug)))
    if lang not in languages:
        raise SystemExit(say(_("error: '{lang}' is not a language of the site; use one of: {languages}.", lang=lang, languages=", ".join(languages))))
    cases = Path(root) / "docs" / "cases"
    folder = cases / slug
    if folder.resolve().parent != cases.resolve():  # the slug's pattern keeps it below docs/cases/; made sure
        raise SystemExit(say(_("error: '{slug}' is not a valid slug. Use lowercase letters, digits and single hyphens, e.g. ngo-forum-quito.", slug=slug)))
    if folder.exists() or folder.is_symlink():
        raise SystemExit(say(_("error: {folder} already exists; choose another slug, or edit that case.", folder=f"docs/cases/{slug}/")))
    return folder


def facts_text(slug: str, lang: str, languages, today: str, facts: dict | None = None, language=ENGLISH) -> str:
    """The case.yml of a new case: each fact of ``facts`` where given (values as the schema
    gives them: lists of texts, dates as text, participants, sources), else its
    placeholder; every line keeps its comment on how to fill it."""
    facts = facts or {}
    comments = {f"c_{key}": language.say(text) for key, text in facts_comments().items()}
    values = {key: yaml_flow(facts[key]) if key in facts else default
              for key, default in (("implementing", "[]"), ("partners", "[]"), ("funders", "[]"), ("countries", "[]"),
                                   ("places", "[]"), ("start", "null"), ("end", "null"), ("participants", "{}"), ("tags", "[]"))}
    # the case's regions come from its countries; venue is written only when the sources do not say it
    values["venue"] = (f"venue: {yaml_text(facts['venue'])}   # {comments['c_venue']}" if facts.get("venue")
                       else f"# venue: not-stated   # {comments['c_venue']}")
    if facts.get("sources"):
        values["sources"] = "\n".join(
            "\n".join(f"{'  - ' if index == 0 else '    '}{key}: {yaml_text(value)}" for index, (key, value) in enumerate(source.items()))
            for source in facts["sources"])
    else:
        values["sources"] = SOURCE_PLACEHOLDER.format(lang=lang, **comments)
    pending = [other for other in languages if other != lang]
    return FACTS.format(slug=slug, lang=lang, pending=", ".join(pending), today=today, **values, **comments)


def text_file(strings, text: dict | None = None) -> str:
    """One language's text of a new case: its front matter and the four section headings in
    that language (``strings``), with ``text`` (title, summary and sections: {key: Markdown})
    where given, else a comment on what to write."""
    text = text or {}
    sections = text.get("sections") or {}
    title = f"title: {yaml_text(text['title'])}" if text.get("title") else f'title: ""     # {strings("scaffold.title")}'
    summary = f"summary: {yaml_text(text['summary'])}" if text.get("summary") else f'summary: ""   # {strings("scaffold.summary")}'
    filled = {f"{key}_text": sections[key].strip("\n") if sections.get(key) else f"<!-- {strings(f'scaffold.{key}')} -->"
              for key in model.SECTIONS}
    return TEXT.format(title=title, summary=summary, **{key: strings(f"sections.{key}") for key in model.SECTIONS}, **filled)


def scaffold(slug: str, lang: str, root: Path = project.ROOT, facts: dict | None = None, text: dict | None = None,
             today: str | None = None, language=ENGLISH) -> list:
    """Write docs/cases/<slug>/: case.yml and a text file for every language, ``lang`` the one
    written first (the others pending). ``facts`` and ``text`` (the first language's title,
    summary and sections) fill what they give; the rest are placeholders to fill in. Returns
    the files written; writes nowhere else (each file is created new, never overwritten).
    Comments and errors are in ``language``."""
    root = Path(root)
    folder = check_new(slug, lang, root, language)
    languages = project.languages(root)
    strings = project.strings_for(root)
    today = today or datetime.date.today().isoformat()
    folder.mkdir()
    written = []

    def write(name: str, content: str):
        path = folder / name
        with open(path, "x", encoding="utf-8") as handle:  # "x": never through a file or link already there
            handle.write(content)
        written.append(path)

    write("case.yml", facts_text(slug, lang, languages, today, facts, language))
    for other in languages:
        write(model.text_filename(other, languages[0]), text_file(strings(other), text if other == lang else None))
    return written


def main(argv=None) -> int:
    registry = project.languages(project.ROOT)
    default = registry[0]
    language = cli.language(registry, argv)
    parser = cli.Parser(language, DESCRIPTION)
    parser.add_argument("slug", help=_("the case's name in its address, e.g. ngo-forum-quito"))
    parser.add_argument("--lang", help=_("the language you write first, and the script speaks (default: the one your environment "
                                         "asks for, LANGUAGE, LC_ALL, LC_MESSAGES or LANG, when the site has it; else {default})",
                                         default=messages.LanguageName(default)))
    args = parser.parse_args(argv)
    say = language.say
    # the language written first: --lang, else the one the contributor's environment asks for
    # (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the Windows user locale) when the site has it
    asked = (messages.match(code, registry) for code in messages.requested_list(None, os.environ))
    lang = args.lang or next((code for code in asked if code), default)
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
        _("Preview:  {command}   (then open {address})", command="python3 scripts/serve.py", address="/" + urls.page_url(args.slug, lang, default)),
        _("To add a translation: write its file, remove its language from `pending` in case.yml, and run\n               {command}",
          command=f"python3 scripts/translations.py --mark {args.slug} <lang>"),
        _("Open a pull request (see the guide docs/contribute/index.md)."),
    ]
    print("\n" + say(_("Next steps:")))
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {say(step)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
