"""The search index.

Each language has its own Pagefind bundle next to its pages (/pagefind/, /es/pagefind/,
/nl/pagefind/), with that language's stemming, split into chunks: a reader downloads only the
chunks their query needs, and a Spanish page searches Spanish pages only. Each language's
build indexes its own case pages (marked data-pagefind-body in overrides/partials/case.html)
as soon as they are written; when the languages are built in parallel (scripts/build.py),
they are indexed in parallel too.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import urls


def write(site_dir: str, lang: str, own_prefix: str) -> str:
    site = Path(site_dir)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
               "--glob", f"{own_prefix}{urls.CATALOGUE}*/index.html",
               "--exclude-selectors", ".headerlink",
               "--output-path", str(site / own_prefix / urls.SEARCH_BUNDLE)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the {lang} pages:\n{result.stdout}{result.stderr}")
    return f"search index written to {own_prefix}{urls.SEARCH_BUNDLE}"
