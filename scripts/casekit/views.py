"""What a page in one language shows of a case: every label, name and date in that language."""
from __future__ import annotations

import datetime
import unicodedata
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton

from . import fields
from .facets import FACETS
from .urls import absolute, page_url, prefix, tag_url  # noqa: F401 - the URL rules live in urls.py


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def text_direction(lang: str) -> str:
    """"rtl" or "ltr": how ``lang`` is written (Babel), for the dir attribute beside each lang."""
    try:
        return _locale(lang).text_direction
    except (ValueError, TypeError):
        return "ltr"


class Directions(dict):
    """lang -> "ltr" or "rtl", worked out once per language (templates look it up per element)."""

    def __missing__(self, lang):
        value = self[lang] = text_direction(lang)
        return value


def language_name(code: str, lang: str) -> str:
    return _locale(lang).languages.get(code, code)


def _capitalised(text: str) -> str:
    """A name standing alone (as in the facts box) starts with a capital in every language."""
    return text[:1].upper() + text[1:]


def country_name(code: str, lang: str) -> str:
    return _locale(lang).territories.get(code, code)


@cache
def format_when(value: str, lang: str) -> str:
    """An ISO date of year, month or day precision, as ``lang`` writes it: pass the regional
    locale of the pages (site.locale, e.g. en_GB: "24 November 2026", not the US order)."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=lang)
    return format_date(datetime.date(*parts), format="long", locale=lang)


def format_period(start, end, lang, t) -> str | None:
    lang = t("site.locale")  # dates in the pages' regional variant
    if start and end:
        if start == end:
            return format_when(start, lang)
        return f"{format_when(start, lang)} – {format_when(end, lang)}"
    if start:
        return t("facts.since", start=format_when(start, lang))
    if end:
        return t("facts.until", end=format_when(end, lang))
    return None


def format_participants(participants: dict, t) -> list:
    out = []
    for kind in ("people", "organisations"):
        value = (participants or {}).get(kind)
        if isinstance(value, dict):  # {more_than: N} or {about: N}: the sources' lower bound or approximate figure
            bound = "about" if "about" in value else "more_than"
            out.append(t(f"facts.{bound}_{kind}", count=value[bound]))
        elif isinstance(value, int):
            out.append(t(f"facts.{kind}", count=value))
    return out


def where_line(countries: list, places: list, venue_stated: bool, t) -> str:
    """Where a case took place, as every summary of it says it (cards, feeds, the related cases,
    the map's list): its countries and places; or, when the sources do not say where it took
    place (venue: not-stated), that, and that its countries and places are those of its examples,
    as the facts box's note says on the case page."""
    if not venue_stated:
        return t("where.venue_not_stated", places=", ".join(countries + places))
    if places:
        return t("where.with_places", countries=", ".join(countries), places=", ".join(places))
    return ", ".join(countries)


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents: the text without its combining marks,
    case folded (the letters of every script kept, so that a title in Greek or Arabic has a key).
    The catalogue's script compares these keys as they are (casekit.views.card_data)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def case_view(case, lang: str, t, vocab, default_language: str) -> dict:
    """Everything the templates print about ``case`` on a page in ``lang``."""
    facts = case.facts
    text = case.texts.get(lang) or case.original or case.texts.get(default_language)
    text_lang = text.lang if text else lang
    state = case.translation_state(lang)
    original = case.original_language
    original_name = language_name(original, lang)
    notice = None
    if state == "outdated":
        notice = t("case.outdated", language=original_name)
    elif state == "missing" and text_lang != lang:
        notice = t("case.fallback", language=language_name(text_lang, lang))
    places = list(facts.get("places") or [])
    own_places = text.meta.get("places") if text else None
    if isinstance(own_places, list) and len(own_places) == len(places):
        places = own_places
    period = format_period(facts.get("start"), facts.get("end"), lang, t)
    countries = [country_name(code, lang) for code in facts.get("countries") or []]
    venue_stated = facts.get("venue") != "not-stated"
    where = where_line(countries, places, venue_stated, t)
    regions = [{"id": region, "label": vocab.tags[region].label.get(lang, region)} for region in vocab.regions_of(facts.get("countries"))]

    def row(key, values):
        entries = [v for v in values if v]
        many = len(entries) > 1 and key in ("countries", "region")  # "Countries: Kenya, Serbia"
        return {"key": key, "label": t(f"facts.{key}_many" if many else f"facts.{key}"), "entries": entries}

    shown = {  # what each row of the facts box shows (casekit/fields.py: which rows, in which order)
        "implementing": facts.get("implementing") or [],
        "partners": facts.get("partners") or [],
        "funders": facts.get("funders") or [],
        "countries": countries,
        "places": places,
        "region": [region["label"] for region in regions],
        "period": [period],
        "participants": format_participants(facts.get("participants"), t),
        "original_language": [_capitalised(language_name(case.original_language, lang))],
        "reviewed": [format_when(facts["reviewed"], t("site.locale"))] if facts.get("reviewed") else [],
    }
    rows = [row(key, shown[key]) for key in fields.ROWS]
    # the facts box: a row for each fact the sources state, then one line naming the others
    facts_rows = [entry for entry in rows if entry["entries"]]
    not_stated = [{"key": entry["key"], "label": entry["label"]} for entry in rows if not entry["entries"]]
    tags = []
    for tag_id in facts.get("tags") or []:
        tag = vocab.tags.get(tag_id)
        if tag:
            tags.append({
                "id": tag_id,
                "facet": tag.facet,
                "label": tag.label.get(lang, tag_id),
                "url": tag_url(tag_id, lang, default_language),
            })
    sources = []
    for source in facts.get("sources") or []:
        source_lang = source.get("language")
        sources.append({
            "title": source.get("title"),
            "publisher": source.get("publisher"),
            "url": source.get("url"),
            "lang": source_lang,
            "language_note": t("case.source_language", language=language_name(source_lang, lang)) if source_lang != lang else None,
            # what a reader needs to weigh the source: a title the source does not show, its date or that it has none
            "title_note": t("case.title_from_address") if source.get("title_from") == "address" else None,
            "date_note": (t("case.source_published", date=format_when(source["published"], t("site.locale"))) if source.get("published")
                          else t("case.source_undated")),
        })
    start, end = facts.get("start"), facts.get("end")
    return {
        "slug": case.slug,
        "url": page_url(case.slug, lang, default_language),
        "lang": lang,
        "text_lang": text_lang,
        "fallback": text_lang != lang,
        "state": state,
        "notice": notice,
        "original": {"lang": original, "url": page_url(case.slug, original, default_language),
                      "link_text": t("case.read_original", language=original_name)},
        "title": text.meta.get("title", case.slug) if text else case.slug,
        "summary": text.meta.get("summary", "") if text else "",
        "countries": countries,
        "country_codes": list(facts.get("countries") or []),
        "places": places,
        "regions": regions,
        # the sources do not say where the case took place: its countries are where its examples come from
        "venue_stated": venue_stated,
        "venue_note": None if venue_stated else t("facts.venue_not_stated"),
        "where": where,
        # where and when in one line: what a card, a feed entry and the map's list say of the case
        "where_when": f"{where} · {period}" if period else where,
        "period": period,
        "years": [int(str(start)[:4]) if start else None, int(str(end)[:4]) if end else None],
        "dates": [str(start) if start else None, str(end) if end else None],
        "facts": facts_rows,
        "not_stated": not_stated,
        "tags": tags,
        "sources": sources,
        "added": facts.get("added"),
        "reviewed": facts.get("reviewed"),
    }


def search_terms(case, vocab, languages) -> list:
    """What the catalogue finds ``case`` by, as search is to find it in every language: the
    labels of its tags and regions and the names of its countries in each language of
    ``languages``, its organisations, its places as each of its texts names them. Each once,
    in that order (overrides/partials/case.html indexes them with the case's text)."""
    facts = case.facts
    terms = []
    for tag_id in case_tag_ids(case, vocab):
        tag = vocab.tags.get(tag_id)
        if tag:
            terms += [tag.label.get(lang) for lang in languages]
    terms += [country_name(code, lang) for code in facts.get("countries") or [] for lang in languages]
    terms += [name for key in ("implementing", "partners", "funders") for name in facts.get(key) or []]
    terms += list(facts.get("places") or [])
    for text in case.texts.values():
        own = text.meta.get("places")
        if isinstance(own, list):
            terms += [place for place in own if isinstance(place, str)]
    return list(dict.fromkeys(str(term).strip() for term in terms if term and str(term).strip()))


def case_tag_ids(case, vocab) -> list:
    """The tags a case is found under: its tags and its regions (from its countries)."""
    return list(case.facts.get("tags") or []) + vocab.regions_of(case.facts.get("countries"))


RELATED_CANDIDATES = 100  # cases weighed per case: the work grows with the collection, not with its square


def related(cases: dict, limit: int = 3) -> dict:
    """For each case, up to ``limit`` other cases that share the most tags (ties: by slug).

    The candidates are the cases found under the case's rarest tags first, at most
    RELATED_CANDIDATES of them: a tag that hundreds of cases carry says little about which of
    them are alike, and weighing every pair of cases would make the build quadratic.
    """
    by_tag: dict = {}
    for slug in sorted(cases):
        for tag in cases[slug].facts.get("tags") or []:
            by_tag.setdefault(tag, []).append(slug)
    tag_sets = {slug: set(case.facts.get("tags") or []) for slug, case in cases.items()}
    out = {}
    for slug, own in tag_sets.items():
        candidates: dict = {}
        for tag in sorted(own, key=lambda tag: (len(by_tag[tag]), tag)):
            for other in by_tag[tag]:
                if other != slug:
                    candidates.setdefault(other, None)
                    if len(candidates) >= RELATED_CANDIDATES:
                        break
            if len(candidates) >= RELATED_CANDIDATES:
                break
        scored = sorted((-len(own & tag_sets[other]), other) for other in candidates)
        out[slug] = [other for _score, other in scored[:limit]]
    return out


def translation_table(case_views: list, cases: dict, languages, lang: str, t) -> dict:
    """Every case x language with its translation state, labelled in ``lang``."""
    rows = []
    for view in case_views:
        case = cases[view["slug"]]
        rows.append({"title": view["title"], "url": view["url"], "lang": view["text_lang"], "cells": [
            {"lang": other, "state": state, "label": t(f"translations.state.{state}"), "url": page_url(case.slug, other, languages[0])}
            for other, state in ((other, case.translation_state(other)) for other in languages)
        ]})
    return {"languages": [{"code": other, "name": _capitalised(language_name(other, lang))} for other in languages], "rows": rows}


def tag_index(cases: dict, vocab, lang: str, t, default_language: str) -> list:
    """The tags grouped by facet, each with its label, description, address and case count."""
    counts: dict = {}
    for case in cases.values():
        for tag in case_tag_ids(case, vocab):
            counts[tag] = counts.get(tag, 0) + 1
    groups = []
    for facet, labels in vocab.facets.items():
        tags = [
            {"id": tag.id, "label": tag.label.get(lang, tag.id), "description": tag.description.get(lang, ""),
             "url": tag_url(tag.id, lang, default_language), "count": counts.get(tag.id, 0), "count_number": t.number(counts.get(tag.id, 0)),
             "count_text": t("catalogue.count", count=counts.get(tag.id, 0))}
            for tag in vocab.tags.values() if tag.facet == facet
        ]
        tags.sort(key=lambda item: (-item["count"], sort_key(item["label"])))
        groups.append({"id": facet, "label": labels.get(lang, facet), "tags": tags})
    return groups


FILTER_GROUPS = tuple((facet.id, facet.match) for facet in FACETS)  # casekit/facets.py
# The catalogue's orders (catalogue.js sorts the cards by their data attributes: card_data): by
# title, newest added first, latest period first. The first is the order of the built page
# (LanguageBuild.show_cases), the one without JavaScript and without ?sort= in the address.
SORTS = ("title", "added", "period")


def catalogue_filters(case_views: list, vocab, lang: str, t) -> dict:
    """The catalogue's filter options in ``lang`` (only options at least one case has), its year
    range and its orders."""
    present: dict = {name: {} for name, _mode in FILTER_GROUPS}
    years = []
    for view in case_views:
        for tag in view["tags"]:
            if tag["facet"] in present:
                present[tag["facet"]][tag["id"]] = tag["label"]
        for region in view["regions"]:
            present["region"][region["id"]] = region["label"]
        for code, name in zip(view["country_codes"], view["countries"], strict=True):
            present["country"][code] = name
        years += [year for year in view["years"] if year]
    groups = []
    for facet in FACETS:
        name, mode = facet.id, facet.match
        label = t("facts.countries") if name == "country" else vocab.facets.get(name, {}).get(lang, name)
        options = sorted(({"value": value, "label": text} for value, text in present[name].items()),
                         key=lambda option: sort_key(option["label"]))
        if options:
            groups.append({"name": name, "source": facet.source, "label": label, "mode": mode,
                           "mode_text": t(f"catalogue.filters.{mode}_match"), "options": options})
    return {"groups": groups, "years": {"min": min(years), "max": max(years)} if years else None,
            "sorts": [{"value": key, "label": t(f"catalogue.sort.{key}")} for key in SORTS]}


def places(case_views: list, lang: str, default_language: str) -> list:
    """The countries of the cases, each with its name in ``lang``, its number of cases (and how
    many of them name it only for their examples, the venue not stated) and the address of the
    catalogue filtered to it (from the site's root); by name."""
    counts: dict = {}
    names: dict = {}
    examples_only: dict = {}  # of those, the cases that do not say where they took place (venue: not-stated)
    for view in case_views:
        for code, name in zip(view["country_codes"], view["countries"], strict=True):
            counts[code] = counts.get(code, 0) + 1
            names[code] = name
            if not view["venue_stated"]:
                examples_only[code] = examples_only.get(code, 0) + 1
    return sorted(({"code": code, "name": names[code], "count": count, "venue_not_stated": examples_only.get(code, 0),
                    "url": f"{prefix(lang, default_language)}cases/?country={code}"} for code, count in counts.items()),
                  key=lambda place: (sort_key(place["name"]), place["code"]))


def card_data(view) -> dict:
    """The data attributes a card carries for the catalogue's filters and orders: its facets,
    its period as the facts give it (ISO dates of year, month or day precision: the filter reads
    their years, the order compares them as text), the date it was added, and its title's sort
    key in the page's language."""
    start, end = view["dates"]
    return {
        "tags": " ".join(tag["id"] for tag in view["tags"]),
        "region": " ".join(region["id"] for region in view["regions"]),
        "country": " ".join(view["country_codes"]),
        "start": start or end or "",
        "end": end or start or "",
        "added": view["added"] or "",
        "title": sort_key(view["title"]),
    }


def temporal_coverage(start, end) -> str | None:
    """ISO 8601 interval, open-ended with '..' where a date is not known."""
    if not start and not end:
        return None
    return f"{start or '..'}/{end or '..'}"


def case_jsonld(case, view: dict, site_name: str, site_url: str, canonical: str, image: str, root_url: str | None = None) -> dict:
    """schema.org Article describing the case as its page (``view``) shows it. ``site_url`` is
    the home page of the page's language, ``root_url`` the site's root (where page URLs start)."""
    root_url = root_url or site_url
    facts = case.facts
    places = ([{"@type": "Country", "name": name, "identifier": code}
               for code, name in zip(view["country_codes"], view["countries"], strict=True)]
              + [{"@type": "Place", "name": place} for place in view["places"]])
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "name": view["title"],
        "headline": view["title"],
        "description": view["summary"],
        "inLanguage": view["text_lang"],
        "url": canonical,
        "image": image,
        "about": [{"@type": "DefinedTerm", "name": tag["label"], "termCode": tag["id"],
                   "url": absolute(root_url, tag["url"] or "")} for tag in view["tags"]],
        # where the case took place; when the sources do not say (venue: not-stated), its countries
        # and places are those of its examples: places the article mentions, not its coverage
        "spatialCoverage": places if view["venue_stated"] else [],
        # the organisations that did the work are what the article is about, not its contributors
        "mentions": [{"@type": "Organization", "name": name} for name in (facts.get("implementing") or []) + (facts.get("partners") or [])]
                    + ([] if view["venue_stated"] else places),
        "funder": [{"@type": "Organization", "name": name} for name in facts.get("funders") or []],
        "citation": [{k: v for k, v in {"@type": "CreativeWork", "name": source["title"], "inLanguage": source["language"],
                                        "publisher": {"@type": "Organization", "name": source["publisher"]},
                                        "url": source.get("url"), "datePublished": source.get("published")}.items() if v}
                     for source in facts.get("sources") or []],
        "datePublished": facts.get("added"),
        "dateModified": facts.get("reviewed"),
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
    }
    coverage = temporal_coverage(facts.get("start"), facts.get("end"))
    if coverage:
        data["temporalCoverage"] = coverage
    return {key: value for key, value in data.items() if value not in (None, [], "")}


BIBTEX_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                                "$": r"\$", "#": r"\#", "_": r"\_"})


def citation(view: dict, lang: str, t, site_name: str, url: str) -> dict:
    """"Cite this case" in ``lang``: a plain-text reference and a BibTeX entry."""
    year = (view.get("reviewed") or view.get("added") or "")[:4]
    reviewed = t("cite.reviewed", date=format_when(view["reviewed"], t("site.locale"))) if view.get("reviewed") else ""
    plain = f"{site_name} ({year}). {view['title']}. {url}" + (f". {reviewed}." if reviewed else "")
    langid = language_name(view["text_lang"], "en").lower()  # BibTeX names languages in English
    fields = [("author", "{" + site_name.translate(BIBTEX_SPECIAL) + "}"), ("title", "{" + view["title"].translate(BIBTEX_SPECIAL) + "}"),
              ("year", year), ("url", url), ("langid", langid)]
    if reviewed:
        fields.append(("note", reviewed.translate(BIBTEX_SPECIAL)))
    body = ",\n".join(f"  {key:<7} = {{{value}}}" for key, value in fields)
    bibtex = f"@misc{{{view['slug']}-{lang},\n{body}\n}}"
    return {"plain": plain, "bibtex": bibtex, "url": url}
