"""Which files a language's build gets, and where they are published.

Each language is built on its own (mkdocs-static-i18n builds them one after the other in one
process; scripts/build.py runs one process per language with the plugin's documented
`build_only_locale`). Two rules of ours make both ways give the same site:
- a language's build gets only the files of that language (a text's language is its suffix,
  `index.es.md`, or without one the default language): mkdocs-static-i18n would make a file
  object of every language's text of every case and drop the others' anyway;
- a build of one language only is, for mkdocs-static-i18n, the default language's, at the root
  of its folder: its pages are moved under the language's folder ("es/") as in the full build.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def file_language(name: str, languages, default: str) -> str:
    suffix = PurePosixPath(name).suffix[1:]
    return suffix if suffix in languages else default


def only_language(files, docs_dir: str, lang: str, languages, default: str) -> Files:
    """The files of ``lang`` (and every file that is not under docs/: theme files)."""
    docs = os.path.join(os.path.normpath(docs_dir), "")
    kept = [file for file in files
            if file.abs_src_path is None or not file.abs_src_path.startswith(docs)
            or file_language(PurePosixPath(file.src_uri).stem, languages, default) == lang]
    return Files(kept)


def under_folder(files, docs_dir: str, site_dir: str, folder: str) -> None:
    """Move the pages and files of docs/ under ``folder`` ("es/"), as the full build places them."""
    docs = os.path.join(os.path.normpath(docs_dir), "")
    for file in files:
        if file.abs_src_path is None or not file.abs_src_path.startswith(docs):
            continue
        move_under(file, site_dir, folder)


def move_under(file, site_dir: str, folder: str) -> None:
    """Publish ``file`` under ``folder`` ("es/"), its source path unchanged."""
    url = file.url
    file.dest_uri = folder + file.dest_uri
    file.url = folder if url in ("", ".", "./") else folder + url
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))


def check_writable(site_dir: str) -> None:
    """A site folder that cannot be written is said plainly, before anything is built."""
    probe = os.path.join(site_dir, ".write-test")
    try:
        os.makedirs(site_dir, exist_ok=True)
        Path(probe).write_text("", encoding="utf-8")
        os.remove(probe)
    except OSError as error:
        raise PluginError(f"the site cannot be written to {site_dir}: {error.strerror or error}. "
                          "Fix: make the folder writable, or build into another with -d <folder>.") from None
