"""UI strings of each language: overrides/i18n/<lang>.yml.

The files come from translators, so they are read as untrusted: safe YAML, plain text, every
key of the default language present, and no {placeholder} the code does not fill.
"""
from __future__ import annotations

import string
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from . import html_policy, yamlines
from .messages import _
from .problems import Problem, display_path

PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})
# Strings that Material's own templates print as they are (not autoescaped): plain text only.
PRINTED_RAW = frozenset({"site.name", "site.description"})


class Strings:
    """Look up ``section.key`` strings of one language, with {placeholders} and plural forms."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.data = data
        self._locale = Locale.parse(lang)
        self._number_locale = None  # site.locale's, once a number is written
        self._numbers: dict = {}  # a number -> as written (Babel takes ~20 µs a number; pages repeat counts)
        self._forms: dict = {}  # a count -> its plural form

    def get(self, key: str):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no UI string '{key}' for language '{self.lang}' in overrides/i18n/{self.lang}.yml")
            node = node[part]
        return node

    def number(self, value: int) -> str:
        """A whole number as the pages of this language write it: Babel's digits and grouping for
        the pages' regional variant (site.locale, e.g. es_419: 12,345; nl_NL: 12.345), the same
        rules the catalogue's script follows with Intl.NumberFormat (CONTRIBUTING.md: Numbers)."""
        if value not in self._numbers:
            if self._number_locale is None:  # parsed once: Babel parses a locale's name on every call
                site = self.data.get("site") if isinstance(self.data.get("site"), dict) else {}
                try:
                    self._number_locale = Locale.parse(site.get("locale") or self.lang)
                except (ValueError, TypeError, UnknownLocaleError):  # an unknown locale: the strings check reports it
                    self._number_locale = self._locale
            self._numbers[value] = format_decimal(value, locale=self._number_locale)
        return self._numbers[value]

    def __call__(self, key: str, **values) -> str:
        text = self.get(key)
        if isinstance(text, dict):  # plural forms, chosen by the CLDR rule of the language
            count = values.get("count", 0)
            if count not in self._forms:
                self._forms[count] = self._locale.plural_form(count)
            text = text.get(self._forms[count], text.get("other"))
        # every number a string prints (counts) is written as the language writes numbers
        values = {name: self.number(value) if isinstance(value, int) and not isinstance(value, bool) else value
                  for name, value in values.items()}
        return string.Formatter().vformat(str(text), (), _Unfilled(values)) if values else str(text)


class _Unfilled(dict):
    """The values of a string's {placeholders}; one the site does not fill stays as written
    (the strings check reports a name the default language does not have; a new name in the
    default language shows on the page, in the live preview first, instead of stopping the build)."""

    def __missing__(self, name):
        return "{" + name + "}"


def path_of(directory: Path, lang: str) -> Path:
    return Path(directory) / f"{lang}.yml"


def _linked(directory: Path, path: Path) -> bool:
    """Whether the UI-string file ``path`` is a symbolic link, or resolves outside ``directory``
    (contributed files: a link would publish, or print in a message, a file of the build machine)."""
    return path.is_symlink() or (path.exists() and Path(directory).resolve() != path.resolve().parent)


def load(directory: Path, lang: str) -> Strings:
    """The strings of ``lang``; a file that ``check`` rejects gives what it could read."""
    if _linked(directory, path_of(directory, lang)):  # not followed: check() reports it
        return Strings(lang, {})
    doc, _problems = yamlines.read_file(path_of(directory, lang), str(path_of(directory, lang)), "the UI strings")
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return Strings(lang, data)


def flat_keys(data: dict, prefix: str = "") -> set:
    keys = set()
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= PLURAL_FORMS:
            keys |= flat_keys(value, name + ".")
        else:
            keys.add(name)
    return keys


def _flat(data: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= PLURAL_FORMS:
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def placeholders(value) -> set | None:
    """The {names} a string (or its plural forms) fills, or None when one is not a plain name."""
    texts = value.values() if isinstance(value, dict) else [value]
    names: set = set()
    for text in texts:
        try:
            parsed = list(string.Formatter().parse(str(text)))
        except ValueError:
            return None
        for _literal, field, spec, conversion in parsed:
            if field is None:
                continue
            if not field.isidentifier() or spec or conversion:
                return None
            names.add(field)
    return names


def known_locale(value) -> bool:
    """Whether ``value`` (site.locale) names a locale Babel has the dates and lists of."""
    try:
        Locale.parse(str(value))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


# the UI strings that are lists of words, not text
LISTS = frozenset({"checks.relative_time"})


def check(directory: Path, languages, root=None) -> list:
    """Problems in the UI-string files of ``languages`` (the first is the default)."""
    problems: list = []
    default = languages[0]
    reference: dict = {}
    for lang in languages:
        path = path_of(directory, lang)
        shown = display_path(path, root)
        if not path.exists():
            problems.append(Problem(shown, 1, _("the UI strings of '{lang}' are missing.", lang=lang),
                                    _("copy {source} to {target} and translate its values.", source=path_of(directory, default).name, target=path.name)))
            continue
        if _linked(directory, path):
            problems.append(Problem(shown, 1, _("this file is a symbolic link, or lies outside {folder}; the build would read what it points to.", folder=display_path(directory, root)),
                                    _("replace the link with the file itself.")))
            continue
        doc, found = yamlines.read_file(path, shown, _("the UI strings"))
        if doc is None:
            problems += found
            continue
        data = _flat(doc.data) if isinstance(doc.data, dict) else {}
        if lang == default:
            reference = data
        for key, value in data.items():
            line = doc.line(tuple(key.split(".")))
            if isinstance(value, list) and key in LISTS:  # a list of phrases (checks.relative_time)
                if not all(isinstance(item, str) and item.strip() for item in value):
                    problems.append(Problem(shown, line, _("the UI string '{key}' must be a list of words.", key=key), _("write [word, other words, …] on one line.")))
                continue
            forms = value.values() if isinstance(value, dict) else [value]
            if isinstance(value, dict) and "other" not in value:
                problems.append(Problem(shown, line, _("the UI string '{key}' has no 'other' form, which every language's plurals need.", key=key),
                                        _("add other: with the words for any other count, as in {source}.", source=path_of(directory, default).name)))
                continue
            if isinstance(value, list) or any(isinstance(form, (dict, list)) or form is None for form in forms):
                problems.append(Problem(shown, line, _("the UI string '{key}' must be text.", key=key),
                                        _("write the words on one line after the key, in quotes if they contain ': '.")))
                continue
            if key in PRINTED_RAW and html_policy.plain_text_problem(str(value)):
                problems.append(Problem(shown, line, html_policy.plain_text_problem(str(value), _("the UI string '{key}'", key=key)), _("write plain words.")))
            if key == "site.locale" and not known_locale(value):
                problems.append(Problem(shown, line, _("the UI string 'site.locale' is '{value}', which is not a locale.", value=value),
                                        _("write a language code with its region, as {example}.", example=f"{lang}_{lang.upper()}")))
            names = placeholders(value)
            allowed = placeholders(reference.get(key, value)) if lang != default else names
            if names is None or (allowed is not None and not names <= allowed):
                problems.append(Problem(shown, line, _("the UI string '{key}' has a {{placeholder}} the site does not fill.", key=key),
                                        _("keep the {{names}} of the English text exactly, e.g. {{count}}; write other braces as {{{{ and }}}}.")))
        for key in sorted(set(reference) - set(data)) if lang != default else ():
            problems.append(Problem(shown, 1, _("the UI string '{key}' is missing.", key=key),
                                    _("add it, translated from {source}: {line}.", source=path_of(directory, default).name, line=f"{key}: {reference[key]!r}")))
    return problems
