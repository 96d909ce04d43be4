"""The collection as the build reads it: every case, read once and again only when one of its
files changes (the live preview rebuilds after every edit); the UI strings of each language;
and each language's views of the cases. One instance per plugin instance: nothing is kept at
module level."""
from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from .. import model, strings, views


def from_build(content: Content, stream=None) -> None:
    """Start ``content`` from the collection scripts/build.py read: the process waits on its
    standard input (or ``stream``) in a blocking read for the name of the file build.py saved it
    in (every language's process then reads it at once); when build.py ends without
    sending it (killed, or stopped by a case's problem), the input ends and so does this build,
    with this error."""
    try:
        path = os.fsdecode((stream if stream is not None else sys.stdin.buffer).read())  # until build.py closes it
        if not path:
            raise EOFError
        with open(path, "rb") as handle:  # in build.py's private staging folder
            content.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as error:
        raise PluginError(f"the collection did not come from scripts/build.py ({type(error).__name__}). "
                          "Fix: build with python3 scripts/build.py, which sends it, or without CASES_COLLECTION_CACHE.") from error


class Content:
    def __init__(self, root: Path, docs_dir: Path, strings_dir: Path, languages: tuple):
        self.root, self.docs_dir, self.strings_dir, self.languages = root, docs_dir, strings_dir, languages
        self._key = None
        self._shared = None
        self._memo: dict = {}  # case folder -> what was read from it, while its files do not change
        self._strings: dict = {}
        self._collection = None
        self._related = None
        self._views: dict = {}

    def _fingerprint(self) -> tuple:
        paths = [self.docs_dir / "tags.yml", *sorted(self.strings_dir.glob("*.yml"))]
        cases = self.docs_dir / "cases"
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

    def strings_for(self, lang: str) -> strings.Strings:
        """The UI strings of ``lang`` (read again after a string file changes: see collection())."""
        if lang not in self._strings:
            self._strings[lang] = strings.load(self.strings_dir, lang)
        return self._strings[lang]

    def save(self, stream) -> None:
        """Write the collection, as read now, to the binary ``stream`` (scripts/build.py keeps it
        for each language's process, which then starts from it instead of reading every case again)."""
        self.collection()
        self.related()
        pickle.dump((self._key, self._collection, self._related), stream, protocol=pickle.HIGHEST_PROTOCOL)

    def load(self, stream) -> None:
        """Start from what save() wrote to ``stream``, if the files it was read from have not
        changed since. The stream is scripts/build.py's file, never contributed input; an ended
        or broken one raises EOFError or pickle.UnpicklingError."""
        key, collection, related = pickle.load(stream)  # noqa: S301 - our own build's data, not contributed input
        if key == self._fingerprint():
            self._key, self._collection, self._related = key, collection, related
            self._shared = tuple(item for item in key if not item[0].startswith(str(self.docs_dir / "cases") + os.sep))

    def collection(self) -> model.Collection:
        """Every case, checked; read again when a case, the vocabulary or a UI string file changed."""
        key = self._fingerprint()
        if key != self._key:
            cases_dir = str(self.docs_dir / "cases") + os.sep
            shared = tuple(item for item in key if not item[0].startswith(cases_dir))
            if shared != self._shared:
                self._memo.clear()  # every case is checked against the vocabulary and the strings
                self._strings.clear()
            self._shared = shared
            self._collection = model.load_collection(self.docs_dir, self.languages, self.strings_for, root=self.root,
                                                     memo=self._memo, strings_dir=self.strings_dir)
            self._related, self._views, self._key = None, {}, key
        return self._collection

    def related(self) -> dict:
        """For each case, the slugs of the cases most like it (the same in every language)."""
        if self._related is None:
            self._related = views.related(self._collection.cases)
        return self._related

    def case_views(self, lang: str) -> dict:
        """Every case as a page in ``lang`` shows it, with related cases and card data."""
        if lang not in self._views:
            coll, t = self._collection, self.strings_for(lang)
            out = {slug: views.case_view(case, lang, t, coll.vocab, coll.default_language) for slug, case in coll.cases.items()}
            alike = self.related()
            for slug, view in out.items():
                view["related"] = [out[other] for other in alike[slug]]
                view["terms"] = views.search_terms(coll.cases[slug], coll.vocab, coll.languages)
                view["data"] = views.card_data(view)
            self._views[lang] = out
        return self._views[lang]


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the plugin: MkDocs makes a new Jinja
    environment for every build, so without it each rebuild of the live preview (and each
    language of a build) compiles every template again. A template whose source changes is
    compiled again (Jinja compares the source's checksum)."""

    def __init__(self):
        self.compiled: dict = {}

    def load_bytecode(self, bucket):
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()
