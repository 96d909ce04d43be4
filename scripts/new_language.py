#!/usr/bin/env python3
"""Add a language to the site: one command, then translate.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv(also=("ruamel",))  # run with the pinned packages (.venv), whichever Python started the script

from babel import Locale, UnknownLocaleError  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.comments import CommentedMap  # noqa: E402

from casekit import cli, issue_form, layout, project  # noqa: E402
from casekit.messages import _  # noqa: E402

DESCRIPTION = _("""\
Add a language to the site: one command, then translate.

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
and the translation status page lists it as missing.""")


def language_name(code: str) -> str:
    """The language's name in itself, capitalised, as the language selector shows it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def _round_trip() -> YAML:
    """A YAML reader and writer that keeps the files' comments, quotes, flow mappings and
    indentation (mkdocs.yml's MkDocs tags such as !ENV too): what it does not change, it
    writes back byte for byte (a test checks)."""
    yaml_rt = YAML()
    yaml_rt.preserve_quotes = True
    yaml_rt.width = 1_000_000
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    return yaml_rt


def _dump(yaml_rt: YAML, data) -> str:
    out = io.StringIO()
    yaml_rt.dump(data, out)
    return out.getvalue()


def add_to_registry(text: str, code: str, name: str) -> str:
    """mkdocs.yml with ``code`` appended to the i18n plugin's languages."""
    yaml_rt = _round_trip()
    config = yaml_rt.load(text)
    languages = next((plugin["i18n"].get("languages") for plugin in config.get("plugins") or []
                      if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict)), None)
    if not languages:
        raise SystemExit("error: mkdocs.yml has no i18n 'languages:' list to add the language to.")
    last = languages[-1]
    entry = CommentedMap([("locale", code), ("name", name), ("build", True)])
    # a comment below the list is kept on the list's last key: it moves below the new entry
    key = list(last)[-1]
    if key in last.ca.items:
        entry.ca.items["build"] = last.ca.items.pop(key)
    languages.append(entry)
    return _dump(yaml_rt, config)


def add_to_vocabulary(text: str, default: str, code: str) -> str:
    """docs/tags.yml with a ``code`` entry, in the default language's words, in every mapping
    of languages (a mapping whose keys are language codes, the default among them)."""
    yaml_rt = _round_trip()
    vocabulary = yaml_rt.load(text)

    def add(node) -> None:
        if isinstance(node, dict):
            if default in node and all(isinstance(key, str) and re.fullmatch(r"[a-z]{2,3}", key) for key in node):
                node.setdefault(code, node[default])
                return
            for value in node.values():
                add(value)
        elif isinstance(node, list):
            for value in node:
                add(value)

    add(vocabulary)
    return _dump(yaml_rt, vocabulary)


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


def add_guide_link(text: str, default: str, code: str, name: str) -> str:
    """CONTRIBUTING.md with a line linking the contributor guide in ``code`` (its file under
    docs/contribute/ and its path on the site), after the lines that link the other languages'
    guides, written as they are; the text unchanged when it has none."""
    lines = text.split("\n")
    marker = "](docs/contribute/index"
    linked = [index for index, line in enumerate(lines) if line.startswith("- **") and marker in line]
    if not linked:
        return text
    page = f"docs/contribute/{layout.text_filename(code, default)}"
    lines.insert(linked[-1] + 1, f"- **{name}**: [{page}]({page}), on the site at `/{code}/contribute/`")
    return "\n".join(lines)


def add_style_section(text: str, languages, code: str) -> str:
    """CONTRIBUTING.md with a style-guide section for ``code`` after the last language's, a copy
    of the default language's section (each is headed `### <the language's English name>`); the
    text unchanged when it has no section for the default language."""
    english = Locale.parse("en").languages
    sections = {}
    for lang in languages:
        start = text.find(f"\n### {english.get(lang, lang)}")
        if start >= 0:
            end = text.find("\n#", start + 1)
            sections[lang] = (start, end if end >= 0 else len(text))
    if languages[0] not in sections:
        return text
    start, end = sections[languages[0]]
    body = text[start:end].split("\n", 2)[2] if text[start:end].count("\n") >= 2 else "\n"
    name, default_name = english.get(code, code), english.get(languages[0], languages[0])
    section = f"\n### {name} (a copy of the {default_name} section, to rewrite for {name})\n{body}"
    after = max(end for _start, end in sections.values())
    return text[:after] + section + text[after:]


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
    guide = root / "CONTRIBUTING.md"
    if guide.is_file():
        text = add_guide_link(guide.read_text(encoding="utf-8"), default, code, name)
        write(guide, add_style_section(text, languages, code))
    form = root / issue_form.PATH
    if form.is_file():  # made again from the data, now with the new language's words and name
        write(form, issue_form.render(issue_form.build(root, {**project.language_names(root), code: name})))
    return written


def main(argv=None) -> int:
    parser = cli.Parser(cli.language(project.languages(project.ROOT), argv, option=None), DESCRIPTION)
    parser.add_argument("code", help=_("the language's ISO 639-1 code, e.g. fr"))
    parser.add_argument("--name", help=_("its name in itself, as the language selector shows it (default: from Babel)"))
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
