#!/usr/bin/env python3
"""Check case studies as a reviewer would, before the build does.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, issue_form, messages, project, pull_request  # noqa: E402
from casekit.messages import ENGLISH, Number, _, _n  # noqa: E402
from casekit.problems import report  # noqa: E402

DESCRIPTION = _("""\
Check case studies as a reviewer would, before the build does.

  python3 scripts/validate.py                      every case under docs/ and the tag vocabulary
  python3 scripts/validate.py docs/cases/my-case   only these cases (folders or files in them)

Checks: YAML syntax; required facts, their types and formats (dates, ISO country codes,
https URLs); tags in docs/tags.yml (with "did you mean"); case folder names; every language
written or listed as pending; translations that restate language-free facts; the four section
headings; images (exist, alt text, size); raw HTML (a safe list: no <script>, <iframe>, <style>,
event handlers or javascript: URLs); internal links. The same checks run inside `mkdocs build`.

Prints one line per problem, `path:line: error: message Fix: hint`, then a count, and exits 1;
prints one summary line and exits 0 when all is well. In a pull request's workflow,
`--format github --summary "$GITHUB_STEP_SUMMARY" --changed <files>` prints the problems as
annotations on their lines, warns about stale or missing translations of the changed cases and
writes a summary of them. With `--base <commit>` (the pull request's base) it also warns when a
case's facts from the sources changed since the merge base but its `reviewed:` date did not.

Messages are in the language of --lang, else of the environment (LANGUAGE, LC_ALL, LC_MESSAGES
or LANG: nl_NL.UTF-8 speaks Dutch), else English; a language of the site without a catalogue
of messages (scripts/casekit/locale/) is spoken in English.""")


def case_folders(paths, docs: Path, language=ENGLISH) -> set:
    """The case folders that ``paths`` (folders or files) name."""
    cases = (docs / "cases").resolve()
    folders = set()
    for raw in paths:
        path = Path(raw).resolve()
        if not path.exists():
            raise SystemExit(language.say(_("error: {path} does not exist.", path=raw)))
        if path == cases or path == docs.resolve():
            return None  # everything
        try:
            rel = path.relative_to(cases)
        except ValueError:
            if path == (docs / "tags.yml").resolve():
                continue
            raise SystemExit(language.say(_("error: {path} is not a case: give folders or files under docs/cases/.", path=raw))) from None
        folders.add(cases / rel.parts[0])
    return folders


def _touched_cases(paths, docs: Path) -> list:
    """The slugs of the case folders that ``paths`` lie in."""
    cases = (docs / "cases").resolve()
    slugs = set()
    for raw in paths or []:
        try:
            rel = Path(raw).resolve().relative_to(cases)
        except ValueError:
            continue
        if len(rel.parts) >= 2 or (len(rel.parts) == 1 and (cases / rel.parts[0]).is_dir()):
            slugs.add(rel.parts[0])
    return sorted(slugs)


def main(argv=None) -> int:
    registry = project.languages(project.ROOT)
    language = cli.language(registry, argv)
    parser = cli.Parser(language, DESCRIPTION)
    parser.add_argument("paths", nargs="*", metavar="PATH", help=_("case folders or files (default: all of docs/)"))
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help=_("github: print each problem as a workflow annotation (::error file=…,line=…::), "
                               "and warn about stale or missing translations of the cases named or changed"))
    parser.add_argument("--summary", metavar="FILE",
                        help=_("append a Markdown summary (cases, translation state per language, problems) to FILE, "
                               "e.g. $GITHUB_STEP_SUMMARY"))
    parser.add_argument("--changed", metavar="PATH", nargs="*", default=None,
                        help=_("the files a pull request changes: the summary and the translation warnings cover their cases"))
    parser.add_argument("--base", metavar="REF",
                        help=_("the commit a pull request is compared with (its base): warn when a changed case's "
                               "facts from the sources differ from those at the merge base while its reviewed: date does not"))
    parser.add_argument("--lang", metavar="LANG", help=_("the language of the messages, one of the site's "
                                                          "(default: that of the environment, LANGUAGE, LC_ALL, LC_MESSAGES or "
                                                          "LANG; for --format github and --summary without one, the original "
                                                          "language of the changed cases; else English)"))
    args = parser.parse_args(argv)
    if args.lang and messages.match(args.lang, registry) is None:
        parser.error(_("--lang {lang}: not a language of the site. Fix: use one of {languages}.", lang=args.lang,
                       languages=", ".join(registry)))
    start = time.perf_counter()
    say = language.say
    docs = project.ROOT / "docs"
    only = case_folders(args.paths, docs, language) if args.paths else None
    collection = project.load(only=only)
    problems = collection.problems
    if only is not None and not any(Path(p).resolve() == (docs / "tags.yml").resolve() for p in args.paths):
        problems = [p for p in problems if not p.path.endswith("tags.yml")]
    elif not problems:  # the vocabulary checked: the proposal form is made from it
        problems = issue_form.stale(project.ROOT)
    reviewed = []  # changed facts without a new reviewed: date (--base)
    if args.base:
        touched = _touched_cases(args.changed if args.changed is not None else args.paths, docs)
        reviewed = pull_request.unreviewed_changes(collection, touched or sorted(collection.cases), project.ROOT, args.base)
    if args.format == "github" or args.summary:
        slugs = _touched_cases(args.changed if args.changed is not None else args.paths, docs) or []
        warnings = pull_request.translation_warnings(collection, slugs, project.ROOT) + reviewed
        if not args.lang and not messages.requested_list(None, os.environ, lambda: None):
            # a pull request's checks (no language set): that of the cases it changes, when they
            # were all first written in one language
            language = pull_request.language_of(collection, slugs, registry, language)
            say = language.say
        if args.format == "github":
            for problem in sorted(problems):
                print(pull_request.annotation(problem, "error", language))
            for warning in sorted(collection.warnings) + warnings:
                print(pull_request.annotation(warning, "warning", language))
        if args.summary:
            with open(args.summary, "a", encoding="utf-8") as handle:
                handle.write(pull_request.summary(collection, slugs, problems, sorted(collection.warnings) + warnings, language) + "\n")
    if args.format == "text" and (collection.warnings or reviewed):
        print("\n".join(warning.format(language) for warning in sorted(collection.warnings) + reviewed))
    if problems:
        if args.format == "text":
            print(report(problems, language))
        return 1
    seconds = Number(round(time.perf_counter() - start, 2), "0.00")  # "1,25 s" where the language writes a decimal comma
    print(say(_n("OK: {count} case in {languages} languages checked, no problems ({seconds} s).",
                 "OK: {count} cases in {languages} languages checked, no problems ({seconds} s).",
                 len(collection.cases), languages=len(collection.languages), seconds=seconds)))
    return 0


if __name__ == "__main__":
    cli.stop_quietly_on_closed_pipe()  # as a command only: not in a process that imports main()
    sys.exit(main())
