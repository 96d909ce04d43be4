"""Read and check the cases under docs/cases/<slug>/.

A case is one folder:
- ``case.yml``: the facts that do not depend on language, written once;
- ``index.md`` (English), ``index.<lang>.md`` (other languages): front matter with what is
  translated (title, summary, place names where they differ), then the prose in four sections.
"""
from __future__ import annotations

import bisect
import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

import fastjsonschema
from babel import Locale

from . import fact_forms, headings, html_policy, layout, markdown_checks, markdown_shape, pages, textfile, wording, yamlines
from . import strings as strings_mod
from . import vocab as vocab_mod
from .messages import LanguageName, Listing, PerLanguage, _, _n, schema_hint
from .problems import Problem, display_path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTIONS = ("context", "what_was_done", "results", "lessons")
TEXT_KEYS = ("title", "summary", "places")
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
HERE = Path(__file__).parent


@cache
def _schema(name: str) -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@cache
def _validator(name: str):
    """The full validator, for the messages of a document that _fast_check found invalid
    (imported then: most builds never need it, and each build process would pay for it)."""
    import jsonschema
    return jsonschema.Draft202012Validator(_schema(name))


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


def translated_from_line(fingerprint: str) -> str:
    """The front-matter line that records ``fingerprint`` (a prose_hash): quoted when it is all
    digits (about one in 280 is), which YAML would read as a number, not as the text it is."""
    return f'translated_from: "{fingerprint}"' if fingerprint.isdigit() else f"translated_from: {fingerprint}"


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


def _did_you_mean(word, choices) -> Listing | None:
    found = wording.guesses(word, choices)
    return wording.quoted(found) if found else None


def _schema_problems(data, doc, shown, schema_name, extra_unknown=None, languages=()) -> list:
    if _fast_check(schema_name)(data):
        return []
    schema = _schema(schema_name)
    props = schema["properties"]
    problems = []
    errors = list(_validator(schema_name).iter_errors(data))
    # a key written wrong is one problem, not also the key it should have been being missing
    missing = {tuple(e.absolute_path): [k for k in e.validator_value if k not in (e.instance or {})]
               for e in errors if e.validator == "required"}
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator != "additionalProperties":
            continue
        allowed = (error.schema.get("properties") or {}).keys()
        for key in sorted(set(error.instance) - set(allowed)):
            top_guess = wording.guesses(key, allowed)[:1]
            if top_guess and top_guess[0] in missing.get(path, ()):
                missing[path].remove(top_guess[0])
            if path:
                guess = _did_you_mean(key, allowed)
                message = _("{owner} has an unknown key '{key}'.", owner=wording.subject(path), key=key)
                hint = _("did you mean {choices}?", choices=guess) if guess else _("use only: {keys}.", keys=", ".join(allowed))
            else:
                message, hint = (extra_unknown or _unknown_key)(key, allowed)
            problems.append(Problem(shown, doc.line(path + (key,)), message, hint))
    for path, keys in missing.items():
        for key in keys:
            top = path[0] if path else key
            hint = schema_hint(props.get(top, {}).get("x-hint", ""))
            if path:
                message = _("{owner} has no '{key}'.", owner=wording.subject(path), key=key)
            elif schema_name == "case.schema.json":
                message = _("missing required fact '{key}'.", key=key)
            else:
                message = _("the front matter has no '{key}'.", key=key)
            problems.append(Problem(shown, doc.line(path) if path else 1, message, hint))
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator in ("required", "additionalProperties"):
            continue
        if path[:1] == ("countries",) and len(path) == 2 and error.validator == "pattern":
            continue  # a value that is not a code: _check_facts says which country it may mean
        top = path[0] if path else None
        hint = _typed_form_hint(path, error.instance, languages) or (schema_hint(props.get(top, {}).get("x-hint", "")) if top else "")
        problems.append(Problem(shown, doc.line(path), _describe(error, wording.subject(path)), hint))
    return problems


def _typed_form_hint(path, value, languages):
    """The fix for a date or a count written as people type them (2023/05, enero 2019, 3,400,
    3 400, about 3,400, more than 3,400): the form case.yml wants, with their value in it; else None."""
    key = path[-1] if path else None
    if key in fact_forms.DATE_KEYS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        # 2019.05 is read by YAML as a number: its two decimals are the month
        found = fact_forms.date(f"{value:.2f}" if isinstance(value, float) else value, languages)
        if found:
            return _("write {key}: {value} (dates are written year-month-day: YYYY-MM-DD, YYYY-MM or YYYY alone).", key=key, value=found)
        return None
    if len(path) == 3 and path[0] == "sources" and key == "url" and isinstance(value, str):
        if value.startswith("http://"):
            return _("write the address with https:// (url: https://{rest}), then open it to check that it works.", rest=value[len("http://"):])
        return _("write the whole address of the page, starting with https://, e.g. url: https://www.example.org/report.")
    if len(path) == 3 and path[0] == "sources" and key == "language" and isinstance(value, str):
        code = fact_forms.language(value, languages)
        if code:
            return _("write the language's two-letter code: language: {code}.", code=code)
        return _("write the two-letter code (ISO 639-1) of the language the source is in, e.g. language: es.")
    if path[:1] == ("participants",) and key in ("people", "organisations") and isinstance(value, (str, float)):
        # 3.400 (a point between thousands) is read by YAML as the number 3.4: no count has decimals
        found = fact_forms.number(value, languages) if isinstance(value, str) else (round(value * 1000), None) if 0 < value < 1000 else None
        if found and found[1] == fact_forms.ABOUT:
            return _("an approximate figure is written with about: and the number in digits alone: {key}: {{about: {number}}}.",
                     key=key, number=found[0])
        if found and found[1] == fact_forms.MORE_THAN:
            return _("a lower bound is written with more_than: and the number in digits alone: {key}: {{more_than: {number}}}.",
                     key=key, number=found[0])
        if found:
            return _("write the number in digits alone, without separators: {key}: {number}.", key=key, number=found[0])
    return None


def _unknown_key(key, allowed):
    guess = _did_you_mean(key, allowed)
    if key == "region":  # written by hand until the regions came from the countries
        return (_("'region' is no longer written: a case's regions come from its countries (docs/tags.yml)."),
                _("remove the region: line."))
    if key in TEXT_KEYS:
        return (_("'{key}' is translated text and does not belong in case.yml.", key=key),
                _("write it in the front matter of the case's text in each language (index.md, index.<language>.md)."))
    hint = _("did you mean {choices}?", choices=guess) if guess else _("use only: {keys}.", keys=", ".join(allowed))
    return _("unknown fact '{key}'.", key=key), hint


_TYPE_WORDS = {
    "array": lambda: _("a list"), "string": lambda: _("text"), "object": lambda: _("a mapping of keys"),
    "integer": lambda: _("a whole number"), "number": lambda: _("a number"), "boolean": lambda: _("true or false"),
    "null": lambda: "null",
}


def _describe(error, subject):
    """What is wrong, as a sentence about ``subject`` (the value's place in plain words)."""
    value = error.instance
    kind = error.validator
    shown = repr(value)
    if value is None and kind in ("type", "oneOf"):
        return _("{subject} is empty.", subject=subject)
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = Listing([_TYPE_WORDS[e]() if e in _TYPE_WORDS else e for e in expected], "or")
        return _("{subject} must be {expected}, not {value}.", subject=subject, expected=words, value=shown)
    if kind == "pattern":
        if error.validator_value == "^[^<>]*$":
            return _("{subject} contains < or >, which are not allowed in this field.", subject=subject)
        return _("{subject} has the wrong format: {value}.", subject=subject, value=shown)
    if kind == "enum":
        return _("{subject} must be one of {choices}, not {value}.", subject=subject, choices=", ".join(map(str, error.validator_value)), value=shown)
    if kind == "minItems":
        if error.validator_value == 1:
            return _("{subject} must list at least one entry.", subject=subject)
        return _n("{subject} needs at least {count} entry.", "{subject} needs at least {count} entries.", error.validator_value, subject=subject)
    if kind == "uniqueItems":
        return _("{subject} lists the same entry twice.", subject=subject)
    if kind == "minLength":
        return _n("{subject} is too short ({count} character; at least {limit}).", "{subject} is too short ({count} characters; at least {limit}).",
                  len(value), subject=subject, limit=error.validator_value)
    if kind == "maxLength":
        return _n("{subject} is too long ({count} character; at most {limit}).", "{subject} is too long ({count} characters; at most {limit}).",
                  len(value), subject=subject, limit=error.validator_value)
    if kind == "minimum":
        return _("{subject} must be at least {limit}, not {value}.", subject=subject, limit=error.validator_value, value=shown)
    if kind == "oneOf":
        return _("{subject} must be a whole number, {{about: N}} or {{more_than: N}}, not {value}.", subject=subject, value=shown)
    return _("{subject}: {reason}.", subject=subject, reason=error.message)


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
        why = None if path[-1:] == ("url",) else html_policy.plain_text_problem(data, wording.subject(path))
        return [Problem(shown, doc.line(path), why, _("write plain words; the page adds all formatting."))] if why else []
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
    problems = _schema_problems(raw, doc, shown, "case.schema.json", languages=tuple(languages)) + _markup_problems(raw, doc, shown)
    facts = case.facts  # well typed
    listed = raw.get("countries") if isinstance(raw.get("countries"), list) else []
    for index, code in enumerate(listed):  # the raw list: a name where a code belongs is reported here
        if isinstance(code, str) and code not in country_codes():
            guess = wording.countries(code, country_codes(), languages)
            problems.append(Problem(shown, doc.line(("countries", index)), _("'{code}' is not an ISO 3166-1 alpha-2 country code.", code=code),
                                    _("did you mean {choices}?", choices=wording.country_choices(guess)) if guess else _("look the code up in ISO 3166-1.")))
    checked = bool(vocab.tags)  # an unreadable vocabulary is its own problem, not every case's
    for index, code in enumerate(listed if checked and any(tag.countries for tag in vocab.tags.values()) else []):
        if isinstance(code, str) and code in country_codes() and not vocab.regions_of([code]):
            problems.append(Problem(shown, doc.line(("countries", index)), _("'{code}' is in no region of docs/tags.yml.", code=code),
                                    _("add it to the countries of its region in docs/tags.yml.")))
    for index, tag in enumerate(facts.get("tags") or [] if checked else []):
        if not isinstance(tag, str):
            continue
        line = doc.line(("tags", index))
        if tag not in vocab:
            guess = _tag_choices(vocab, vocab.suggest(tag, lambda f: f != "region"))
            problems.append(Problem(shown, line, _("tag '{tag}' is not in the vocabulary (docs/tags.yml).", tag=tag),
                                    _("did you mean {choices}? Or propose the new tag in docs/tags.yml with labels in every language.", choices=guess) if guess else
                                    _("use an id from docs/tags.yml, or add the tag there with labels in every language.")))
        elif vocab.tags[tag].facet == "region":
            problems.append(Problem(shown, line, _("'{tag}' is a region; regions are not listed in tags.", tag=tag),
                                    _("remove it from tags: a case's regions come from its countries.")))
    real = {}
    for key in ("start", "end", "added", "reviewed"):
        value = facts.get(key)
        real[key] = isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) and _real_date(value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) and not real[key]:
            problems.append(Problem(shown, doc.line((key,)), _("'{key}' is not a date that exists: {value}.", key=key, value=value),
                                    _("check the day and month against the sources; years from {first} to {last}.", first=MIN_YEAR, last=MAX_YEAR)))
    start, end = facts.get("start"), facts.get("end")
    # a malformed or impossible date is reported above, not compared
    if real["start"] and real["end"] and end < start[: len(end)]:
        problems.append(Problem(shown, doc.line(("end",)), _("the case ends ({end}) before it starts ({start}).", end=end, start=start),
                                _("check the dates against the sources.")))
    for index, source in enumerate(facts.get("sources") or []):
        lang = source.get("language") if isinstance(source, dict) else None
        if isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang) and lang not in language_codes():
            problems.append(Problem(shown, doc.line(("sources", index, "language")), _("'{lang}' is not a known language code.", lang=lang),
                                    _("use an ISO 639-1 code such as en, es, nl, fr.")))
    original = facts.get("original_language")
    original = original if isinstance(original, str) else None
    if original is not None and original not in languages:
        problems.append(Problem(shown, doc.line(("original_language",)), _("'{lang}' is not a language of this site.", lang=original),
                                _("write one of {languages}, the language the case was first written in.", languages=", ".join(languages))))
    if original in languages and original not in case.texts and original not in case.unreadable:
        name = text_filename(original, languages[0])
        problems.append(Problem(shown, doc.line(("original_language",)), _("the case was first written in '{lang}' but {name} does not exist.", lang=original, name=name),
                                _("add {name}, or correct original_language.", name=name)))
    pending = facts.get("pending") or []
    for index, lang in enumerate(pending):
        if lang not in languages:
            problems.append(Problem(shown, doc.line(("pending", index)), _("'{lang}' is not a language of this site.", lang=lang),
                                    _("list only {languages}.", languages=", ".join(languages))))
    if original in pending:
        problems.append(Problem(shown, doc.line(("pending",)), _("'{lang}' is the original language and cannot be pending.", lang=original),
                                _("remove {lang} from pending.", lang=original)))
    # A language the case has no text in is simply missing: its readers get the original with a
    # notice, the translation status page lists it, and a translator can add it at any time.
    return problems


def _tag_choices(vocab, ids) -> Listing | None:
    """Tag ids with their labels in the reader's language: 'capacity-building' (Capacity building)."""
    if not ids:
        return None
    return Listing([_("'{tag}' ({label})", tag=i, label=PerLanguage(vocab.tags[i].label)) if vocab.tags[i].label else f"'{i}'"
                    for i in ids], "or")


def _text_unknown_key(key, allowed):
    if key in _schema("case.schema.json")["properties"]:
        return (_("'{key}' is a language-free fact and is written once, in case.yml.", key=key),
                _("remove '{key}' from this file (and keep it in case.yml).", key=key))
    guess = _did_you_mean(key, allowed)
    return (_("unknown key '{key}' in the front matter.", key=key),
            _("did you mean {choices}?", choices=guess) if guess else _("use only: {keys}.", keys=", ".join(allowed)))


@lru_cache(maxsize=32)
def _relative_time_pattern(phrases: tuple):
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I)


def _relative_time(text: Text, shown, strings) -> list:
    """Warnings for words that date events from the reader's today ("recently")."""
    phrases = strings.get("checks.relative_time") if "checks" in strings.data else []
    if not phrases:
        return []
    pattern = _relative_time_pattern(tuple(phrases))
    # the prose, and the title and summary (cards and the feed show the summary alone)
    lines = [(text.body_line + offset, line) for offset, line in enumerate(text.body.split("\n"))]
    if text.doc is not None and isinstance(text.doc.data, dict):
        lines += [(text.doc.line((key,)), value) for key in ("title", "summary") if isinstance(value := text.doc.data.get(key), str)]
    out = []
    for number, line in sorted(lines, key=lambda item: item[0]):
        for match in pattern.finditer(line):
            out.append(Problem(shown, number, _("'{words}' dates the events from the reader's today, not from the source.", words=match.group(0)),
                               _("write what the source says (a date, or that it gives none: 'the article does not date it')."), "warning"))
    return out


def _check_text(case: Case, text: Text, shown, strings_for, docs_dir, render=None) -> list:
    problems = []
    if render:  # the validator's checks of the rendered prose and its warnings; the build checks
        # what MkDocs renders (casekit/plugin/boundary.py) and has no use for warnings
        problems += (markdown_shape.problems(text.body, text.body_line, shown) or  # what the renderer cannot take is not rendered
                     markdown_checks.check(render(text.body), text.body, text.body_line, text.path, shown, docs_dir))
        problems += _relative_time(text, shown, strings_for(text.lang))
    if text.doc is None and yamlines.opens_front_matter(text.body):
        return problems + [Problem(shown, 1, _("the front matter that starts on line 1 is not closed."),
                                   _("end it with a line of three dashes, ---, after the summary: line (see the guide docs/contribute/index.md)."))]
    if text.doc is None:
        return problems + [Problem(shown, 1, _("the file has no front matter."),
                                   _("start the file with ---, then title: and summary: lines, then --- (see the guide docs/contribute/index.md)."))]
    if not isinstance(text.doc.data, dict):  # one problem, not every key it lacks
        return problems + [Problem(shown, text.doc.first_line, _("the front matter must be key: value lines."),
                                   _("write title: and summary: lines between the two --- lines (see the guide docs/contribute/index.md)."))]
    problems += _schema_problems(text.meta, text.doc, shown, "text.schema.json", _text_unknown_key)
    problems += _markup_problems(text.meta, text.doc, shown)
    original = case.original_language
    if text.lang == original and "translated_from" in text.meta:
        problems.append(Problem(shown, text.doc.line(("translated_from",)), _("the original text carries translated_from."),
                                _("remove the line: only translations record what they were translated from.")))
    elif text.lang != original and original in case.texts and "translated_from" not in text.meta:
        problems.append(Problem(shown, 1, _("this translation does not record which version of the original it was made from."),
                                _("once it matches the original, run: {command}", command=f"python3 scripts/translations.py --mark {case.slug} {text.lang}")))
    places = text.meta.get("places")
    if isinstance(places, list) and len(places) != len(case.facts.get("places") or []):
        problems.append(Problem(shown, text.doc.line(("places",)),
                                _n("'places' lists {count} name but case.yml lists {places}.", "'places' lists {count} names but case.yml lists {places}.",
                                   len(places), places=len(case.facts.get("places") or [])),
                                _("give one name per place in case.yml, in the same order.")))
    # the four sections, with the headings of this file's language, in order
    strings = strings_for(text.lang)
    expected = [strings(f"sections.{key}") for key in SECTIONS]
    return problems + _structure_problems(text, shown, expected)


def _structure_problems(text: Text, shown, expected: list) -> list:
    """The sections of a case's prose: the ``expected`` headings at level 2, in order, each
    once and none empty, no other top-level section and no heading of level 1 (the page's
    title is its only one); each problem at the line of the heading it concerns."""
    found = headings.find(text.body, text.body_line)
    end = text.body_line + text.body.count("\n")
    hint = _("every case has the sections {sections} in this order, and no other '##' headings (use '###' inside a section).",
             sections=", ".join(f"'## {h}'" for h in expected))
    problems, sections = [], []
    for heading in found:
        if heading.title in expected and heading.level != 2:
            problems.append(Problem(shown, heading.line, _("the section heading '{heading}' is written as a heading of level {level}.",
                                                          heading=f"## {heading.title}", level=heading.level),
                                    _("write it as '{heading}': two # and a space, on a line of its own.", heading=f"## {heading.title}")))
            sections.append(heading)
        elif heading.level == 1:
            problems.append(Problem(shown, heading.line, _("'{heading}' is a heading of the first level: the case's title is the page's only one.", heading=heading.shown()),
                                    _("use '##' only for the sections and '###' for headings inside them.")))
        elif heading.level == 2:
            sections.append(heading)
    problems += _order_problems(sections, expected, shown, end, hint)
    return problems + _empty_sections(text, sections, expected, found, shown)


def _order_problems(sections: list, expected: list, shown, end: int, hint) -> list:
    problems, pending, seen = [], list(expected), set()
    for index, heading in enumerate(sections):
        title = heading.title
        if title in seen:
            problems.append(Problem(shown, heading.line, _("the section '{heading}' is written twice.", heading=f"## {title}"),
                                    _("merge the two into one section.")))
        elif title in pending:
            for missing in pending[: pending.index(title)]:
                problems.append(Problem(shown, heading.line, _("expected the section heading '{expected}' here, found '{found}'.", expected=f"## {missing}", found=f"## {title}"), hint))
            del pending[: pending.index(title) + 1]
            seen.add(title)
        elif pending and (index + 1 == len(sections) or sections[index + 1].title != pending[0]):
            # it stands where the next section belongs: a heading written another way
            problems.append(Problem(shown, heading.line, _("expected the section heading '{expected}' here, found '{found}'.", expected=f"## {pending[0]}", found=f"## {title}"), hint))
            seen.add(pending.pop(0))
        else:
            problems.append(Problem(shown, heading.line, _("'{heading}' is not one of the case's sections.", heading=f"## {title}"), hint))
    for missing in pending:
        problems.append(Problem(shown, end, _("expected the section heading '{expected}' here, found the end of the file.", expected=f"## {missing}"), hint))
    return problems


def _empty_sections(text: Text, sections: list, expected: list, found: list, shown) -> list:
    """The sections among ``sections`` with nothing (but comments) before the next heading of
    level 1 or 2."""
    lines = text.body.split("\n")
    counted = {id(heading) for heading in sections}
    starts = [heading.line - text.body_line for heading in found if heading.level <= 2 or id(heading) in counted]
    problems = []
    for heading in sections:
        if heading.title not in expected:
            continue
        here = heading.line - text.body_line
        following = bisect.bisect_right(starts, here)
        after = starts[following] if following < len(starts) else len(lines)
        content = "\n".join(lines[here + (1 if heading.markup.startswith("#") else 2): after])
        if not headings.without_comments(content).strip():
            problems.append(Problem(shown, heading.line, _("the section '{heading}' is empty.", heading=f"## {heading.title}"),
                                    _("write it, or see the guide docs/contribute/index.md for what each section holds.")))
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
        problems.append(Problem(display_path(folder, root), 1, _("'{slug}' is not a valid case folder name.", slug=slug),
                                _("use lowercase letters, digits and single hyphens, e.g. 'care-burundi'.")))
    default = languages[0]
    known = {text_filename(lang, default): lang for lang in languages}
    case = Case(slug, folder, {})
    for path in sorted(folder.glob("*.md")):
        if path.name not in known:
            stem_lang = path.name[len("index."):-len(".md")] if path.name.startswith("index.") else None
            if stem_lang == default:
                hint = _("rename it to index.md: the {lang} text carries no suffix.", lang=LanguageName(default))
            elif stem_lang:
                hint = _("this site is built in {languages} only; rename it to one of {names}.", languages=", ".join(languages), names=", ".join(known))
            else:
                hint = _("a case's texts are named {names}.", names=", ".join(known))
            problems.append(Problem(display_path(path, root), 1, _("'{name}' would not be published.", name=path.name), hint))
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
            problems.append(yamlines.syntax_problem(display_path(path, root), exc, _("the front matter")))
            continue
        found = text.doc and yamlines.text_problem(text.meta, text.doc)
        if found:
            problems.append(Problem(display_path(path, root), found[0], found[1], textfile.INVISIBLE_HINT))
    if not facts_path.exists():
        problems.append(Problem(shown, 1, _("the case has no case.yml with its facts."),
                                _("run python3 scripts/new_case.py <slug> to start a case, or add case.yml (see the guide docs/contribute/index.md).")))
        return None, problems
    doc, found = yamlines.read_file(facts_path, shown, "case.yml")
    if doc is None:
        return None, problems + found
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, _("case.yml must be a mapping of facts (key: value lines)."), _("see the guide docs/contribute/index.md for the facts a case needs.")))
        return None, problems
    _years_as_text(doc.data)
    case.facts = well_typed(doc.data, "case.schema.json")
    pending = case.facts.get("pending", [])
    for lang in pending:
        if lang in case.texts and lang != case.facts.get("original_language"):
            case.drafts[lang] = case.texts.pop(lang)  # a draft: neither checked nor published
    problems += _check_facts(case, doc.data, doc, shown, vocab, languages)
    for text in case.texts.values():
        problems += _check_text(case, text, display_path(text.path, root), strings_for, docs_dir or folder.parent.parent, render)
    return case, problems


def read_facts(path: Path) -> dict:
    """The facts of a case.yml as the validator and the build read them (a year alone as text,
    a value of the wrong form left out): what the published data are compared with."""
    data = yamlines.load(textfile.read(Path(path))).data
    if not isinstance(data, dict):
        return {}
    _years_as_text(data)
    return well_typed(data, "case.schema.json")


def _years_as_text(data: dict) -> None:
    """A date given as a bare year (start: 2019, which CONTRIBUTING allows) is read by YAML as a
    number: it is taken as the text "2019", as the schema's dates are."""
    def as_text(mapping, key):
        value = mapping.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            mapping[key] = str(value)
    as_text(data, "start")
    as_text(data, "end")
    for source in data.get("sources") if isinstance(data.get("sources"), list) else []:
        if isinstance(source, dict):
            as_text(source, "published")


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
