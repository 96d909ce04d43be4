"""What the build hooks share during one `mkdocs build` (or serve): the cases, read once and
again only when a file changes; the language being built; its strings and case views."""
from __future__ import annotations

import os
from pathlib import Path

import jinja2

from . import model, project, strings, views

ROOT = project.ROOT

_cache: dict = {}
_memo: dict = {}  # case folder -> what was read from it, while its files do not change
state: dict = {}  # lang, t, views, collection, tag_index: set by overrides/hooks/cases.py
run: dict = {"command": None, "dirty": False, "builds": 0}  # set by overrides/hooks/cases.py


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the process: MkDocs makes a new Jinja
    environment for every build, so without it each rebuild of the live preview compiles every
    template again, for each language. A template whose source changes is compiled again
    (Jinja compares the source's checksum)."""

    def __init__(self):
        self.compiled: dict = {}

    def load_bytecode(self, bucket):
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


templates = TemplateCache()


def preview_rebuild() -> bool:
    """A rebuild of the live preview after an edit (`mkdocs serve --dirty`, not the first build):
    what no one previews (feeds, sitemap, data files, search index) keeps its first version."""
    return run["command"] == "serve" and run["dirty"] and run["builds"] > 0


def languages(config, built_only: bool = True) -> tuple:
    """The built (or all) languages, default first, as configured for mkdocs-static-i18n."""
    i18n = config.plugins["i18n"]
    langs = [lang for lang in i18n.config.languages if lang.build or not built_only]
    langs.sort(key=lambda lang: not lang.default)
    return tuple(lang.locale for lang in langs)


def current_language(config) -> str:
    return config.plugins["i18n"].current_language


prefix = views.prefix


def _fingerprint(config) -> tuple:
    docs = Path(config.docs_dir)
    paths = [docs / "tags.yml", *sorted((ROOT / "overrides" / "i18n").glob("*.yml"))]
    cases = docs / "cases"
    if cases.is_dir():
        for entry in sorted(os.scandir(cases), key=lambda e: e.name):
            if entry.is_dir():
                paths += sorted(Path(entry.path).iterdir())
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def strings_for(lang: str) -> strings.Strings:
    """The UI strings of ``lang``, read again after a string file changes (see collection())."""
    if "strings" not in _cache:
        _cache["strings"] = project.strings_for(ROOT)
    return _cache["strings"](lang)


def collection(config) -> model.Collection:
    key = _fingerprint(config)
    if _cache.get("key") != key:
        shared = tuple(item for item in key if "/docs/cases/" not in item[0])  # vocabulary, UI strings
        if _cache.get("shared") != shared:
            _memo.clear()  # every case is checked against them
        _cache.clear()
        _cache["shared"] = shared
        _cache["collection"] = model.load_collection(Path(config.docs_dir), languages(config), strings_for, root=ROOT, memo=_memo,
                                                     strings_dir=ROOT / "overrides" / "i18n")
        _cache["views"] = {}
        _cache["key"] = key
    return _cache["collection"]


def related() -> dict:
    """For each case, the slugs of the cases most like it (the same in every language)."""
    if "related" not in _cache:
        _cache["related"] = views.related(_cache["collection"].cases)
    return _cache["related"]


def case_views(lang: str) -> dict:
    """Every case as a page in ``lang`` shows it, with related cases and card data."""
    cached = _cache["views"]
    if lang not in cached:
        coll, t = _cache["collection"], strings_for(lang)
        out = {slug: views.case_view(case, lang, t, coll.vocab, coll.default_language) for slug, case in coll.cases.items()}
        alike = related()
        for slug, view in out.items():
            view["related"] = [out[other] for other in alike[slug]]
            view["data"] = views.card_data(view)
        cached[lang] = out
    return cached[lang]
