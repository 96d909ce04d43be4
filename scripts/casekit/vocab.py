"""The controlled tag vocabulary: docs/tags.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from . import yamlines
from .facets import VOCABULARY_FACETS
from .problems import Problem, display_path

FACETS = VOCABULARY_FACETS  # casekit/facets.py


@dataclass(frozen=True)
class Tag:
    id: str
    facet: str
    label: dict  # lang -> label
    description: dict  # lang -> one line


class Vocabulary:
    def __init__(self, tags: dict, facets: dict, path: Path | None = None):
        self.tags = tags  # id -> Tag, in file order
        self.facets = facets  # facet id -> {lang: label}
        self.path = path

    def __contains__(self, tag_id) -> bool:
        return tag_id in self.tags

    def ids(self, facet: str | None = None) -> list:
        return [t.id for t in self.tags.values() if facet is None or t.facet == facet]

    def suggest(self, tag_id: str, facet_filter=None, limit: int = 3) -> list:
        """The valid ids nearest to ``tag_id`` ("did you mean …")."""
        choices = [i for i in self.tags if facet_filter is None or facet_filter(self.tags[i].facet)]
        text = str(tag_id).lower().replace("_", "-").replace(" ", "-")
        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        return [match for match, _score, _index in found]


def load(path: Path, languages) -> tuple[Vocabulary, list]:
    """Read the vocabulary; return it with the problems found in it."""
    shown = display_path(path)
    problems: list = []
    doc, found = yamlines.read_file(Path(path), shown, "the vocabulary")
    if doc is None:
        return Vocabulary({}, {}, path), found
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, "the vocabulary must be a mapping with facets: and tags:.", "see the top of docs/tags.yml for its layout."))
    for key in ("facets", "tags"):
        if not isinstance(data.get(key), dict):
            problems.append(Problem(shown, doc.line((key,)), f"'{key}' must be a mapping of ids to entries, not {type(data.get(key)).__name__}.",
                                    f"write {key}: on its own line, then each entry indented under it as 'id:' (see the existing entries)."))
    facets = data.get("facets") if isinstance(data.get("facets"), dict) else {}
    for facet in FACETS:
        if not isinstance(facets.get(facet), dict) or any(not facets[facet].get(lang) for lang in languages):
            problems.append(Problem(shown, doc.line(("facets",)), f"facet '{facet}' needs a label in every language ({', '.join(languages)}).", f"add facets: {facet}: {{{', '.join(lang + ': …' for lang in languages)}}}."))
    tags: dict = {}
    for tag_id, entry in (data.get("tags") if isinstance(data.get("tags"), dict) else {}).items():
        line = doc.line(("tags", tag_id))
        if not isinstance(tag_id, str) or not _ID.fullmatch(tag_id):
            problems.append(Problem(shown, line, f"tag id '{tag_id}' is not lowercase words joined by hyphens.", "rename it, e.g. 'local-governance'."))
            continue
        entry = entry if isinstance(entry, dict) else {}
        facet = entry.get("facet")
        if facet not in FACETS:
            problems.append(Problem(shown, doc.line(("tags", tag_id, "facet")), f"tag '{tag_id}' has facet {facet!r}.", f"use one of: {', '.join(FACETS)}."))
        for key in ("label", "description"):
            values = entry.get(key) if isinstance(entry.get(key), dict) else {}
            for lang, value in values.items():
                if not isinstance(value, str) or "<" in value or ">" in value:
                    problems.append(Problem(shown, doc.line(("tags", tag_id, key, lang)), f"the {key} of '{tag_id}' in {lang} must be plain text (no < or >, not a list).",
                                            "write the words only, on one line."))
            values = {lang: value for lang, value in values.items() if isinstance(value, str)}
            missing = [lang for lang in languages if not values.get(lang)]
            if missing:
                problems.append(Problem(shown, doc.line(("tags", tag_id, key)), f"tag '{tag_id}' has no {key} in {', '.join(missing)}.", f"add {key}: {{{', '.join(lang + ': …' for lang in missing)}}}."))
        text = {key: {lang: value for lang, value in (entry.get(key) if isinstance(entry.get(key), dict) else {}).items() if isinstance(value, str)}
                for key in ("label", "description")}
        tags[tag_id] = Tag(tag_id, facet, text["label"], text["description"])
    return Vocabulary(tags, facets, path), problems


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
