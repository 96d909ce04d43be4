"""The forms people type for a fact, read back into the form case.yml wants, for the suggestion
of a problem: a date written with slashes or a month's name (``2023/05``, ``05/2023``,
``enero 2019``, ``March 2023``) and a number written with the separators of a language
(``3,400``, ``3 400``, ``3.400``), as an approximation (``about 3,400``, ``unos 3.400``,
``~3400``, ``c. 3400``) or as a lower bound (``more than 3,400``, ``3400+``)."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from . import messages
from .messages import _p

DATE_KEYS = frozenset({"start", "end", "added", "reviewed", "published"})
# thousands written with a comma, a point, a space, a no-break or thin space, an apostrophe
GROUPED = re.compile(r"\d{1,3}(?:([,. \u00a0\u202f'’])\d{3})(?:\1\d{3})*")


def _plain(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in word if not unicodedata.combining(char)).rstrip(".")


def _locales(languages: tuple):
    """The Babel locales of ``languages`` and English (a code Babel does not know is passed over)."""
    for code in ("en", *languages):
        try:
            yield Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue


@cache
def _months(languages: tuple) -> dict:
    """Month names and abbreviations of ``languages`` (and English) -> month number."""
    out: dict = {}
    for locale in _locales(languages):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    out.setdefault(_plain(name), number)
    return out


@cache
def _language_names(languages: tuple) -> dict:
    """Language names as ``languages`` (and English) write them -> their ISO 639-1 code."""
    out: dict = {}
    for locale in _locales(languages):
        for key, name in locale.languages.items():
            if len(key) == 2:
                out.setdefault(_plain(name), key)
    return out


def language(value, languages=()) -> str | None:
    """The two-letter code of a language written by its name ("inglés", "Engels", "English")."""
    return _language_names(tuple(languages)).get(_plain(value.strip())) if isinstance(value, str) else None


def date(value, languages=()) -> str | None:
    """``value`` (a date as typed) as YYYY-MM-DD, YYYY-MM or YYYY; None when it cannot be read."""
    text = str(value).strip()
    numbers = re.fullmatch(r"(\d{4})[/.\-\s](\d{1,2})(?:[/.\-\s](\d{1,2}))?", text)
    if numbers:
        year, month, day = numbers.groups()
        return _ymd(year, month, day)
    numbers = re.fullmatch(r"(?:(\d{1,2})[/.\-\s])?(\d{1,2})[/.\-\s](\d{4})", text)
    if numbers:  # day/month/year or month/year, as most of the world writes them
        day, month, year = numbers.groups()
        return _ymd(year, month, day)
    words = [word for word in re.split(r"[\s,/.\-]+", _plain(text)) if word and word not in ("de", "del", "of", "van", "the")]
    months = _months(tuple(languages))
    year = [word for word in words if re.fullmatch(r"\d{4}", word)]
    month = [months[word] for word in words if word in months]
    day = [word for word in words if re.fullmatch(r"\d{1,2}", word)]
    if len(year) == 1 and len(month) == 1 and len(day) <= 1 and len(words) == 1 + len(month) + len(day):
        return _ymd(year[0], str(month[0]), day[0] if day else None)
    return None


def _ymd(year: str, month: str | None, day: str | None) -> str | None:
    if month is None or not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


ABOUT, MORE_THAN = "about", "more_than"  # the forms of a count besides a number (case.schema.json)
ABOUT_SIGNS = frozenset("~≈±")
MORE_THAN_SIGNS = frozenset(">≥")


def _lower_bound_words() -> str:
    """Words written before a number that make it a lower bound, in a language: one
    alternative a "|" apart (the catalogues give each language's)."""
    return _p("words before a number that make it a lower bound, each a | apart", "more than|over|at least|upwards of|in excess of")


def _approximate_words() -> str:
    """Words written before or after a number that make it approximate, in a language."""
    return _p("words before or after a number that make it approximate, each a | apart",
              "about|around|approximately|approx.|roughly|some|circa|c.|ca.|nearly|almost|estimated|est.")


def _phrases(text: str) -> tuple:
    """The alternatives of ``text`` ("a|b c."), plain and without points, longest first."""
    found = {_words(word) for word in text.split("|")}
    return tuple(sorted((word for word in found if word), key=len, reverse=True))


def _words(text: str) -> str:
    """``text`` plain (lower case, no accents), its punctuation as spaces, one space between words."""
    return " ".join(re.sub(r"[^\w\s'’]", " ", _plain(text)).split())


@cache
def _qualifiers(languages: tuple) -> tuple:
    """(lower-bound phrases, approximate phrases) of ``languages`` and English."""
    spoken = [messages.load(code) for code in ("en", *languages)]
    return (_phrases("|".join(language.say(_lower_bound_words()) for language in spoken)),
            _phrases("|".join(language.say(_approximate_words()) for language in spoken)))


def _says(words: str, phrases: tuple, start: bool = False) -> bool:
    """Whether ``words`` holds one of ``phrases`` as whole words (at its start, if ``start``)."""
    return any(re.search(("^" if start else r"(?<!\w)") + re.escape(phrase) + r"(?!\w)", words) for phrase in phrases)


def number(value, languages=()) -> tuple | None:
    """(the whole number, how it was qualified) of ``value`` as typed: None for a number alone
    ("3,400", "3 400", "3,400 households"), "more_than" for a lower bound ("more than 3,400",
    ">3400", "3400+", in the words of ``languages`` too), "about" for an approximation ("about
    3.400", "~3400", "c. 3400", "3400 (approx.)": any other words before the number, the words of
    an approximation after it). None when ``value`` holds no such number."""
    text = str(value).strip()
    found = list(re.finditer(r"\d[\d,. \u00a0\u202f'’]*\d|\d", text))
    if len(found) != 1:
        return None
    digits = found[0].group(0).strip()
    if GROUPED.fullmatch(digits):
        whole = int(re.sub(r"\D", "", digits))
    elif digits.isdigit():
        whole = int(digits)
    else:
        return None
    before, after = text[: found[0].start()].strip(), text[found[0].end():].strip()
    lower, approximate = _qualifiers(tuple(languages))
    if set(before) & MORE_THAN_SIGNS or after.startswith("+") or _says(_words(before), lower, start=True):
        return whole, MORE_THAN
    if before or set(after) & ABOUT_SIGNS or _says(_words(after), approximate):
        return whole, ABOUT
    return whole, None
