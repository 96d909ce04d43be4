"""Build hook: the search index.

Pagefind reads each page's <html lang> and writes one index per language, with that
language's stemming, split into chunks: a reader downloads only the chunks their query needs,
and a Spanish page searches Spanish pages only. Each language's build indexes its own case
pages (marked data-pagefind-body in overrides/partials/case.html) as soon as they are written,
in parallel with the others; once every language is built, their bundles are merged into
/pagefind/. In the live preview the index is built with the first build only (casekit.build.preview_rebuild).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from casekit import build

log = get_plugin_logger("search_index")
PART = ".pagefind-{lang}"  # a language's bundle, until the merge


@event_priority(-200)  # after every other language's build has finished (parallel_build.py waits at -150)
def on_post_build(config):
    if build.preview_rebuild():
        return  # the preview keeps its first index
    collection, nested = build.state["collection"], config.plugins["i18n"].building
    # a nested or forked build is its own language; the outermost is the default language (when
    # the languages are built one after the other, the shared state names the last one built)
    lang = build.state["lang"] if nested else collection.default_language
    site = Path(config.site_dir)
    _index(site, lang, collection.default_language)
    if nested:  # another language's build: the outermost merges
        return
    _merge(site, collection.languages)
    log.info("search index written to pagefind/")


def _index(site: Path, lang: str, default: str):
    """Index the case pages of one language into its own bundle."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
         "--glob", f"{build.prefix(lang, default)}cases/*/index.html",
         "--exclude-selectors", ".headerlink",
         "--output-path", str(site / PART.format(lang=lang))],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the {lang} pages:\n{result.stdout}{result.stderr}")


def _merge(site: Path, languages):
    """One /pagefind/ bundle from the languages' bundles (their files have distinct names)."""
    target = site / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    entry = None
    for lang in languages:
        part = site / PART.format(lang=lang)
        if not part.is_dir():
            raise PluginError(f"the search index of '{lang}' is missing ({part})")
        own = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry is None:
            entry = own
        else:
            entry["languages"].update(own["languages"])
        shutil.copytree(part, target, dirs_exist_ok=True)
        shutil.rmtree(part)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (target / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
