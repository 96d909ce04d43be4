"""Plain words for what the checks point at, and for what a wrong value most likely meant.

- ``subject(path)``: a place in a case's YAML as a contributor would say it: ``countries.0`` is
  "the first country", ``sources.1.url`` "the second source's address"; a top-level key stays
  the word the file has ('start').
- ``guesses(word, choices)``, ``countries(value, languages)``: "did you mean …" candidates; a
  country is found by its code or by its name in any language of the site (CLDR, through Babel).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from rapidfuzz import fuzz, process

from .messages import Listing, Message, Ordinal, Territory, _

# one item of a list of case.yml, with {nth} its ordinal ({nth:f} in a translation: feminine)
_ITEMS = {
    "countries": lambda nth: _("the {nth} country", nth=nth),
    "implementing": lambda nth: _("the {nth} implementing organisation", nth=nth),
    "partners": lambda nth: _("the {nth} partner", nth=nth),
    "funders": lambda nth: _("the {nth} funder", nth=nth),
    "places": lambda nth: _("the {nth} place", nth=nth),
    "tags": lambda nth: _("the {nth} tag", nth=nth),
    "sources": lambda nth: _("the {nth} source", nth=nth),
    "pending": lambda nth: _("the {nth} pending language", nth=nth),
}
_SOURCE_FIELDS = {
    "title": lambda nth: _("the {nth} source's title", nth=nth),
    "publisher": lambda nth: _("the {nth} source's publisher", nth=nth),
    "language": lambda nth: _("the {nth} source's language", nth=nth),
    "url": lambda nth: _("the {nth} source's address", nth=nth),
    "published": lambda nth: _("the {nth} source's date", nth=nth),
}
_PARTICIPANTS = {
    "people": lambda: _("the number of people taking part"),
    "organisations": lambda: _("the number of organisations taking part"),
}


def subject(path) -> Message | str:
    """``path`` (keys and list indexes of a YAML document) in plain words."""
    path = tuple(path)
    if not path:
        return _("the file")
    key = path[0]
    if len(path) == 1:
        return f"'{key}'"
    if key == "participants" and path[1] in _PARTICIPANTS:
        return _PARTICIPANTS[path[1]]()
    if isinstance(path[1], int):
        nth = Ordinal(path[1] + 1)
        if len(path) == 2 and key in _ITEMS:
            return _ITEMS[key](nth)
        if key == "sources" and len(path) == 3 and path[2] in _SOURCE_FIELDS:
            return _SOURCE_FIELDS[path[2]](nth)
    return "'" + ".".join(map(str, path)) + "'"


def quoted(items, style: str = "or") -> Listing:
    """``items`` in single quotes, joined as the language joins a list ('a', 'b' or 'c')."""
    return Listing([f"'{item}'" for item in items], style)


def guesses(word, choices, limit: int = 3) -> list:
    """The ``choices`` nearest to ``word`` (a misspelt key), best first: those nearly as near as
    the nearest."""
    found = process.extract(str(word), list(choices), scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [match for match, score, _index in found if score >= found[0][1] - 10]


def folded(text) -> str:
    """``text`` as a person reads it: no case, accents, hyphens or extra spaces."""
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=8)
def _country_names(codes: frozenset, languages: tuple) -> tuple:
    """(folded names, their codes): every country's name in English and in ``languages``."""
    names, owners = [], []
    for lang in ("en", *languages):
        try:
            territories = Locale.parse(lang.replace("-", "_")).territories
        except (UnknownLocaleError, ValueError):
            continue
        for code in sorted(codes):
            name = territories.get(code)
            if name:
                names.append(folded(name))
                owners.append(code)
    return tuple(names), tuple(owners)


def countries(value, codes: frozenset, languages) -> list:
    """The country codes ``value`` most likely means: a code in the wrong case ("pe"), a
    country's name in any of ``languages`` ("Peru", "Perú", "Países Bajos"), or a near miss of
    either; best first."""
    text = str(value).strip()
    if text.upper() in codes:
        return [text.upper()]
    names, owners = _country_names(frozenset(codes), tuple(languages))
    said = folded(text)
    exact = [owners[index] for index, name in enumerate(names) if name == said]
    if exact:
        return list(dict.fromkeys(exact))[:1]
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return guesses(text.upper(), sorted(codes))
    found = process.extract(said, names, scorer=fuzz.WRatio, limit=12, score_cutoff=85)
    return list(dict.fromkeys(owners[index] for _match, _score, index in found))[:3]


def country_choices(codes) -> Listing:
    """Country codes with their names in the reader's language: PE (Peru) or PY (Paraguay)."""
    return Listing([_("{code} ({name})", code=code, name=Territory(code)) for code in codes], "or")
