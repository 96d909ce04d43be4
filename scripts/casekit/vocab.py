"""The controlled tag vocabulary: docs/tags.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from . import yamlines
from .problems import Problem, display_path

FACETS = ("theme", "approach", "region", "organisation")


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
    try:
        doc = yamlines.load(Path(path).read_text(encoding="utf-8"))
    except yamlines.YamlSyntaxError as exc:
        return Vocabulary({}, {}, path), [
            Problem(shown, exc.line, f"the YAML cannot be read: {exc.message}.", "check indentation and quoting on this line.")
        ]
    data = doc.data if isinstance(doc.data, dict) else {}
    facets = data.get("facets") or {}
    for facet in FACETS:
        if not isinstance(facets.get(facet), dict) or any(not facets[facet].get(lang) for lang in languages):
            problems.append(Problem(shown, doc.line(("facets",)), f"facet '{facet}' needs a label in every language ({', '.join(languages)}).", f"add facets: {facet}: {{{', '.join(lang + ': …' for lang in languages)}}}."))
    tags: dict = {}
    for tag_id, entry in (data.get("tags") or {}).items():
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
            missing = [lang for lang in languages if not values.get(lang)]
            if missing:
                problems.append(Problem(shown, doc.line(("tags", tag_id, key)), f"tag '{tag_id}' has no {key} in {', '.join(missing)}.", f"add {key}: {{{', '.join(lang + ': …' for lang in missing)}}}."))
        tags[tag_id] = Tag(tag_id, facet, dict(entry.get("label") or {}), dict(entry.get("description") or {}))
    return Vocabulary(tags, facets, path), problems


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
