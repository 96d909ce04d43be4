"""The collection as data: one record per case, every structured fact, titles and summaries
in every language. Written as cases.json and cases.csv; explained by the codebook pages."""
from __future__ import annotations

import csv
import io
import json

from babel.lists import format_list

from . import fields
from .model import Collection
from .views import absolute, language_name, page_url

# (field, type): the order of the CSV columns and of the codebook, from the facts' registry
# (casekit/fields.py); per-language fields are expanded as field_<lang>
FIELDS = tuple((column.name, column.kind) for column in fields.open_data_columns())
PER_LANGUAGE = {column.name for column in fields.open_data_columns() if column.per_language}

LIST_SEPARATOR = "; "  # between the items of a list, in cases.csv
SOURCE_SEPARATOR = " | "  # between sources, in cases.csv
SOURCE_KEYS = ("title", "title_from", "publisher", "language", "published", "url")  # of each source, in this order

def _count(value):
    """(the number, whether it is a lower bound, whether it is approximate) of a count: N,
    {more_than: N} or {about: N}."""
    if isinstance(value, dict):
        return value.get("more_than", value.get("about")), "more_than" in value, "about" in value
    return value, False, False


def _label(collection: Collection, tag_id, lang: str):
    tag = collection.vocab.tags.get(tag_id) if tag_id else None
    return tag.label.get(lang, tag_id) if tag else None


def records(collection: Collection, site_url: str) -> list:
    out = []
    for slug, case in sorted(collection.cases.items()):
        facts = case.facts
        participants = facts.get("participants") or {}
        people, people_more, people_about = _count(participants.get("people"))
        orgs, orgs_more, orgs_about = _count(participants.get("organisations"))
        record = {"slug": slug, "original_language": case.original_language}
        regions = collection.vocab.regions_of(facts.get("countries"))
        for lang in collection.languages:
            text = case.texts.get(lang)
            record[f"title_{lang}"] = text.meta.get("title") if text else None
            record[f"summary_{lang}"] = text.meta.get("summary") if text else None
            record[f"url_{lang}"] = absolute(site_url, page_url(slug, lang, collection.default_language))
        record.update({
            "implementing": list(facts.get("implementing") or []),
            "partners": list(facts.get("partners") or []),
            "funders": list(facts.get("funders") or []),
            "countries": list(facts.get("countries") or []),
            "venue": facts.get("venue"),
            "regions": regions,
            **{f"region_labels_{lang}": [_label(collection, region, lang) for region in regions] for lang in collection.languages},
            "places": list(facts.get("places") or []),
            "start": facts.get("start"),
            "end": facts.get("end"),
            "participants_people": people,
            "participants_organisations": orgs,
            "participants_more_than": people_more or orgs_more,
            "participants_approximate": people_about or orgs_about,
            "tags": list(facts.get("tags") or []),
            **{f"tag_labels_{lang}": [_label(collection, tag, lang) for tag in facts.get("tags") or []] for lang in collection.languages},
            "sources": [{key: source.get(key) for key in SOURCE_KEYS if source.get(key)}
                        for source in facts.get("sources") or []],
            "added": facts.get("added"),
            "reviewed": facts.get("reviewed"),
        })
        out.append(record)
    return out


def columns(languages) -> list:
    out = []
    for field, _kind in FIELDS:
        out += [f"{field}_{lang}" for lang in languages] if field in PER_LANGUAGE else [field]
    return out


def to_json(collection: Collection, site_url: str, licence: dict | None = None) -> str:
    data = {"licence": dict(licence)} if licence else {}
    data["cases"] = records(collection, site_url)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_csv(collection: Collection, site_url: str) -> str:
    buffer = io.StringIO()
    # every text cell quoted, numbers not: a spreadsheet that splits on another character (";"
    # in Spanish and Dutch Excel) keeps a quoted cell whole
    writer = csv.DictWriter(buffer, fieldnames=columns(collection.languages), lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for record in records(collection, site_url):
        row = {}
        for key, value in record.items():
            if key == "sources":
                value = SOURCE_SEPARATOR.join(" — ".join(str(s[k]) for k in SOURCE_KEYS if s.get(k)) for s in value)
            elif isinstance(value, list):
                value = LIST_SEPARATOR.join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            row[key] = "" if value is None else spreadsheet_safe(value)
        writer.writerow(row)
    # a byte-order mark: spreadsheets then read the file as UTF-8 ("Formación", not "FormaciÃ³n")
    return "\ufeff" + buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# where a spreadsheet may start a new cell inside ours: the separators of every spreadsheet
# locale (",", ";", a tab) and line breaks
CELL_SEPARATORS = frozenset(",;\t\r\n")
SPACES = frozenset(" \u00a0")  # trimmed by some spreadsheets before a cell is read


def spreadsheet_safe(value):
    """A CSV cell that no spreadsheet will run as a formula, whatever character it splits cells
    on (OWASP's advice for CSV injection): a cell, or any part of it after a separator (",", ";",
    a tab, a line break), that starts, after spaces, with = + - @, a tab or a line break gets a
    leading apostrophe, which makes that part text."""
    if not isinstance(value, str):
        return value
    out = []
    start = True  # at the start of the cell or of a part after a separator
    for char in value:
        if start and char in FORMULA_STARTS:
            out.append("'")
            start = False
        elif start and char not in SPACES:
            start = False
        out.append(char)
        if char in CELL_SEPARATORS:
            start = True
    return "".join(out)


def codebook(languages, t) -> dict:
    """The fields with their type and meaning, and how the CSV file separates lists, in the
    language of ``t``."""
    regional = t("site.locale")  # en_GB writes "a, b and c"
    names = format_list([language_name(lang, t.lang) for lang in languages], locale=regional)
    codes = format_list(list(languages), style="or", locale=regional)
    rows = []
    for field, kind in FIELDS:
        fields = [f"{field}_{lang}" for lang in languages] if field in PER_LANGUAGE else [field]
        rows.append({"names": fields, "type": t(f"data.types.{kind}"),
                     "meaning": t(f"data.fields.{field}", languages=names, codes=codes)})
    return {"rows": rows, "separators": t("data.separators", list=LIST_SEPARATOR, sources=SOURCE_SEPARATOR)}
