"""The search index.

Each language has its own Pagefind bundle next to its pages (/pagefind/, /es/pagefind/,
/nl/pagefind/), with that language's stemming, split into chunks: a reader downloads only the
chunks their query needs, and a Spanish page searches Spanish pages only. Each language's
build indexes its own case pages (marked data-pagefind-body in overrides/partials/case.html)
as soon as they are written; when the languages are built in parallel (scripts/build.py),
they are indexed in parallel too.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import urls


def write(site_dir: str, lang: str, own_prefix: str) -> str:
    site = Path(site_dir)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
               "--glob", f"{own_prefix}{urls.CATALOGUE}*/index.html",
               "--exclude-selectors", ".headerlink",
               "--output-path", str(site / own_prefix / urls.SEARCH_BUNDLE)]
    result = _run_stopping_on_term(command)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the {lang} pages:\n{result.stdout}{result.stderr}")
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
