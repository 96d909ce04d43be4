"""What the contributor scripts say, in the contributor's language.

Every sentence a contributor reads (a problem, its fix, a script's report) is made by ``_``,
``_n`` (with a plural) or ``_p`` (with a context) from its English wording, the message id of
a gettext catalogue: ``scripts/casekit/locale/<lang>/LC_MESSAGES/casekit.po``, one per language,
read at run time with Babel (no compile step, no binary in the repository).

A ``Message`` is text: it reads as its English wording, so that the build, the tests and every
caller that compares, sorts or prints it see plain English; and it remembers its id and values,
so that ``Language.say`` can put it in another language when a script reports it. Nothing here
holds a language chosen earlier: the language is passed to whatever renders.

A message id is a format string (``str.format``): ``{name}`` is a value, ``{{`` and ``}}`` are
braces. Values may themselves be messages, or:
- ``Ordinal(n)``: "first", "second" … in the language (``{nth:f}`` in a translation asks for
  the feminine form, which Spanish needs: "la primera fuente");
- ``Listing(items, "or")``: items joined the way the language joins a list ("a, b or c");
- ``Territory(code)``: a country's name in the language (CLDR, through Babel);
- ``LanguageName(code)``: a language's name in the language ("the Dutch text");
- ``PerLanguage({lang: text})``: a text the project gives in each language (a tag's label);
- ``Number(x, format)``: a figure (a size, a count of characters, a duration) as the language
  writes numbers (Babel: "16,000" and "1.25" in English, "16.000" and "1,25" in Dutch); a float
  value is written so without it. Whole numbers are not: a line number, a year or a value to
  type into case.yml ("people: 3400") stays as it is.

    python3 scripts/messages.py --check    every message in code translated in every catalogue
"""
from __future__ import annotations

import ast
import gettext
import io
import json
import string
from functools import cache, cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError

DOMAIN = "casekit"
HERE = Path(__file__).resolve().parent
LOCALE_DIR = HERE / "locale"
SCRIPTS = HERE.parent  # the code whose messages the catalogues translate
ORDINAL = "ordinal"
ORDINAL_FEMININE = "ordinal (feminine)"
# how a translation may ask for the form of a value: {nth:f} the feminine ordinal
FORMS = {"": ORDINAL, "f": ORDINAL_FEMININE}
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


class Message(str):
    """A sentence for a contributor: its English wording, with what it takes to say it in
    another language (``Language.say``)."""

    def __new__(cls, msgid: str, params: dict | None = None, plural: str | None = None, count: int | None = None,
                context: str | None = None):
        params = dict(params or {})
        if plural is not None:
            params.setdefault("count", count)
        self = super().__new__(cls, _render(ENGLISH, msgid, params, plural, count, context))
        self.msgid, self.params, self.plural, self.count, self.context = msgid, params, plural, count, context
        return self

    def __reduce__(self):
        return (Message, (self.msgid, self.params, self.plural, self.count, self.context))


def _(msgid: str, /, **params) -> Message:
    """The message ``msgid`` (its English wording, with {names} for ``params``)."""
    return Message(msgid, params)


def _n(singular: str, plural: str, count: int, /, **params) -> Message:
    """The message with the plural form ``count`` takes in the language ({count} is its value)."""
    return Message(singular, params, plural, count)


def _p(context: str, msgid: str, /, **params) -> Message:
    """The message ``msgid`` in ``context``: the same English words that another language may
    say in two ways."""
    return Message(msgid, params, context=context)


def schema_hint(text: str) -> Message | str:
    """A fix written in a schema (its ``x-hint``), whose braces are braces: ``check`` finds
    those ids in the schemas."""
    return Message(_braces(text)) if text else ""


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class Ordinal:
    """The ordinal of ``n`` ("first"), in the language that says it."""

    def __init__(self, n: int):
        self.n = n

    def __reduce__(self):
        return (Ordinal, (self.n,))

    def bind(self, language: Language):
        return _BoundOrdinal(self.n, language)


def ordinal_ids(n: int) -> str:
    """The message id of the ordinal of ``n``: a word up to ten, then a numeral."""
    if 1 <= n <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[n - 1]
    if n % 100 in (11, 12, 13):
        return "{n}th"
    return {1: "{n}st", 2: "{n}nd", 3: "{n}rd"}.get(n % 10, "{n}th")


class _BoundOrdinal:
    def __init__(self, n: int, language: Language):
        self.n, self.language = n, language

    def __format__(self, spec: str) -> str:
        context = FORMS.get(spec)
        if context is None:
            raise ValueError(f"unknown form {spec!r} of an ordinal")
        return self.language.translations.pgettext(context, ordinal_ids(self.n)).format(n=self.n)


class Listing:
    """``items`` joined as the language joins a list: ``style`` "standard" (a, b and c) or
    "or" (a, b or c)."""

    def __init__(self, items, style: str = "standard"):
        self.items, self.style = tuple(items), style

    def __reduce__(self):
        return (Listing, (self.items, self.style))

    def bind(self, language: Language) -> str:
        from babel.lists import format_list

        items = [language.say(item) for item in self.items]
        return format_list(items, style=self.style, locale=language.locale) if items else ""


class Territory:
    """A country's name (ISO 3166-1 code) in the language."""

    def __init__(self, code: str):
        self.code = code

    def __reduce__(self):
        return (Territory, (self.code,))

    def bind(self, language: Language) -> str:
        return language.locale.territories.get(self.code, self.code)


class LanguageName:
    """A language's name (ISO 639 code) in the language that says it: "Dutch", "neerlandés"."""

    def __init__(self, code: str):
        self.code = code

    def __reduce__(self):
        return (LanguageName, (self.code,))

    def bind(self, language: Language) -> str:
        try:
            name = Locale.parse(self.code.replace("-", "_")).get_display_name(language.locale)
        except (UnknownLocaleError, ValueError):
            name = None
        return name or self.code


class PerLanguage:
    """A text the project gives in each language: the language's, else the first one's."""

    def __init__(self, texts: dict):
        self.texts = dict(texts)

    def __reduce__(self):
        return (PerLanguage, (self.texts,))

    def bind(self, language: Language) -> str:
        if language.code in self.texts:
            return self.texts[language.code]
        base = str(language.locale.language)
        return self.texts.get(base) or next(iter(self.texts.values()), "")


class Number:
    """A figure as the language writes numbers (its decimal sign and grouping, through Babel);
    ``format`` a Babel pattern ("0.00": two decimals always), else the language's own."""

    def __init__(self, value, format: str | None = None):
        self.value, self.format = value, format

    def __reduce__(self):
        return (Number, (self.value, self.format))

    def bind(self, language: Language) -> str:
        from babel.numbers import format_decimal

        return format_decimal(self.value, format=self.format, locale=language.locale)


class Language:
    """A language to speak in: its code, its Babel locale and its catalogue's translations."""

    def __init__(self, code: str, translations: gettext.NullTranslations):
        self.code = code
        self.translations = translations

    @cached_property
    def locale(self) -> Locale:
        """The language's Babel locale (read when a message needs it: the build never does)."""
        return Locale.parse(self.code.replace("-", "_"))

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def say(self, value) -> str:
        """``value`` (a message, or any value a message holds) as this language says it."""
        if isinstance(value, Message):
            try:
                return _render(self, value.msgid, value.params, value.plural, value.count, value.context)
            except (KeyError, IndexError, ValueError):  # a translation the check would refuse
                return str(value)
        if isinstance(value, Ordinal):
            return format(value.bind(self), "")
        if hasattr(value, "bind"):
            return value.bind(self)
        if isinstance(value, float):
            return Number(value).bind(self)
        return "" if value is None else str(value)


def _render(language: Language, msgid: str, params: dict, plural, count, context) -> str:
    t = language.translations
    if plural is not None:
        text = t.ngettext(msgid, plural, count)
    elif context is not None:
        text = t.pgettext(context, msgid)
    else:
        text = t.gettext(msgid)
    values = {key: _BoundOrdinal(value.n, language) if isinstance(value, Ordinal) else language.say(value)
              for key, value in params.items()}
    return text.format(**values)


ENGLISH = Language("en", gettext.NullTranslations())


def catalogue_path(code: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / code.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogues(locale_dir: Path = LOCALE_DIR) -> dict:
    """The catalogues present: language code (as its folder names it) -> .po file."""
    return {path.parents[1].name: path for path in sorted(Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


@cache
def load(code: str, locale_dir: Path = LOCALE_DIR) -> Language:
    """The language ``code`` with its catalogue; English (the message ids) when it has none."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    path = catalogue_path(code, locale_dir)
    if not path.is_file():
        return ENGLISH
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=code.replace("-", "_"), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: they await a translator
    compiled.seek(0)
    return Language(code, Translations(compiled, domain=DOMAIN))


def match(code: str, languages) -> str | None:
    """The language of ``languages`` that ``code`` (``nl_NL``, ``es``, ``pt-BR``) names."""
    wanted = code.replace("-", "_").lower()
    by_name = {lang.replace("-", "_").lower(): lang for lang in languages}
    if wanted in by_name:
        return by_name[wanted]
    return by_name.get(wanted.split("_")[0])


def _code(value: str) -> str:
    """The language part of a locale name: nl_NL.UTF-8 -> nl_NL, es-ES -> es_ES."""
    return value.split(".")[0].split("@")[0].replace("-", "_")


def system_locale() -> str | None:
    """The user's locale where no environment variable names one: on Windows, which has no
    LANG, the user locale of the system's settings (``es-ES``); elsewhere none."""
    import sys
    if sys.platform != "win32":
        return None
    import ctypes  # the documented Win32 call; locale.getlocale() as a second choice
    try:
        buffer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):
            return buffer.value or None
    except (AttributeError, OSError):
        pass
    import locale
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def requested_list(option: str | None, environ, system=system_locale) -> list:
    """The languages the contributor asks for, the first preferred: ``--lang``; else, as POSIX
    and GNU gettext read them, the list in LANGUAGE (``es:nl``) followed by the first of
    LC_ALL, LC_MESSAGES and LANG that is set (the C or POSIX locale asks for none: LANGUAGE is
    then ignored too); without any, the system's user locale (Windows)."""
    if option:
        return [option]
    locale_name = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), None)
    if locale_name is not None and _code(locale_name) in ("C", "POSIX"):
        return []
    wanted = [_code(item) for item in (environ.get("LANGUAGE") or "").split(":") if item.strip()]
    if locale_name is not None:
        wanted.append(_code(locale_name))
    elif not wanted:
        found = system()
        if found:
            wanted.append(_code(found))
    return [code for code in wanted if code and code not in ("C", "POSIX")]


def requested(option: str | None, environ) -> str | None:
    """The language the contributor asks for first (see requested_list), else none."""
    wanted = requested_list(option, environ)
    return wanted[0] if wanted else None


def for_contributor(option: str | None, languages, environ, locale_dir: Path = LOCALE_DIR, system=system_locale) -> Language:
    """The language to speak to the contributor in: the first they ask for (``option``, i.e.
    --lang, else the environment: see requested_list) that is a language of the site
    (``languages``) with a catalogue; else English."""
    for wanted in requested_list(option, environ, system):
        code = match(wanted, languages)
        if code is None:
            continue
        try:
            return load(code, Path(locale_dir))
        except (UnknownLocaleError, ValueError):
            continue
    return ENGLISH


# Checking the catalogues -------------------------------------------------------------------

KEYWORDS = {"_": "msgid", "_n": "plural", "_p": "context"}


def extract(paths) -> dict:
    """The messages the code in ``paths`` (Python files) makes: {(context, msgid): (plural or
    None, "file:line")}. A call of ``_``, ``_n`` or ``_p`` whose words are not written out is
    an error: its message could not be translated."""
    found: dict = {}
    for path in paths:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
                continue
            kind = KEYWORDS[node.func.id]
            needed = {"msgid": 1, "plural": 2, "context": 2}[kind]
            words = node.args[:needed]
            where = f"{path}:{node.lineno}"
            if len(words) < needed or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in words):
                raise ValueError(f"{where}: the words of {node.func.id}(…) must be written out as text")
            values = [a.value for a in words]
            if kind == "plural":
                found.setdefault((None, values[0]), (values[1], where))
            elif kind == "context":
                found.setdefault((values[0], values[1]), (None, where))
            else:
                found.setdefault((None, values[0]), (None, where))
    return found


def _hints(node, where: str, found: dict) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-hint" and isinstance(value, str):
                found.setdefault((None, _braces(value)), (None, where))
            else:
                _hints(value, where, found)
    elif isinstance(node, list):
        for item in node:
            _hints(item, where, found)


def _schema_hints(folder: Path) -> dict:
    """The fixes the schemas in ``folder`` give (their ``x-hint``s), as messages."""
    found: dict = {}
    for path in sorted(Path(folder).glob("*.schema.json")):
        _hints(json.loads(path.read_text(encoding="utf-8")), str(path), found)
    return found


def used(scripts: Path = SCRIPTS) -> dict:
    """Every message the contributor scripts and casekit can say: {(context, msgid): (plural, where)}."""
    paths = sorted(Path(scripts).glob("*.py")) + sorted((Path(scripts) / "casekit").glob("*.py"))
    found = extract(paths)
    ordinals = {(context, ordinal_ids(n)): (None, "ordinals") for context in FORMS.values()
                for n in (*range(1, len(ORDINAL_WORDS) + 1), 11, 21, 22, 23)}
    return {**ordinals, **_schema_hints(Path(scripts) / "casekit"), **found}


def names(text: str) -> set | None:
    """The {names} ``text`` fills, or None when a placeholder is not a plain name (or a form
    of FORMS)."""
    out = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or conversion or (spec or "") not in FORMS:
            return None
        out.add(field)
    return out


def check(scripts: Path = SCRIPTS, locale_dir: Path = LOCALE_DIR) -> list:
    """What is wrong with the catalogues present: one line each (empty when all is well). Each
    catalogue translates every message the code uses, with the same {names}; none translates a
    message the code no longer uses."""
    wanted = used(scripts)
    from babel.messages.pofile import read_po

    problems = []
    for code, path in catalogues(locale_dir).items():
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=code, domain=DOMAIN)
        entries = {(message.context, message.id if isinstance(message.id, str) else message.id[0]): message
                   for message in catalog if message.id}
        for key, (plural, where) in sorted(wanted.items(), key=lambda item: (item[0][0] or "", item[0][1])):
            context, msgid = key
            label = f"{path.name} ({code}): {msgid!r}" + (f" in context {context!r}" if context else "")
            message = entries.get(key)
            if message is None:
                problems.append(f"{label} is not in the catalogue (used at {where}).")
                continue
            strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
            if message.fuzzy or not all(strings):
                problems.append(f"{label} is not translated yet (or marked fuzzy).")
                continue
            if (plural is None) != (not message.pluralizable):
                problems.append(f"{label} needs {'plural forms' if plural else 'one form, not plural forms'}.")
                continue
            expected = (names(msgid) or set()) | (names(plural) or set() if plural else set())
            if plural:
                expected |= {"count"} if "{count}" in plural else set()
            for text in strings:
                found = names(text)
                if found is None or not found <= expected or (not plural and found != expected):
                    problems.append(f"{label}: the translation {text!r} does not fill the same {{names}} "
                                    f"({', '.join(sorted(expected)) or 'none'}).")
        for key in sorted(set(entries) - set(wanted), key=lambda k: (k[0] or "", k[1])):
            problems.append(f"{path.name} ({code}): {key[1]!r} is not used in the code any more; delete it.")
    return problems
