#!/usr/bin/env python3
"""Report the state of every translation, or record that one is up to date.

Each translation records, in its front matter, which version of the original it was made from
(`translated_from:`, a fingerprint of the original's title, summary and prose; not a date).
States: original, up to date, outdated (the original changed since), missing.

  python3 scripts/translations.py                    report every case and language
  python3 scripts/translations.py --mark SLUG LANG   record that LANG now matches the original
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import project  # noqa: E402
from casekit.model import text_filename  # noqa: E402
from casekit.problems import report  # noqa: E402

LABELS = {"original": "original", "current": "up to date", "outdated": "OUTDATED", "missing": "missing"}


def mark(collection, slug: str, lang: str) -> str:
    case = collection.cases.get(slug)
    if case is None:
        raise SystemExit(f"error: there is no case '{slug}' under docs/cases/.")
    if lang not in collection.languages:
        raise SystemExit(f"error: '{lang}' is not a language of the site ({', '.join(collection.languages)}).")
    if lang == case.original_language:
        raise SystemExit(f"error: {lang} is the original language of '{slug}'; only translations are marked.")
    text, original = case.texts.get(lang), case.original
    name = f"docs/cases/{slug}/{text_filename(lang, collection.default_language)}"
    if text is None and lang in case.drafts:
        raise SystemExit(f"error: {name} is a draft: '{lang}' is listed under pending: in docs/cases/{slug}/case.yml.\n"
                         f"Fix: remove '{lang}' from pending: once the translation is complete, then mark it.")
    if text is None:
        raise SystemExit(f"error: {name} does not exist yet.")
    if original is None:
        raise SystemExit(f"error: the original text of '{slug}' does not exist.")
    if text.doc is None:
        raise SystemExit(f"error: {name}:1: the file has no front matter to record the version in.\n"
                         "Fix: start the file with ---, then title: and summary: lines, then --- (see CONTRIBUTING.md).")
    lines = text.path.read_text(encoding="utf-8-sig").split("\n")
    # the index of the front matter's closing line (MkDocs' rule: --- or ... alone on a line)
    closing = next(index for index in range(1, len(lines)) if re.fullmatch(r"(-{3}|\.{3})[ \t]*\r?", lines[index]))
    line = f"translated_from: {original.prose_hash}"
    found = [index for index in range(1, closing) if re.match(r"translated_from:", lines[index])]
    if found:
        lines[found[0]] = line
    else:
        lines.insert(closing, line)
    text.path.write_text("\n".join(lines), encoding="utf-8")
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mark", nargs=2, metavar=("SLUG", "LANG"), help="record that this translation matches the current original")
    args = parser.parse_args(argv)
    collection = project.load()
    if args.mark:
        slug, lang = args.mark
        line = mark(collection, slug, lang)
        print(f"{slug} ({lang}): marked up to date ({line}).")
        return 0
    width = max([len(slug) for slug in collection.cases] + [4])
    print("case".ljust(width), *(lang.ljust(10) for lang in collection.languages))
    counts: dict = {}
    for slug, case in collection.cases.items():
        states = [case.translation_state(lang) for lang in collection.languages]
        for state in states:
            counts[state] = counts.get(state, 0) + 1
        print(slug.ljust(width), *(LABELS[state].ljust(10) for state in states))
    print(", ".join(f"{counts.get(state, 0)} {LABELS[state].lower()}" for state in ("original", "current", "outdated", "missing")))
    if collection.problems:
        print("\nThe cases also have problems (python3 scripts/validate.py lists them):", file=sys.stderr)
        print(report(collection.problems), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
