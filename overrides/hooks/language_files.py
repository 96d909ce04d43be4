"""Build hook: give mkdocs-static-i18n only the files of the language being built.

For each language, mkdocs-static-i18n makes a new file object for every file under docs/ (every
language's text of every case) and then keeps those of that language. This hook drops, before
it runs, the files it would drop anyway: those whose language suffix (or, without one, the
default language) is not the language being built. What is built does not change; the work of
each language's build no longer grows with the number of languages.
"""
from __future__ import annotations

import os
from pathlib import PurePath

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs_static_i18n.config import RE_LOCALE


@event_priority(-50)  # before mkdocs-static-i18n (-100)
def on_files(files, config):
    i18n = config.plugins["i18n"]
    current, default = i18n.current_language, i18n.default_language
    languages = set(i18n.all_languages)
    docs = os.path.join(os.path.normpath(config.docs_dir), "")
    kept = []
    for file in files:
        if file.abs_src_path is None or not file.abs_src_path.startswith(docs):
            kept.append(file)  # theme files and files made by other plugins
            continue
        suffix = PurePath(file.name).suffix[1:]
        locale = suffix if suffix and (suffix in languages or RE_LOCALE.match(suffix)) else default
        if locale == current:
            kept.append(file)
    return Files(kept)
