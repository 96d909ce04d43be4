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
request later); and the language's tags with their addresses, suggested when nothing matches a
query.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import urls

META_SIGNATURE = b"pagefind_dcd"  # the start of Pagefind 1.x's decompressed metadata and index files


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
    files = search_files(bundle, build.lang, suggestions(build.tag_index))
    (bundle / urls.SEARCH_FILES).write_text(json.dumps(files, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return f"search index written to {own_prefix}{urls.SEARCH_BUNDLE}"


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
