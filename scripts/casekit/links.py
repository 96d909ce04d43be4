"""The targets of the links and images in a page's prose, read on its rendered HTML: each must
be a file under docs/ that the strict build finds in every language.

A link to another page is written as the path from the text's file to the page's file
(``../other-case/index.md``): the build leads each reader to the page in their language, a
case not yet written in it included (its original, shown untranslated). Every other way to
name a page (its folder, one language's file, its published address) is refused here with the
form to use, as the strict build would refuse it without naming the line."""
from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, process
from selectolax.lexbor import LexborHTMLParser

from . import html_policy
from .messages import _, _n
from .problems import MAX_REPORTED, Problem, capped

PAGE_FILE = "index.md"
LANGUAGE_FILE = re.compile(r"^index\.[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)?\.md$")  # index.es.md


def target_problems(html: str, source: str, first_line: int, path: Path, shown: str, docs_dir: Path) -> list:
    """Relative links and images of ``html`` (rendered from the file at ``path``) that lead
    to no file under ``docs_dir``, or name a page in a form the build does not follow; past
    MAX_REPORTED, one problem that counts the rest. Time linear in the size of ``html``."""
    out: dict = {}
    more = 0  # past MAX_REPORTED: counted, not located
    locate = html_policy.Locator(source, first_line)
    folder = Path(path).parent.resolve()
    site = _Site(Path(docs_dir).resolve())
    for node in LexborHTMLParser(html).css("a[href], img[src]"):
        is_image = node.tag == "img"
        target = (node.attributes.get("src" if is_image else "href") or "").strip()
        parts = urlsplit(target) if "\\" not in target else None  # a backslash: policy_problems reports it
        if not target or target.startswith("#") or parts is None or parts.scheme or parts.netloc or html_policy.link_problem(target, node.tag):
            continue
        rel = unquote(parts.path)
        if not rel:
            continue
        found = _image_problem(target, rel, folder, site) if is_image else _link_problem(target, rel, parts.fragment, folder, site)
        if found and len(out) >= MAX_REPORTED:
            more += 1
        elif found:
            out.setdefault(Problem(shown, locate((target,)), *found), None)
            site.suggest = len(out) < MAX_REPORTED  # past it, only counted: no "did you mean"
    if more:
        return capped(list(out), _n("and {count} more link or image whose target does not exist.",
                                    "and {count} more links or images whose target does not exist.", more))
    return list(out)


class _Site:
    """What one page's links are checked against: docs/, and what was already looked up in it
    (each folder's page, the case slugs), so a page of many links reads each folder once."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.suggest = True  # look for the case a misspelt link means
        self._pages: dict = {}
        self._folders: dict = {}

    def is_page(self, folder: Path) -> bool:
        if folder not in self._pages:
            self._pages[folder] = is_page(folder, self.docs_dir)
        return self._pages[folder]

    def resolve(self, path: Path) -> Path:
        """``path.resolve()``, its folder resolved once for all the links into it: the same
        path, symbolic links followed, for a page of thousands of links into one folder."""
        if path.name in ("", ".", ".."):
            return path.resolve()
        if path.parent not in self._folders:
            self._folders[path.parent] = path.parent.resolve()
        joined = self._folders[path.parent] / path.name
        return joined.resolve() if joined.is_symlink() else joined

    @cached_property
    def slugs(self) -> list:
        cases = self.docs_dir / "cases"
        return [p.name for p in cases.iterdir() if p.is_dir() and not p.name.startswith(".")] if cases.is_dir() else []


def _inside(path: Path, docs_dir: Path) -> bool:
    try:
        path.relative_to(docs_dir)
    except ValueError:
        return False
    return True


def _image_problem(target: str, rel: str, folder: Path, site: _Site):
    resolved = site.resolve(folder / rel)
    if resolved.is_file() and not rel.endswith("/") and _inside(resolved, site.docs_dir):
        return None
    return _("the image target '{target}' does not exist.", target=target), _("point it at a file next to this one.")


def is_page(folder: Path, docs_dir: Path) -> bool:
    """Whether ``folder`` is published as a page in every language: it has a text, or it is a
    case (a case's page exists in every language, its original shown where no translation is)."""
    if not folder.is_dir() or not _inside(folder, docs_dir):
        return False
    if any(folder.glob("index*.md")):
        return True
    return folder.parent == docs_dir / "cases" and (folder / "case.yml").is_file()


def _the_form(page: Path, folder: Path) -> str:
    """The link to the page of the folder ``page``, written from a file in ``folder`` (without
    a section: each language names its sections in its own words)."""
    return PurePosixPath(os.path.relpath(page / PAGE_FILE, folder).replace(os.sep, "/")).as_posix()


def _use_instead(page: Path, folder: Path, message):
    return message, _("write {form}: each reader is led to the page in their language.", form=_the_form(page, folder))


def _link_problem(target: str, rel: str, fragment: str, folder: Path, site: _Site):
    if rel.startswith("/"):
        page = _published_page(rel, site)
        if page is not None:
            return _use_instead(page, folder,
                                _("the link '{target}' is a published address of the page, which changes with where the site is published.", target=target))
        return _missing(target, None, site)
    resolved = site.resolve(folder / rel)
    name = PurePosixPath(rel).name
    if rel.endswith("/") or resolved.is_dir() or name.endswith(".html"):
        page = resolved if (rel.endswith("/") or resolved.is_dir()) else resolved.parent
        if site.is_page(page) and (not name.endswith(".html") or name == "index.html"):
            return _use_instead(page, folder, _("the link '{target}' leads to a folder, not to the page's file.", target=target))
        return _missing(target, resolved, site)
    if LANGUAGE_FILE.fullmatch(name) and site.is_page(resolved.parent):
        return _use_instead(resolved.parent, folder,
                            _("the link '{target}' names one language's file of the page; the readers of the other languages would find no page.", target=target))
    if name == PAGE_FILE and site.is_page(resolved.parent) and (resolved.is_file() or (resolved.parent / "case.yml").is_file()):
        if fragment and resolved.parent != folder:
            return _use_instead(resolved.parent, folder,
                                _("the link '{target}' leads to a section of another page, whose sections are named in each language's words.", target=target))
        return None
    if name != PAGE_FILE and resolved.is_file() and _inside(resolved, site.docs_dir) and not LANGUAGE_FILE.fullmatch(name):
        return None
    return _missing(target, resolved, site)


def _published_page(rel: str, site: _Site) -> Path | None:
    """The folder under docs/ whose page is published at the site address ``rel`` (/cases/x/,
    /es/cases/x/, /es/cases/x/index.html), else None."""
    parts = [part for part in rel.split("/") if part]
    if parts and parts[-1] in ("index.html", PAGE_FILE) or (parts and LANGUAGE_FILE.fullmatch(parts[-1])):
        parts = parts[:-1]
    docs_dir = site.docs_dir
    candidates = [parts]
    if parts and not (docs_dir / parts[0]).is_dir():  # a language's folder ("es/")
        candidates.append(parts[1:])
    for candidate in candidates:
        if ".." in candidate:
            continue
        page = docs_dir.joinpath(*candidate) if candidate else docs_dir
        if candidate and site.is_page(page):
            return page
    return None


def _missing(target: str, resolved: Path | None, site: _Site):
    closest = _closest_case(resolved, site, target) if resolved is not None and site.suggest else None
    return (_("the link target '{target}' does not exist.", target=target),
            _("did you mean {target}?", target=closest) if closest else
            _("link to another case as ../<slug>/index.md, or to a page under docs/."))


def _closest_case(resolved: Path, site: _Site, target: str) -> str | None:
    """``target`` with the name of the case it most likely means, when it leads into a case
    folder that does not exist (a misspelt slug); else None."""
    cases = site.docs_dir / "cases"
    try:
        slug = resolved.relative_to(cases).parts[0]
    except (ValueError, IndexError):
        return None
    if (cases / slug).is_dir() or slug not in target:
        return None
    found = process.extractOne(slug, site.slugs, scorer=fuzz.ratio, score_cutoff=70)
    if not found:
        return None
    head, _sep, tail = target.rpartition(slug)
    return head + found[0] + tail
