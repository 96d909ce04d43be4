"""Offline reading: the site's service worker and the offline page of each language.

overrides/sw.js is copied to the site's root like any other file of the theme, so that its
scope is every language. Once every language is built, the default language's build replaces
its ``const SITE = …;`` line with what this build's worker needs (``worker_settings``): the
build's id (its cache is named after it), each language's offline page by folder, and the files
the offline pages need. The live preview registers no worker (overrides/assets/javascripts/
offline.js removes one a built site left at the same address).

The build's id is a digest of what the worker keeps cache-first, the site's assets/ (Material's
bundles, named by their content, and the site's own CSS and JavaScript), and of what the
offline pages are made of (the theme's templates and UI strings). A build that changes none of
them (a new case, an edited text) keeps the readers' cache, and the pages they kept; one that
changes them gets a cache of its own, and the worker deletes the older ones.

The worker trusts only what the build wrote: the settings carry a manifest, the SHA-256 of every
file under assets/ (``manifest``) and of the search engine's own files (Pagefind's scripts,
stylesheets and engine, the same in every language's bundle: ``bundle_manifest``). The worker
keeps such a file under a key that names its hash, checks the bytes against the hash before
it serves a kept copy (a copy that does not match is deleted: page script can write the Cache
Storage too), keeps no response that does not match, and keeps nothing under assets/ that the
manifest does not name; no kept copy is given for a script, stylesheet or worker the manifest
does not name.

overrides/offline.html, the page the worker gives for a page not kept on the device, is
rendered by MkDocs once per language like the "page not found" page (not_found.py): written to
<language folder>/offline.html, its links relative to that address; the worker serves it with
a <base> of that address, whatever address was asked for.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

from mkdocs.utils import get_relative_url

from .. import urls

TEMPLATE = "offline.html"
WORKER = "sw.js"
ASSETS = "assets"
SETTINGS_LINE = re.compile(r"^const SITE = .*;$", re.M)


def page_address(build) -> str:
    """Where the offline page of ``build``'s language is, from the site's root."""
    return build.prefix + TEMPLATE


def base_url(build) -> str:
    """The way from the offline page of ``build``'s language to the site's root ("." or "..")."""
    return get_relative_url(".", page_address(build))


class _Needs(HTMLParser):
    """The stylesheets, icons and scripts a page loads, as its HTML writes their addresses."""

    def __init__(self):
        super().__init__()
        self.found: list = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & {"stylesheet", "icon"}:
            self.found.append(attrs.get("href"))
        elif tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])


def needs(html: str, page: str) -> list:
    """The site's files that the page at ``page`` (from the site's root) loads, from the root."""
    parser = _Needs()
    parser.feed(html)
    out = []
    for address in parser.found:
        if not address or re.match(r"^([a-z][a-z0-9+.-]*:|/)", address, re.I):
            continue  # another host's, or a data: address: nothing to keep
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), address.split("#")[0].split("?")[0]))
        if not path.startswith("..") and path not in out:
            out.append(path)
    return out


def build_id(site_dir: Path, custom_dir: Path) -> str:
    """A digest of the site's assets/ and of the theme's files (see the module's docstring)."""
    digest = hashlib.sha256()
    for name in ("mkdocs", "mkdocs-material"):
        digest.update(f"{name} {metadata.version(name)}\n".encode())
    for folder, label in ((Path(site_dir) / ASSETS, ASSETS), (Path(custom_dir), "theme")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            digest.update(f"{label}/{rel}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(site_dir: Path) -> dict:
    """Every file under the site's assets/, from the site's root, with the SHA-256 of its bytes."""
    folder = Path(site_dir) / ASSETS
    return {path.relative_to(site_dir).as_posix(): _sha256(path) for path in sorted(folder.rglob("*")) if path.is_file()}


BUNDLE = "pagefind"  # a language's search bundle: <language folder>/pagefind/
# the search engine's own files in a bundle, the same in every language's (the bundle's data,
# its chunks, entry and metadata, and each language's engine wasm.<lang>.pagefind are not)
BUNDLE_CODE = re.compile(r"^[a-z-]+\.(js|css)$|^wasm\.unknown\.pagefind$")


def bundle_manifest(site_dir: Path) -> dict:
    """The search engine's own files by name (the same in each language's bundle), with the
    SHA-256 of the default language's (the one this build has written when the worker is)."""
    folder = Path(site_dir) / BUNDLE
    if not folder.is_dir():
        return {}
    return {path.name: _sha256(path) for path in sorted(folder.iterdir()) if path.is_file() and BUNDLE_CODE.match(path.name)}


def worker_settings(build, identity: str, default_page_html: str, site_dir: Path | None = None) -> dict:
    """What the worker of this build needs: its id, each language's offline page by folder
    ("" for the default language's), the files the offline pages need, and the manifests of
    the files it may keep only with their hash (the site's in ``site_dir``)."""
    pages = {urls.prefix(lang, build.default).rstrip("/"): urls.prefix(lang, build.default) + TEMPLATE for lang in build.languages}
    settings = {"build": identity, "offline": pages, "precache": needs(default_page_html, TEMPLATE)}
    if site_dir is not None:
        settings["assets"] = manifest(Path(site_dir))
        settings["bundle"] = bundle_manifest(Path(site_dir))
    return settings


def write_worker(site_dir: str, settings: dict) -> None:
    """Write ``settings`` into the worker that MkDocs copied from the theme to the site's root."""
    worker = Path(site_dir) / WORKER
    source = worker.read_text(encoding="utf-8")
    line = "const SITE = " + json.dumps(settings, sort_keys=True, ensure_ascii=True) + ";"
    written, count = SETTINGS_LINE.subn(lambda _match: line, source, count=1)
    if count != 1:
        raise ValueError(f"{worker}: no 'const SITE = …;' line to write the build's settings into")
    worker.write_text(written, encoding="utf-8")
