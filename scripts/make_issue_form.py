#!/usr/bin/env python3
"""Write the case proposal form, .github/ISSUE_TEMPLATE/propose-case.yml, from the data.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, issue_form, project  # noqa: E402
from casekit.messages import _  # noqa: E402

DESCRIPTION = _("""\
Write the case proposal form, .github/ISSUE_TEMPLATE/propose-case.yml, from the data.

  python3 scripts/make_issue_form.py           write the form
  python3 scripts/make_issue_form.py --check   only compare: exit 1 when the form is out of date

The form asks for every fact of scripts/casekit/case.schema.json (required where the schema
requires a value), a text's title and summary (text.schema.json) and its four sections; it
offers the regions and tags of docs/tags.yml and the languages of mkdocs.yml, and every label
and description is in every language of the site, from overrides/i18n/<lang>.yml (section
proposal). Run it after changing any of those; the tests run --check.""")


def main(argv=None) -> int:
    language = cli.language(project.languages(project.ROOT), argv, option=None)
    parser = cli.Parser(language, DESCRIPTION)
    parser.add_argument("--check", action="store_true", help=_("do not write; exit 1 when the form differs from what the data makes"))
    args = parser.parse_args(argv)
    say = language.say
    root = project.ROOT
    form = issue_form.PATH.as_posix()
    try:
        text = issue_form.render(issue_form.build(root))
    except issue_form.FormError as error:  # its text names the file, what is wrong and the fix
        print(say(_("error: the form cannot be made from the data:")) + f"\n{error}", file=sys.stderr)
        return 2
    path = root / issue_form.PATH
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(say(_("OK: {form} is up to date.", form=form)))
            return 0
        print(say(_("error: {form} is out of date with the schema, docs/tags.yml, mkdocs.yml or the UI strings. "
                    "Fix: run python3 scripts/make_issue_form.py and commit the form.", form=form)), file=sys.stderr)
        return 1
    if current == text:
        print(say(_("{form} is already up to date.", form=form)))
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(say(_("Wrote {form}.", form=form)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
