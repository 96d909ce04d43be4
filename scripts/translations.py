#!/usr/bin/env python3
"""Report the state of every translation, or record that one is up to date.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, messages, project  # noqa: E402
from casekit.messages import ENGLISH, _, _n  # noqa: E402
from casekit.model import text_filename, translated_from_line  # noqa: E402
from casekit.problems import report  # noqa: E402
from casekit.pull_request import state_label, state_of  # noqa: E402

DESCRIPTION = _("""\
Report the state of every translation, or record that one is up to date.

Each translation records, in its front matter, which version of the original it was made from
(`translated_from:`, a fingerprint of the original's title, summary and prose; not a date).
States: original, up to date, outdated (the original changed since), pending (left for later on
purpose: listed under pending: in case.yml), missing.

  python3 scripts/translations.py                    report every case and language
  python3 scripts/translations.py --mark SLUG LANG   record that LANG now matches the original

Messages are in the language of --lang, else of the environment (LANGUAGE, LC_ALL,
LC_MESSAGES or LANG), else English.""")

STATES = ("original", "current", "outdated", "pending", "missing")


def _counted(state: str, count: int):
    """"3 up to date": how many texts are in ``state``."""
    return {"original": _n("{count} original", "{count} original", count),
            "current": _n("{count} up to date", "{count} up to date", count),
            "outdated": _n("{count} outdated", "{count} outdated", count),
            "pending": _n("{count} pending", "{count} pending", count),
            "missing": _n("{count} missing", "{count} missing", count)}[state]


def mark(collection, slug: str, lang: str, language=ENGLISH) -> str:
    """Record in ``lang``'s text of ``slug`` that it matches the original; the line written."""
    say = language.say
    case = collection.cases.get(slug)
    if case is None:
        raise SystemExit(say(_("error: there is no case '{slug}' under docs/cases/.", slug=slug)))
    if lang not in collection.languages:
        raise SystemExit(say(_("error: '{lang}' is not a language of the site ({languages}).", lang=lang, languages=", ".join(collection.languages))))
    if lang == case.original_language:
        raise SystemExit(say(_("error: {lang} is the original language of '{slug}'; only translations are marked.", lang=lang, slug=slug)))
    text, original = case.texts.get(lang), case.original
    name = f"docs/cases/{slug}/{text_filename(lang, collection.default_language)}"
    if text is None and lang in case.drafts:
        raise SystemExit(say(_("error: {name} is a draft: '{lang}' is listed under pending: in {facts}.", name=name, lang=lang, facts=f"docs/cases/{slug}/case.yml"))
                         + "\n" + say(_("Fix: remove '{lang}' from pending: once the translation is complete, then mark it.", lang=lang)))
    if text is None:
        raise SystemExit(say(_("error: {name} does not exist yet.", name=name)))
    if original is None:
        raise SystemExit(say(_("error: the original text of '{slug}' does not exist.", slug=slug)))
    if text.doc is None:
        raise SystemExit(say(_("error: {name}:1: the file has no front matter to record the version in.", name=name)) + "\n"
                         + say(_("Fix: start the file with ---, then title: and summary: lines, then --- (see the guide docs/contribute/index.md).")))
    lines = text.path.read_text(encoding="utf-8-sig").split("\n")
    # the index of the front matter's closing line (MkDocs' rule: --- or ... alone on a line)
    closing = next(index for index in range(1, len(lines)) if re.fullmatch(r"(-{3}|\.{3})[ \t]*\r?", lines[index]))
    line = translated_from_line(original.prose_hash)
    found = [index for index in range(1, closing) if re.match(r"translated_from:", lines[index])]
    if found:
        lines[found[0]] = line
    else:
        lines.insert(closing, line)
    text.path.write_text("\n".join(lines), encoding="utf-8")
    return line


def main(argv=None) -> int:
    registry = project.languages(project.ROOT)
    language = cli.language(registry, argv)
    parser = cli.Parser(language, DESCRIPTION)
    parser.add_argument("--mark", nargs=2, metavar=("SLUG", "LANG"), help=_("record that this translation matches the current original"))
    parser.add_argument("--lang", metavar="LANG", help=_("the language of the messages, one of the site's (default: that of the "
                                                          "environment, LANGUAGE, LC_ALL, LC_MESSAGES or LANG; else English)"))
    args = parser.parse_args(argv)
    if args.lang and messages.match(args.lang, registry) is None:
        parser.error(_("--lang {lang}: not a language of the site. Fix: use one of {languages}.", lang=args.lang,
                       languages=", ".join(registry)))
    say = language.say
    collection = project.load()
    if args.mark:
        slug, lang = args.mark
        line = mark(collection, slug, lang, language)
        print(say(_("{slug} ({lang}): marked up to date ({line}).", slug=slug, lang=lang, line=line)))
        return 0
    labels = {state: say(state_label(state)) for state in STATES}
    labels["outdated"] = labels["outdated"].upper()  # what needs a translator's attention
    column = max(len(label) for label in labels.values()) + 1
    heading = say(_("case"))
    width = max([len(slug) for slug in collection.cases] + [len(heading)])
    print(heading.ljust(width), *(lang.ljust(column) for lang in collection.languages))
    counts: dict = {}
    for slug, case in collection.cases.items():
        states = [state_of(case, lang) for lang in collection.languages]
        for state in states:
            counts[state] = counts.get(state, 0) + 1
        print(slug.ljust(width), *(labels[state].ljust(column) for state in states))
    print(", ".join(say(_counted(state, counts.get(state, 0))) for state in STATES))
    if collection.problems:
        print("\n" + say(_("The cases also have problems (python3 scripts/validate.py lists them):")), file=sys.stderr)
        print(report(collection.problems, language), file=sys.stderr)
    return 0


if __name__ == "__main__":
    cli.stop_quietly_on_closed_pipe()  # as a command only: not in a process that imports main()
    sys.exit(main())
