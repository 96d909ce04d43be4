"""Read and check the cases under docs/cases/<slug>/.

A case is one folder:
- ``case.yml``: the facts that do not depend on language, written once;
- ``index.md`` (English), ``index.<lang>.md`` (other languages): front matter with what is
  translated (title, summary, place names where they differ), then the prose in four sections.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

import fastjsonschema
import jsonschema
from babel import Locale
from rapidfuzz import fuzz, process

from . import html_policy, layout, markdown_checks, pages, textfile, yamlines
from . import strings as strings_mod
from . import vocab as vocab_mod
from .problems import Problem, display_path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
SECTIONS = ("context", "what_was_done", "results", "lessons")
TEXT_KEYS = ("title", "summary", "places")
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
HERE = Path(__file__).parent


@cache
def _schema(name: str) -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@cache
def _validator(name: str):
    schema = _schema(name)
    return jsonschema.Draft202012Validator(schema)


@cache
def _fast_check(name: str):
    """A compiled check: True when the document is valid (most are), without explanations."""
    validate = fastjsonschema.compile({key: value for key, value in _schema(name).items() if key != "$id"})

    def check(data) -> bool:
        try:
            validate(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    return check


def text_meta_keys() -> tuple:
    """The keys the front matter of a case's text may hold."""
    return tuple(_schema("text.schema.json")["properties"])


@lru_cache(maxsize=1)
def country_codes() -> frozenset:
    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )


@lru_cache(maxsize=1)
def language_codes() -> frozenset:
    return frozenset(code for code in Locale("en").languages if re.fullmatch(r"[a-z]{2,3}", code))


text_filename = layout.text_filename


@dataclass
class Text:
    lang: str
    path: Path
    meta: dict
    body: str
    body_line: int  # the file line the body starts on
    doc: yamlines.Located | None = None

    @cached_property
    def prose_hash(self) -> str:
        """A fingerprint of what a translator translates: title, summary and prose."""
        lines = [self.meta.get("title", ""), self.meta.get("summary", ""), *self.body.strip().split("\n")]
        text = "\n".join(str(line).rstrip() for line in lines)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class Case:
    slug: str
    folder: Path
    facts: dict
    texts: dict = field(default_factory=dict)  # lang -> Text, published
    drafts: dict = field(default_factory=dict)  # lang -> Text of a pending language: not published
    unreadable: set = field(default_factory=set)  # languages whose file exists but cannot be read

    @property
    def original_language(self) -> str:
        value = self.facts.get("original_language")
        return value if isinstance(value, str) else ""

    @property
    def original(self) -> Text | None:
        return self.texts.get(self.original_language)

    def translation_state(self, lang: str) -> str:
        """"original", "current", "outdated" or "missing"."""
        if lang == self.original_language:
            return "original" if lang in self.texts else "missing"
        text = self.texts.get(lang)
        if text is None:
            return "missing"
        original = self.original
        if original is None or text.meta.get("translated_from") == original.prose_hash:
            return "current"
        return "outdated"


@dataclass
class Collection:
    cases: dict  # slug -> Case, sorted by slug
    vocab: vocab_mod.Vocabulary
    problems: list
    languages: tuple
    default_language: str
    warnings: list = field(default_factory=list)  # reported, but nothing stops the build


def _did_you_mean(word, choices) -> str:
    found = process.extract(str(word), list(choices), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    return ", ".join(f"'{m}'" for m, _s, _i in found)


def _schema_problems(data, doc, shown, schema_name, extra_unknown=None) -> list:
    if _fast_check(schema_name)(data):
        return []
    schema = _schema(schema_name)
    props = schema["properties"]
    problems = []
    for error in _validator(schema_name).iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            missing = [k for k in error.validator_value if k not in (error.instance or {})]
            for key in missing:
                where = "" if not path else f" in {'.'.join(map(str, path))}"
                hint = props.get(key, {}).get("x-hint", "") if not path else f"add '{key}'."
                problems.append(Problem(shown, doc.line(path) if path else 1, f"missing required fact '{key}'{where}.", hint))
            continue
        if error.validator == "additionalProperties":
            allowed = (error.schema.get("properties") or {}).keys()
            for key in sorted(set(error.instance) - set(allowed)):
                message, hint = (extra_unknown or _unknown_key)(key, allowed)
                problems.append(Problem(shown, doc.line(path + (key,)), message, hint))
            continue
        top = path[0] if path else None
        hint = props.get(top, {}).get("x-hint", "") if top else ""
        name = ".".join(str(p) for p in path) or "the file"
        problems.append(Problem(shown, doc.line(path), f"'{name}' {_describe(error)}.", hint))
    return problems


def _unknown_key(key, allowed):
    guess = _did_you_mean(key, allowed)
    if key in TEXT_KEYS:
        return (f"'{key}' is translated text and does not belong in case.yml.",
                "write it in the front matter of index.md, index.es.md and index.nl.md.")
    hint = f"did you mean {guess}?" if guess else f"use only: {', '.join(allowed)}."
    return f"unknown fact '{key}'.", hint


def _describe(error) -> str:
    value = error.instance
    kind = error.validator
    if value is None and kind in ("type", "oneOf"):
        return "is empty"
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        words = {"array": "a list", "string": "text", "object": "a mapping of keys", "integer": "a whole number", "null": "null"}
        expected = " or ".join(words.get(e, e) for e in expected.split(" or "))
        return f"must be {expected}, not {value!r}"
    if kind == "pattern":
        if error.validator_value == "^[^<>]*$":
            return "contains < or >, which are not allowed in this field"
        return f"has the wrong format: {value!r}"
    if kind == "enum":
        return f"must be one of {', '.join(map(str, error.validator_value))}, not {value!r}"
    if kind == "minItems":
        return "must list at least one entry" if error.validator_value == 1 else f"needs at least {error.validator_value} entries"
    if kind == "uniqueItems":
        return "lists the same entry twice"
    if kind in ("minLength", "maxLength"):
        return f"is too {'short' if kind == 'minLength' else 'long'} ({len(value)} characters; {'at least' if kind == 'minLength' else 'at most'} {error.validator_value})"
    if kind == "minimum":
        return f"must be at least {error.validator_value}, not {value!r}"
    if kind == "oneOf":
        return f"must be a whole number or {{more_than: N}}, not {value!r}"
    return error.message


MIN_YEAR, MAX_YEAR = 1800, 2100


def _real_date(value: str) -> bool:
    parts = [int(part) for part in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return MIN_YEAR <= parts[0] <= MAX_YEAR


def _markup_problems(data, doc, shown, path=()) -> list:
    """Text values (other than addresses) that hold markup a theme could print unescaped."""
    if isinstance(data, str):
        why = None if path[-1:] == ("url",) else html_policy.plain_text_problem(data)
        name = ".".join(map(str, path))
        return [Problem(shown, doc.line(path), f"'{name}' {why}.", "write plain words; the page adds all formatting.")] if why else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [problem for key, value in items for problem in _markup_problems(value, doc, shown, path + (key,))]


@cache
def _property_checks(name: str) -> dict:
    """A compiled check for each top-level property of the schema ``name``."""
    schema = _schema(name)
    return {key: fastjsonschema.compile({"$defs": schema.get("$defs", {}), **sub}) for key, sub in schema["properties"].items()}


def well_typed(data: dict, name: str) -> dict:
    """The entries of ``data`` whose values have the form the schema ``name`` gives them: the
    checks after the schema's own use only these, so a wrong type is one problem, not a crash."""
    out = {}
    for key, check in _property_checks(name).items():
        if key in data:
            try:
                check(data[key])
            except fastjsonschema.JsonSchemaException:
                continue
            out[key] = data[key]
    return out


def _check_facts(case: Case, raw: dict, doc, shown, vocab, languages) -> list:
    problems = _schema_problems(raw, doc, shown, "case.schema.json") + _markup_problems(raw, doc, shown)
    facts = case.facts  # well typed
    for index, code in enumerate(facts.get("countries") or []):
        if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) and code not in country_codes():
            guess = _did_you_mean(code, country_codes())
            problems.append(Problem(shown, doc.line(("countries", index)), f"'{code}' is not an ISO 3166-1 alpha-2 country code.", f"did you mean {guess}?" if guess else "look the code up in ISO 3166-1."))
    region = facts.get("region")
    if isinstance(region, str) and (region not in vocab or vocab.tags[region].facet != "region"):
        guess = ", ".join(f"'{g}'" for g in vocab.suggest(region, lambda f: f == "region"))
        problems.append(Problem(shown, doc.line(("region",)), f"region '{region}' is not a region in docs/tags.yml.", f"did you mean {guess}?" if guess else "add it to docs/tags.yml with facet: region."))
    for index, tag in enumerate(facts.get("tags") or []):
        if not isinstance(tag, str):
            continue
        line = doc.line(("tags", index))
        if tag not in vocab:
            guess = ", ".join(f"'{g}'" for g in vocab.suggest(tag, lambda f: f != "region"))
            problems.append(Problem(shown, line, f"tag '{tag}' is not in the vocabulary (docs/tags.yml).", f"did you mean {guess}? Or propose the new tag in docs/tags.yml with labels in every language." if guess else "use an id from docs/tags.yml, or add the tag there with labels in every language."))
        elif vocab.tags[tag].facet == "region":
            problems.append(Problem(shown, line, f"'{tag}' is a region; regions are not listed in tags.", f"write region: {tag} and remove it from tags."))
    for key in ("start", "end", "added", "reviewed"):
        value = facts.get(key)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) and not _real_date(value):
            problems.append(Problem(shown, doc.line((key,)), f"'{key}' is not a date that exists: {value}.",
                                    f"check the day and month against the sources; years from {MIN_YEAR} to {MAX_YEAR}."))
    start, end = facts.get("start"), facts.get("end")
    iso = re.compile(r"\d{4}(-\d{2}){0,2}")  # a malformed date is reported by the schema, not compared
    if isinstance(start, str) and isinstance(end, str) and iso.fullmatch(start) and iso.fullmatch(end) and end < start[: len(end)]:
        problems.append(Problem(shown, doc.line(("end",)), f"the case ends ({end}) before it starts ({start}).", "check the dates against the sources."))
    for index, source in enumerate(facts.get("sources") or []):
        lang = source.get("language") if isinstance(source, dict) else None
        if isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang) and lang not in language_codes():
            problems.append(Problem(shown, doc.line(("sources", index, "language")), f"'{lang}' is not a known language code.", "use an ISO 639-1 code such as en, es, nl, fr."))
    original = facts.get("original_language")
    original = original if isinstance(original, str) else None
    if original is not None and original not in languages:
        problems.append(Problem(shown, doc.line(("original_language",)), f"'{original}' is not a language of this site.",
                                f"write one of {', '.join(languages)}, the language the case was first written in."))
    if original in languages and original not in case.texts and original not in case.unreadable:
        name = text_filename(original, languages[0])
        problems.append(Problem(shown, doc.line(("original_language",)), f"the case was first written in '{original}' but {name} does not exist.", f"add {name}, or correct original_language."))
    pending = facts.get("pending") or []
    for index, lang in enumerate(pending):
        if lang not in languages:
            problems.append(Problem(shown, doc.line(("pending", index)), f"'{lang}' is not a language of this site.", f"list only {', '.join(languages)}."))
    if original in pending:
        problems.append(Problem(shown, doc.line(("pending",)), f"'{original}' is the original language and cannot be pending.", f"remove {original} from pending."))
    # A language the case has no text in is simply missing: its readers get the original with a
    # notice, the translation status page lists it, and a translator can add it at any time.
    return problems


def _text_unknown_key(key, allowed):
    if key in _schema("case.schema.json")["properties"]:
        return (f"'{key}' is a language-free fact and is written once, in case.yml.",
                f"remove '{key}' from this file (and keep it in case.yml).")
    guess = _did_you_mean(key, allowed)
    return f"unknown key '{key}' in the front matter.", (f"did you mean {guess}?" if guess else f"use only: {', '.join(allowed)}.")


@lru_cache(maxsize=32)
def _relative_time_pattern(phrases: tuple):
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I)


def _relative_time(text: Text, shown, strings) -> list:
    """Warnings for words that date events from the reader's today ("recently")."""
    phrases = strings.get("checks.relative_time") if "checks" in strings.data else []
    if not phrases:
        return []
    pattern = _relative_time_pattern(tuple(phrases))
    out = []
    for offset, line in enumerate(text.body.split("\n")):
        for match in pattern.finditer(line):
            out.append(Problem(shown, text.body_line + offset, f"'{match.group(0)}' dates the events from the reader's today, not from the source.",
                               "write what the source says (a date, or that it gives none: 'the article does not date it').", "warning"))
    return out


def _check_text(case: Case, text: Text, shown, strings_for, docs_dir, render=None) -> list:
    problems = []
    if render:  # the validator's checks of the rendered prose and its warnings; the build checks
        # what MkDocs renders (casekit/plugin/boundary.py) and has no use for warnings
        problems += markdown_checks.check(render(text.body), text.body, text.body_line, text.path, shown, docs_dir)
        problems += _relative_time(text, shown, strings_for(text.lang))
    if text.doc is None:
        return problems + [Problem(shown, 1, "the file has no front matter.", "start the file with ---, then title: and summary: lines, then --- (see CONTRIBUTING.md).")]
    problems += _schema_problems(text.meta, text.doc, shown, "text.schema.json", _text_unknown_key)
    problems += _markup_problems(text.meta, text.doc, shown)
    original = case.original_language
    if text.lang == original and "translated_from" in text.meta:
        problems.append(Problem(shown, text.doc.line(("translated_from",)), "the original text carries translated_from.",
                                "remove the line: only translations record what they were translated from."))
    elif text.lang != original and original in case.texts and "translated_from" not in text.meta:
        problems.append(Problem(shown, 1, "this translation does not record which version of the original it was made from.",
                                f"once it matches the original, run: python3 scripts/translations.py --mark {case.slug} {text.lang}"))
    places = text.meta.get("places")
    if isinstance(places, list) and len(places) != len(case.facts.get("places") or []):
        problems.append(Problem(shown, text.doc.line(("places",)), f"lists {len(places)} place(s) but case.yml lists {len(case.facts.get('places') or [])}.", "give one name per place in case.yml, in the same order."))
    # the four sections, with the headings of this file's language, in order
    strings = strings_for(text.lang)
    expected = [strings(f"sections.{key}") for key in SECTIONS]
    found = []
    fence = False
    for offset, line in enumerate(text.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else HEADING.match(line)
        if match:
            found.append((match.group(1), text.body_line + offset))
    titles = [title for title, _ in found]
    if titles == expected:
        lines = text.body.split("\n")
        bounds = [line - text.body_line for _title, line in found] + [len(lines)]
        for index, (title, line) in enumerate(found):
            content = "\n".join(lines[bounds[index] + 1 : bounds[index + 1]])
            if not re.sub(r"<!--.*?-->", "", content, flags=re.S).strip():
                problems.append(Problem(shown, line, f"the section '## {title}' is empty.", "write it, or see CONTRIBUTING.md for what each section holds."))
    if titles != expected:
        for index, heading in enumerate(expected):
            if index < len(found) and found[index][0] == heading:
                continue
            line = found[index][1] if index < len(found) else text.body_line + text.body.count("\n")
            got = f"'## {found[index][0]}'" if index < len(found) else "the end of the file"
            problems.append(Problem(shown, line, f"expected the section heading '## {heading}' here, found {got}.",
                                    "every case has the sections " + ", ".join(f"'## {h}'" for h in expected) + " in this order, and no other '##' headings (use '###' inside a section)."))
            break
    return problems


def _read_text(path: Path, lang: str) -> Text:
    raw = textfile.read(path)
    front, body, body_line = yamlines.split_front_matter(raw)
    if front is None:
        return Text(lang, path, {}, raw, 1, None)
    doc = yamlines.load(front, first_line=2)
    meta = doc.data if isinstance(doc.data, dict) else {}
    return Text(lang, path, meta, body, body_line, doc)


def load_case(folder: Path, languages, vocab, strings_for, root=None, docs_dir=None, render=None):
    """Read one case folder; return (case or None, problems)."""
    folder = Path(folder)
    slug = folder.name
    problems = []
    facts_path = folder / "case.yml"
    shown = display_path(facts_path, root)
    if not SLUG.fullmatch(slug):
        problems.append(Problem(display_path(folder, root), 1, f"'{slug}' is not a valid case folder name.", "use lowercase letters, digits and single hyphens, e.g. 'care-burundi'."))
    default = languages[0]
    known = {text_filename(lang, default): lang for lang in languages}
    case = Case(slug, folder, {})
    for path in sorted(folder.glob("*.md")):
        if path.name not in known:
            stem_lang = path.name[len("index."):-len(".md")] if path.name.startswith("index.") else None
            if stem_lang == default:
                hint = f"rename it to index.md: the {default} text carries no suffix."
            elif stem_lang:
                hint = f"this site is built in {', '.join(languages)} only; rename it to one of {', '.join(known)}."
            else:
                hint = f"a case's texts are named {', '.join(known)}."
            problems.append(Problem(display_path(path, root), 1, f"'{path.name}' would not be published.", hint))
            continue
        lang = known[path.name]
        try:
            text = case.texts[lang] = _read_text(path, lang)
        except textfile.ContentError as exc:
            problems.append(Problem(display_path(path, root), exc.line, exc.message, exc.hint))
            case.unreadable.add(lang)
            continue
        except yamlines.YamlSyntaxError as exc:
            case.unreadable.add(lang)
            problems.append(yamlines.syntax_problem(display_path(path, root), exc, "the front matter"))
            continue
        found = text.doc and yamlines.text_problem(text.meta, text.doc)
        if found:
            problems.append(Problem(display_path(path, root), found[0], found[1] + ".", "delete it (retype the words around it): it can change how the text is shown or read."))
    if not facts_path.exists():
        problems.append(Problem(shown, 1, "the case has no case.yml with its facts.", "run python3 scripts/new_case.py <slug> to start a case, or add case.yml (see CONTRIBUTING.md)."))
        return None, problems
    doc, found = yamlines.read_file(facts_path, shown, "case.yml")
    if doc is None:
        return None, problems + found
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, "case.yml must be a mapping of facts (key: value lines).", "see CONTRIBUTING.md for the facts a case needs."))
        return None, problems
    case.facts = well_typed(doc.data, "case.schema.json")
    pending = case.facts.get("pending", [])
    for lang in pending:
        if lang in case.texts and lang != case.facts.get("original_language"):
            case.drafts[lang] = case.texts.pop(lang)  # a draft: neither checked nor published
    problems += _check_facts(case, doc.data, doc, shown, vocab, languages)
    for text in case.texts.values():
        problems += _check_text(case, text, display_path(text.path, root), strings_for, docs_dir or folder.parent.parent, render)
    return case, problems


def _folder_stamp(folder: Path) -> tuple:
    return tuple((entry.name, entry.stat().st_mtime_ns, entry.stat().st_size) for entry in sorted(folder.iterdir()))


def load_collection(docs_dir: Path, languages, strings_for, root=None, only=None, memo=None, strings_dir=None, render=None) -> Collection:
    """Read every case under ``docs_dir``/cases (or only the folders in ``only``).

    ``render`` (Markdown to HTML) lets the prose be checked on its rendered HTML, as the
    validator does; the build checks the HTML MkDocs renders instead (casekit/plugin/boundary.py).
    ``memo`` (a dict the caller keeps between calls, as the live preview does) lets a folder
    whose files have not changed be taken as it was read last time."""
    docs_dir = Path(docs_dir)
    languages = tuple(languages)
    string_problems = strings_mod.check(strings_dir, languages, root) if strings_dir is not None else []
    vocab, found = vocab_mod.load(docs_dir / "tags.yml", languages)
    problems = layout.problems(docs_dir, languages, root) + string_problems + found
    if render is not None and only is None:
        problems += pages.problems(docs_dir, languages, render, root)
    if string_problems:  # every case is checked against the UI strings (section headings)
        return Collection({}, vocab, problems, languages, languages[0])
    cases = {}
    cases_dir = docs_dir / "cases"
    folders = sorted(p for p in cases_dir.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")) if cases_dir.is_dir() else []
    for folder in folders:
        if only is not None and folder.resolve() not in only:
            continue
        if memo is not None:
            stamp = _folder_stamp(folder)
            if folder in memo and memo[folder][0] == stamp:
                case, found = memo[folder][1]
            else:
                case, found = load_case(folder, languages, vocab, strings_for, root, docs_dir, render)
                memo[folder] = (stamp, (case, found))
        else:
            case, found = load_case(folder, languages, vocab, strings_for, root, docs_dir, render)
        problems += found
        if case is not None:
            cases[case.slug] = case
    errors = [problem for problem in problems if problem.level == "error"]
    warnings = [problem for problem in problems if problem.level != "error"]
    return Collection(cases, vocab, errors, languages, languages[0], warnings)
