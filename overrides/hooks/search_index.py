"""Build hook: the search index.

After every language is built, runs Pagefind over the site. Pagefind reads each page's
<html lang> and writes one index per language, with that language's stemming, split into
chunks: a reader downloads only the chunks their query needs, and a Spanish page searches
Spanish pages only. Pages mark what is indexed with data-pagefind-body (overrides/main.html).
"""
from __future__ import annotations

import subprocess
import sys

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("search_index")


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    if config.plugins["i18n"].building:  # a nested language build: wait for the last one
        return
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent",
         "--exclude-selectors", ".headerlink"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
    log.info("search index written to pagefind/")
