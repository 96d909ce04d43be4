"""The controlled tag vocabulary: docs/tags.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from . import yamlines
from .facets import VOCABULARY_FACETS
from .messages import _
from .problems import Problem, display_path
from .wording import folded as _folded

FACETS = VOCABULARY_FACETS  # casekit/facets.py


@dataclass(frozen=True)
class Tag:
    id: str
    facet: str
    label: dict  # lang -> label
    description: dict  # lang -> one line
    countries: tuple = ()  # a region's countries (ISO 3166-1 alpha-2): a case's regions come from its countries


class Vocabulary:
    def __init__(self, tags: dict, facets: dict, path: Path | None = None):
        self.tags = tags  # id -> Tag, in file order
        self.facets = facets  # facet id -> {lang: label}
        self.path = path

    def __contains__(self, tag_id) -> bool:
        return tag_id in self.tags

    def regions_of(self, countries) -> list:
        """The regions of ``countries`` (ids, in the vocabulary's order): a case's regions."""
        codes = set(countries or ())
        return [tag.id for tag in self.tags.values() if tag.facet == "region" and codes & set(tag.countries)]

    def ids(self, facet: str | None = None) -> list:
        return [t.id for t in self.tags.values() if facet is None or t.facet == facet]

    def suggest(self, tag_id: str, facet_filter=None, limit: int = 3) -> list:
        """The valid ids nearest to ``tag_id`` ("did you mean …"): a tag's label in any language
        names its id ("Fortalecimiento de capacidades": capacity-building), else the ids and
        labels most like it."""
        ids = [i for i in self.tags if facet_filter is None or facet_filter(self.tags[i].facet)]
        said = _folded(tag_id)
        exact = [i for i in ids if said in {_folded(label) for label in self.tags[i].label.values()}]
        if exact:
            return exact[:limit]
        # the ids first, so that an id wins a tie with a label
        names = ids + [label for i in ids for label in self.tags[i].label.values()]
        owner = ids + [i for i in ids for _label in self.tags[i].label.values()]
        found = process.extract(str(tag_id), names, scorer=fuzz.WRatio, processor=_folded, limit=limit * 4, score_cutoff=50)
        out: list = []
        for _match, _score, index in found:
            if owner[index] not in out:
                out.append(owner[index])
        return out[:limit]


def load(path: Path, languages) -> tuple[Vocabulary, list]:
    """Read the vocabulary; return it with the problems found in it."""
    shown = display_path(path)
    problems: list = []
    doc, found = yamlines.read_file(Path(path), shown, _("the vocabulary"))
    if doc is None:
        return Vocabulary({}, {}, path), found
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, _("the vocabulary must be a mapping with facets: and tags:."), _("see the top of docs/tags.yml for its layout.")))
    for key in ("facets", "tags"):
        if not isinstance(data.get(key), dict):
            problems.append(Problem(shown, doc.line((key,)), _("'{key}' must be a mapping of ids to entries, not {kind}.", key=key, kind=type(data.get(key)).__name__),
                                    _("write {key}: on its own line, then each entry indented under it as 'id:' (see the existing entries).", key=key)))
    facets = data.get("facets") if isinstance(data.get("facets"), dict) else {}
    for facet in FACETS:
        if not isinstance(facets.get(facet), dict) or any(not facets[facet].get(lang) for lang in languages):
            problems.append(Problem(shown, doc.line(("facets",)), _("facet '{facet}' needs a label in every language ({languages}).", facet=facet, languages=", ".join(languages)),
                                    _("add {line}.", line=f"facets: {facet}: {{{', '.join(lang + ': …' for lang in languages)}}}")))
    tags: dict = {}
    for tag_id, entry in (data.get("tags") if isinstance(data.get("tags"), dict) else {}).items():
        line = doc.line(("tags", tag_id))
        if not isinstance(tag_id, str) or not _ID.fullmatch(tag_id):
            problems.append(Problem(shown, line, _("tag id '{tag}' is not lowercase words joined by hyphens.", tag=tag_id), _("rename it, e.g. 'local-governance'.")))
            continue
        entry = entry if isinstance(entry, dict) else {}
        facet = entry.get("facet")
        if facet is None:
            problems.append(Problem(shown, line, _("tag '{tag}' has no facet: line.", tag=tag_id),
                                    _("add a line facet: with one of {facets} (what kind of tag it is), e.g. facet: theme.", facets=", ".join(FACETS))))
        elif facet not in FACETS:
            problems.append(Problem(shown, doc.line(("tags", tag_id, "facet")), _("tag '{tag}' has facet {facet}.", tag=tag_id, facet=repr(facet)),
                                    _("use one of: {facets}.", facets=", ".join(FACETS))))
        for key in ("label", "description"):
            values = entry.get(key) if isinstance(entry.get(key), dict) else {}
            for lang, value in values.items():
                if not isinstance(value, str) or "<" in value or ">" in value:
                    problems.append(Problem(shown, doc.line(("tags", tag_id, key, lang)),
                                            (_("the label of '{tag}' in {lang} must be plain text (no < or >, not a list).", tag=tag_id, lang=lang) if key == "label" else
                                             _("the description of '{tag}' in {lang} must be plain text (no < or >, not a list).", tag=tag_id, lang=lang)),
                                            _("write the words only, on one line.")))
            values = {lang: value for lang, value in values.items() if isinstance(value, str)}
            missing = [lang for lang in languages if not values.get(lang)]
            if missing:
                problems.append(Problem(shown, doc.line(("tags", tag_id, key)),
                                        (_("tag '{tag}' has no label in {languages}.", tag=tag_id, languages=", ".join(missing)) if key == "label" else
                                         _("tag '{tag}' has no description in {languages}.", tag=tag_id, languages=", ".join(missing))),
                                        _("add {line}.", line=f"{key}: {{{', '.join(lang + ': …' for lang in missing)}}}")))
        text = {key: {lang: value for lang, value in (entry.get(key) if isinstance(entry.get(key), dict) else {}).items() if isinstance(value, str)}
                for key in ("label", "description")}
        countries = _region_countries(tag_id, facet, entry, doc, shown, tags, problems)
        tags[tag_id] = Tag(tag_id, facet, text["label"], text["description"], countries)
    return Vocabulary(tags, facets, path), problems


def _region_countries(tag_id, facet, entry, doc, shown, tags, problems) -> tuple:
    """A region's countries: ISO codes, each in one region only (a case's regions come from them)."""
    from .model import country_codes  # the codes the cases may name
    listed = entry.get("countries")
    if facet != "region":
        if listed is not None:
            problems.append(Problem(shown, doc.line(("tags", tag_id, "countries")), _("only a region lists countries; '{tag}' is not one.", tag=tag_id),
                                    _("remove its countries: line.")))
        return ()
    if not isinstance(listed, list) or not listed:
        problems.append(Problem(shown, doc.line(("tags", tag_id)), _("the region '{tag}' lists no countries.", tag=tag_id),
                                _("add countries: [..] with the ISO 3166-1 alpha-2 codes of its countries, e.g. countries: [CO, PE].")))
        return ()
    taken = {code: other.id for other in tags.values() for code in other.countries}
    out = []
    for index, code in enumerate(listed):
        line = doc.line(("tags", tag_id, "countries", index))
        if not isinstance(code, str) or code not in country_codes():
            problems.append(Problem(shown, line, _("'{code}' in the countries of '{tag}' is not an ISO 3166-1 alpha-2 country code.", code=code, tag=tag_id),
                                    _("write the code in capitals, in quotes if YAML could read it as a word: \"NO\" for Norway.")))
        elif code in taken:
            problems.append(Problem(shown, line, _("'{code}' is listed in two regions, '{first}' and '{tag}'.", code=code, first=taken[code], tag=tag_id),
                                    _("keep it in one region only.")))
        else:
            out.append(code)
    return tuple(out)


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

