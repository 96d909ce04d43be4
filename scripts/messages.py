#!/usr/bin/env python3
"""The catalogues of what the contributor scripts say: one gettext catalogue per language,

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from casekit import cli, messages, project  # noqa: E402
from casekit.messages import _  # noqa: E402

DESCRIPTION = _("""\
The catalogues of what the contributor scripts say: one gettext catalogue per language,
scripts/casekit/locale/<lang>/LC_MESSAGES/casekit.po (English is the message ids themselves).

  python3 scripts/messages.py             check: every message the code says is translated in
                                          every catalogue, with the same {{names}}
  python3 scripts/messages.py --update    add the code's new messages to every catalogue (to
                                          translate) and remove those the code no longer says
  python3 scripts/messages.py --new fr    start the catalogue of a language of the site

A translation keeps every {{name}} of its message id; {{{{ and }}}} are braces. In a translation,
{{nth:f}} asks for the feminine form of an ordinal ("la primera fuente"). Ordinals ("first",
"second" …) are messages with the context "ordinal" and "ordinal (feminine)". A language of the
site without a catalogue is spoken in English.""")

HEADER = """\
# What the contributor scripts (validate.py, new_case.py, translations.py) say, in one language.
# Translate each msgstr; keep every {name}. Check with: python3 scripts/messages.py
#"""


ORDINAL_NOTE = ("an ordinal, said where a message has {nth} (\"the {nth} source\"); a translation that needs the "
                "feminine form writes {nth:f}, which takes it from the context \"ordinal (feminine)\"")


def _file(where: str, scripts: Path) -> str:
    """The file a message is said in, relative to scripts/ (no line: lines move)."""
    path = Path(where.rsplit(":", 1)[0] if where.endswith(tuple("0123456789")) else where)
    try:
        return path.resolve().relative_to(Path(scripts).resolve()).as_posix()
    except ValueError:
        return path.name


def template(scripts: Path = messages.SCRIPTS) -> Catalog:
    """A catalogue of every message the code says, untranslated."""
    catalog = Catalog(domain=messages.DOMAIN, project="casekit", version="1", header_comment=HEADER, fuzzy=False,
                      last_translator="", language_team="", msgid_bugs_address="")
    for (context, msgid), (plural, where) in sorted(messages.used(scripts).items(), key=lambda item: (item[0][1], item[0][0] or "")):
        catalog.add((msgid, plural) if plural else msgid, string=("", "") if plural else "", context=context,
                    auto_comments=[_file(where, scripts)] if where != "ordinals" else [ORDINAL_NOTE])
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, sort_output=False, ignore_obsolete=True, include_previous=False,
                 omit_header=False, no_location=True)


def update(locale_dir: Path = messages.LOCALE_DIR, scripts: Path = messages.SCRIPTS) -> list:
    """Bring every catalogue in line with the code; the catalogues written."""
    fresh = template(scripts)
    written = []
    for code, path in messages.catalogues(locale_dir).items():
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=code, domain=messages.DOMAIN)
        created = catalog.creation_date
        catalog.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        catalog.creation_date = created  # only translations change a catalogue
        write(catalog, path)
        written.append(path)
    return written


def new(code: str, locale_dir: Path = messages.LOCALE_DIR, scripts: Path = messages.SCRIPTS) -> Path:
    """Start the catalogue of ``code``: every message, untranslated."""
    path = messages.catalogue_path(code, locale_dir)
    if path.exists():
        raise SystemExit(f"error: {path} already exists; run --update to bring it in line with the code.")
    catalog = template(scripts)
    catalog.locale = code.replace("-", "_")
    catalog.fuzzy = False
    write(catalog, path)
    return path


def main(argv=None) -> int:
    parser = cli.Parser(cli.language(project.languages(project.ROOT), argv, option=None), DESCRIPTION)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--update", action="store_true", help=_("add new messages to every catalogue, remove unused ones"))
    group.add_argument("--new", metavar="LANG", help=_("start the catalogue of a language of the site"))
    args = parser.parse_args(argv)
    if args.new:
        if messages.match(args.new, project.languages(project.ROOT)) is None:
            raise SystemExit(f"error: '{args.new}' is not a language of the site ({', '.join(project.languages(project.ROOT))}).")
        print(f"Wrote {new(args.new)}: translate each msgstr, then run python3 scripts/messages.py.")
        return 0
    if args.update:
        for path in update():
            print(f"Updated {path}")
    problems = messages.check()
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} message(s) to translate or tidy; see python3 scripts/messages.py --help.")
        return 1
    print(f"OK: {len(messages.used())} messages, translated in every catalogue ({', '.join(messages.catalogues()) or 'none'}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
