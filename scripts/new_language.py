#!/usr/bin/env python3
"""Add a language to the site: one command, then translate.

  python3 scripts/new_language.py fr [--name Français]

Writes everything the new language needs, each piece in the default language until a
translator replaces it, so that the site builds and every test passes right away:
- its entry in mkdocs.yml (the language registry: the i18n plugin's languages);
- overrides/i18n/<code>.yml, the UI strings to translate (a copy of the default language's);
- in docs/tags.yml, a label and description of every facet and tag to translate;
- the pages (docs/index.<code>.md, docs/<page>/index.<code>.md) to translate;
- its reviewers in .github/CODEOWNERS, and the case proposal form made again with its name
  and words (scripts/make_issue_form.py).
Cases need nothing: a case not yet written in the language shows its original with a notice,
and the translation status page lists it as missing.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

import yaml  # noqa: E402
from babel import Locale, UnknownLocaleError  # noqa: E402

from casekit import issue_form, layout, project  # noqa: E402


def language_name(code: str) -> str:
    """The language's name in itself, capitalised, as the language selector shows it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def add_to_registry(text: str, code: str, name: str) -> str:
    """mkdocs.yml with ``code`` appended to the i18n plugin's languages."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+languages:\s*$", line)), None)
    if start is None:
        raise SystemExit("error: mkdocs.yml has no i18n 'languages:' list to add the language to.")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    item = lines[start + 1]
    dash = item[: len(item) - len(item.lstrip())]
    entry = [f"{dash}- locale: {code}", f"{dash}  name: {json.dumps(name, ensure_ascii=False)}", f"{dash}  build: true"]
    return "\n".join(lines[:end] + entry + lines[end:])


def add_to_vocabulary(text: str, default: str, code: str) -> str:
    """docs/tags.yml with a ``code`` entry, in the default language's words, in every mapping
    of languages (flow ones such as {en: …, es: …} and block ones)."""
    out = []
    lines = text.split("\n")
    flow = re.compile(rf"^(\s*[\w-]+:\s*)(\{{.*\b{re.escape(default)}:.*\}})\s*$")
    block = re.compile(rf"^(\s+){re.escape(default)}:\s")
    index = 0
    while index < len(lines):
        line = lines[index]
        match = flow.match(line)
        if match:
            values = yaml.safe_load(match.group(2))
            if isinstance(values, dict) and default in values and code not in values:
                line = match.group(1) + match.group(2)[:-1].rstrip() + f", {code}: {json.dumps(values[default], ensure_ascii=False)}}}"
            out.append(line)
            index += 1
            continue
        match = block.match(line)
        if match:
            indent = match.group(1)
            group = [line]
            index += 1
            while index < len(lines) and re.match(rf"^{indent}[a-z]{{2,3}}:\s", lines[index]):
                group.append(lines[index])
                index += 1
            value = yaml.safe_load(line.strip()[len(default) + 1:].strip() or '""')
            keys = [row.strip().split(":", 1)[0] for row in group]
            out += group
            if code not in keys:
                out.append(f"{indent}{code}: {json.dumps(value, ensure_ascii=False)}")
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


def regional_locale(code: str) -> str:
    """The regional variant the pages of ``code`` start with (site.locale; the translator may
    choose another): the one CLDR finds most likely, e.g. fr_FR, pt_BR, ar_EG."""
    from babel.core import get_global
    likely = get_global("likely_subtags").get(code, code)
    parts = likely.split("_")
    territory = next((part for part in reversed(parts[1:]) if part.isupper() or part.isdigit()), None)
    return f"{code}_{territory}" if territory else code


def strings_file(default_text: str, default: str, code: str) -> str:
    """The default language's UI strings as the new language's file to translate."""
    text = re.sub(r"^(\s+locale:\s*)\S+", rf"\g<1>{regional_locale(code)}", default_text, count=1, flags=re.M)
    return (f"# UI strings for the pages in '{code}'. Copied from {default}.yml by scripts/new_language.py:\n"
            f"# translate every value (keep the keys and the {{placeholders}}).\n" + text)


def add_reviewers(text: str, default: str, code: str) -> str:
    """CODEOWNERS with the new language's reviewers wherever the default language's stand."""
    out = []
    for line in text.split("\n"):
        team = re.search(rf"(@\S+?)reviewers-{re.escape(default)}\b", line)
        if team and not line.lstrip().startswith("#"):
            owner = f"{team.group(1)}reviewers-{code}"
            pattern = line.split()[0]
            if pattern == "/docs/**/*.md":
                out.append(line)
                out.append(f"/docs/**/*.{code}.md".ljust(len(line) - len(line.split(None, 1)[1])) + owner)
                continue
            if pattern == f"/overrides/i18n/{default}.yml":
                out.append(line)
                out.append(f"/overrides/i18n/{code}.yml".ljust(len(line) - len(line.split(None, 1)[1])) + owner)
                continue
            if len(line.split()) > 2:  # a line every language's reviewers share
                line = f"{line} {owner}"
        out.append(line)
    return "\n".join(out)


def add_language(code: str, name: str | None = None, root: Path = project.ROOT) -> list:
    root = Path(root)
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise SystemExit(f"error: '{code}' is not a language code Babel knows (use ISO 639-1, e.g. fr, pt, ar).") from None
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise SystemExit(f"error: '{code}' is not a language code of two or three lowercase letters (e.g. fr).")
    languages = project.languages(root)
    if code in languages:
        raise SystemExit(f"error: '{code}' is already a language of the site ({', '.join(languages)}).")
    default = languages[0]
    name = name or language_name(code)
    written = []

    def write(path: Path, text: str):
        path.write_text(text, encoding="utf-8")
        written.append(path)

    config = root / "mkdocs.yml"
    write(config, add_to_registry(config.read_text(encoding="utf-8"), code, name))
    strings_dir = root / "overrides" / "i18n"
    write(strings_dir / f"{code}.yml", strings_file((strings_dir / f"{default}.yml").read_text(encoding="utf-8"), default, code))
    tags = root / "docs" / "tags.yml"
    write(tags, add_to_vocabulary(tags.read_text(encoding="utf-8"), default, code))
    docs = root / "docs"
    own = layout.text_filename(default, default)
    for page in [docs / own, *sorted(folder / own for folder in docs.iterdir() if folder.is_dir() and folder.name != "cases"),
                 docs / "cases" / own]:
        if page.is_file():
            write(page.with_name(f"index.{code}.md"), page.read_text(encoding="utf-8"))
    owners = root / ".github" / "CODEOWNERS"
    if owners.is_file():
        write(owners, add_reviewers(owners.read_text(encoding="utf-8"), default, code))
    form = root / issue_form.PATH
    if form.is_file():  # made again from the data, now with the new language's words and name
        write(form, issue_form.render(issue_form.build(root, {**project.language_names(root), code: name})))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="the language's ISO 639-1 code, e.g. fr")
    parser.add_argument("--name", help="its name in itself, as the language selector shows it (default: from Babel)")
    args = parser.parse_args(argv)
    written = add_language(args.code, args.name)
    print(f"Added '{args.code}'. Written:")
    for path in written:
        print(f"  {path.relative_to(project.ROOT)}")
    print(f"""
Next steps:
  1. Translate overrides/i18n/{args.code}.yml, the {args.code}: labels and descriptions in docs/tags.yml
     and the index.{args.code}.md pages (they hold the default language's words until then).
  2. Check:    python3 scripts/validate.py
  3. Preview:  python3 scripts/serve.py   (then open /{args.code}/)
  4. Translate cases one by one: python3 scripts/translations.py lists what is missing.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
