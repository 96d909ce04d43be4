"""The search index.

Each language has its own Pagefind bundle next to its pages (/pagefind/, /es/pagefind/,
/nl/pagefind/), with that language's stemming, split into chunks: a reader downloads only the
chunks their query needs, and a Spanish page searches Spanish pages only. Each language's
build indexes its own case pages (marked data-pagefind-body in overrides/partials/case.html)
as soon as they are written; when the languages are built in parallel (scripts/build.py),
they are indexed in parallel too.

Beside the index, the build writes the list of files a first search needs
(urls.SEARCH_FILES, read by overrides/assets/javascripts/search.js when a search field gets
focus): the index's version, its metadata file, the range of words of each index chunk, so
that the page can request at once what Pagefind would otherwise request one after the other;
the address and title of each page Pagefind may answer with, so that a result can be shown as
soon as the engine finds it (its snippet follows with Pagefind's fragment of the page, one
request later); the language's tags with their addresses, suggested when nothing matches a
query; and each chunk's size with the cap on what the page fetches of the index in the
background once a search has shown its results (PREFETCH_CAP).

A case is indexed with what the catalogue finds it by, in every language (the tag labels,
country names, organisations and places of overrides/partials/case.html's case-terms, after
its text): a Dutch reader's "migratie" finds the cases the Spanish reader's "migración" finds.
Beside the list, the words of the language's index, most frequent first (urls.SEARCH_WORDS),
which search.js requests when a word of a query finds nothing, to offer the closest ones.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import unicodedata
from collections import Counter
from pathlib import Path

import cbor2
from mkdocs.exceptions import PluginError

from .. import urls

META_SIGNATURE = b"pagefind_dcd"  # the start of Pagefind 1.x's decompressed metadata and index files

# Once a search has shown its results, search.js fetches the rest of the language's index chunks
# in the background, so that another word is answered from the browser's cache instead of a
# round trip away, unless they weigh more than this (bytes as sent: the chunks are compressed
# files). 1,000 synthetic cases make about 240 KB per language, about what one search already
# downloads; 400 KB is 8 s of a slow 3G link at 50 KB/s. A larger index is fetched chunk by
# chunk as the queries need it, as without this.
PREFETCH_CAP = 400 * 1024


def write(site_dir: str, build) -> str:
    """Index the case pages of ``build``'s language and write the list of its search files."""
    site = Path(site_dir)
    own_prefix = build.prefix
    bundle = site / own_prefix / urls.SEARCH_BUNDLE
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
               "--glob", f"{own_prefix}{urls.CATALOGUE}*/index.html",
               "--exclude-selectors", ".headerlink",
               "--output-path", str(bundle)]
    result = _run_stopping_on_term(command)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the {build.lang} pages:\n{result.stdout}{result.stderr}")
    fragments = read_fragments(bundle)
    files = search_files(bundle, build.lang, suggestions(build.tag_index), fragments)
    (bundle / urls.SEARCH_FILES).write_text(json.dumps(files, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (bundle / urls.SEARCH_WORDS).write_text(" ".join(index_words(fragments.values())), encoding="utf-8")
    return f"search index written to {own_prefix}{urls.SEARCH_BUNDLE}"


def suggestions(tag_index: list) -> list:
    """The tags a reader may be offered when a query finds nothing: each tag that has cases,
    with its label in the language and its address (relative to the site's root)."""
    return [{"label": tag["label"], "url": tag["url"]} for facet in tag_index for tag in facet["tags"] if tag["count"]]


def search_files(bundle: Path, lang: str, tags: list, fragments: dict) -> dict:
    """What a first search in ``lang`` needs from the Pagefind bundle at ``bundle``: each index
    chunk as [first word, last word, file, bytes].

    The engine file is named after the language (wasm.<lang>.pagefind), so that a page can
    request it before it has read anything of the index: Pagefind names it "unknown" for a
    language it has no stemming for, and then a copy under the language's name is written and
    the index entry pointed at it."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    indexes = entry["languages"]
    if len(indexes) != 1:
        raise PluginError(f"the {lang} search index holds the languages {sorted(indexes)}; it should hold {lang} alone")
    index = next(iter(indexes.values()))
    if index.get("wasm") != lang:
        shutil.copyfile(bundle / f"wasm.{index.get('wasm') or 'unknown'}.pagefind", bundle / f"wasm.{lang}.pagefind")
        index["wasm"] = lang
        entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    meta = f"pagefind.{index['hash']}.pf_meta"
    return {"version": index["hash"], "entry": "pagefind-entry.json", "meta": meta, "wasm": f"wasm.{lang}.pagefind",
            "chunks": [[first, last, f"index/{chunk}.pf_index", (bundle / "index" / f"{chunk}.pf_index").stat().st_size]
                       for first, last, chunk in index_chunks(bundle / meta)],
            "prefetch_cap": PREFETCH_CAP, "pages": pages(fragments), "tags": tags,
            "words": f"{urls.SEARCH_WORDS}?v={index['hash']}"}


def read_fragments(bundle: Path) -> dict:
    """Each indexed page's Pagefind id (the name of its fragment file): Pagefind's fragment
    of the page (its address, text and metadata). A page's search terms (its "terms"
    metadata) must end its text, where search.js leaves them out of its snippets."""
    out = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(META_SIGNATURE):
            raise PluginError(f"{path.name} is not a Pagefind fragment this build can read (a new Pagefind version?)")
        fragment = json.loads(data[len(META_SIGNATURE):])
        terms = " ".join(fragment.get("meta", {}).get("terms", "").split())
        ending = " ".join(fragment.get("content", "").split()[-len(terms.split()):])
        if terms and ending.rstrip(".") != terms.rstrip("."):  # Pagefind ends a block with a full stop
            raise PluginError(f"{fragment['url']}: its search terms do not end its indexed text (a new Pagefind version?)")
        out[path.name.removesuffix(".pf_fragment")] = fragment
    return out


def pages(fragments: dict) -> dict:
    """Each indexed page's Pagefind id: [its address relative to the site's root, its title]."""
    return {key: [fragment["url"].lstrip("/"), fragment.get("meta", {}).get("title", "")] for key, fragment in fragments.items()}


WORD = re.compile(r"[^\W\d_]{3,40}")


def index_words(fragments) -> list:
    """The words of the pages' texts (and search terms), lower-cased, each once, the most
    frequent first (then in alphabetical order); of three letters or more, spelt as written
    (the page folds accents away when it compares them)."""
    tokens = Counter()  # the texts' tokens between spaces, which no word spans: each read once
    for fragment in fragments:
        tokens.update(unicodedata.normalize("NFC", fragment.get("content", "")).split())
    counts = Counter()
    for token, times in tokens.items():
        for word in WORD.findall(token):
            counts[word.lower()] += times
    return sorted(counts, key=lambda word: (-counts[word], word))


def index_chunks(meta_path: Path) -> list:
    """(first word, last word, file hash) of each chunk of the index, from Pagefind's metadata
    file: gzip, then a signature, then CBOR [version, pages, index chunks, filters, sorts, …]."""
    data = gzip.decompress(meta_path.read_bytes())
    if not data.startswith(META_SIGNATURE):
        raise PluginError(f"{meta_path.name} is not Pagefind metadata this build can read (a new Pagefind version?)")
    try:
        meta = cbor2.loads(data[len(META_SIGNATURE):])
        return [(str(first), str(last), str(chunk)) for first, last, chunk in meta[2]]
    except (cbor2.CBORDecodeError, ValueError, IndexError, TypeError) as error:
        raise PluginError(f"{meta_path.name}: the index chunks could not be read ({error}; a new Pagefind version?)") from error


def _leave(signum, frame):
    raise SystemExit(128 + signum)


def _run_stopping_on_term(command: list) -> subprocess.CompletedProcess:
    """Run Pagefind; a SIGTERM to the build while it runs stops Pagefind too (subprocess.run
    kills its process when the exception unwinds), then the build."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return subprocess.run(command, capture_output=True, text=True)
    previous = signal.signal(signal.SIGTERM, _leave)
    try:
        return subprocess.run(command, capture_output=True, text=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
