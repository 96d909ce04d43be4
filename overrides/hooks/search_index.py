"""Build hook: the search index.

Each language has its own Pagefind bundle next to its pages (/pagefind/, /es/pagefind/,
/nl/pagefind/), with that language's stemming, split into chunks: a reader downloads only the
chunks their query needs, and a Spanish page searches Spanish pages only. Each language's build
indexes its own case pages (marked data-pagefind-body in overrides/partials/case.html) as soon
as they are written, so the languages are indexed in parallel when they are built in parallel
(parallel_build.py), at most two at a time: Pagefind holds about 0.3 MB per page while it
indexes (0.3 GB at 1,000 cases), and a third run at once would add memory, not speed, on two
cores. In the live preview the index is built with the first build only
(casekit.build.preview_rebuild).
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from casekit import build

log = get_plugin_logger("search_index")
BUNDLE = "pagefind/"  # under each language's folder
# made when MkDocs loads this hook, before parallel_build.py forks: every language's process shares it
SLOTS = multiprocessing.get_context("fork").BoundedSemaphore(2) if hasattr(os, "fork") else nullcontext()


@event_priority(-120)  # after mkdocs-static-i18n (-100), before parallel_build.py waits for the other languages (-150)
def on_post_build(config):
    if build.preview_rebuild():
        return  # the preview keeps its first index
    default = build.state["collection"].default_language
    # a nested or forked build is its own language; the outermost is the default language (when
    # the languages are built one after the other, the shared state names the last one built)
    lang = build.state["lang"] if config.plugins["i18n"].building else default
    own = build.prefix(lang, default)
    site = Path(config.site_dir)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
               "--glob", f"{own}cases/*/index.html",
               "--exclude-selectors", ".headerlink",
               "--output-path", str(site / own / BUNDLE)]
    with SLOTS:
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the {lang} pages:\n{result.stdout}{result.stderr}")
    log.info(f"search index written to {own}{BUNDLE}")
