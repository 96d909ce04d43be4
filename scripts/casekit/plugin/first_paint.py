"""Each page's critical CSS inline, its stylesheets linked at the end (casekit/critical_css.py),
read from the stylesheets this build publishes (the theme's and those of overrides/)."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from .. import critical_css


def stylesheets(files) -> dict:
    """The build's CSS files: their path in the site -> (their file on disk, its modification
    time). Read once per build: the live preview builds again after an edit, and sees it."""
    return {file.src_uri: (file.abs_src_path, os.stat(file.abs_src_path).st_mtime_ns)
            for file in files if file.src_uri.endswith(".css") and file.abs_src_path}


class FirstPaint:
    def __init__(self):
        self._sheets: dict = {}  # the files (and their times) a page links -> their CriticalCss
        self._linked: dict = {}  # the addresses a page links -> the same, for the build's files
        self._files = None  # ... these (a new build, of the live preview, has files of its own)

    def inline(self, html: str, css_files: dict) -> str:
        return critical_css.inline(html, lambda hrefs: self._critical(hrefs, css_files))

    def _critical(self, hrefs: list, css_files: dict):
        if css_files is not self._files:
            self._files, self._linked = css_files, {}
        linked = tuple(hrefs)  # pages at one depth link the same addresses
        if linked not in self._linked:
            key = tuple(_file(href, css_files) for href in hrefs)  # (file, modification time) of each
            if None in key:  # a stylesheet that is not one of ours: the page stays as it is
                self._linked[linked] = None
            else:
                if key not in self._sheets:
                    self._sheets[key] = critical_css.CriticalCss([Path(path).read_text(encoding="utf-8") for path, _time in key])
                self._linked[linked] = self._sheets[key]
        return self._linked[linked]


def _file(href: str, css_files: dict):
    """The file behind a page's link, whatever its depth: the longest ending of its path that is
    a CSS file of the build (its entry of stylesheets())."""
    parts = urlsplit(href).path.split("/")
    for start in range(len(parts)):
        path = css_files.get("/".join(parts[start:]))
        if path:
            return path
    return None
